"""The grammar of a document and its statements: elements, actions, resources, principals."""

from __future__ import annotations

from collections.abc import Sequence

from . import conditions, references
from .grammar import (
    IAM_STORED,
    IDENTITY_LIKE,
    PRINCIPAL_KEYS,
    SID_LETTERS_AND_DIGITS,
    SID_STRICT,
    STATEMENT_KEYS,
    TOP_LEVEL_KEYS,
    TYPE_NAMES,
    VARIABLE,
    VERSIONS,
    action_problem,
    condition_text,
    principal_problem,
    resource_problem,
)
from .jsonpos import Node
from .type_rules import TypeRuleChecker


class StatementChecker(TypeRuleChecker):
    """Checks the document's top level and each statement's elements."""

    def check_document(self, root: Node) -> list[tuple[int, Node]]:
        if root.kind != "object":
            self.error("NotAnObject", "A policy document must be a JSON object.", root)
            return []
        seen: set[str] = set()
        for key_node, _ in root.members:
            key = key_node.value
            if key in seen:
                self.error("DuplicateKey", f"The element {key} appears more than once.", key_node,
                           element=key)
            seen.add(key)
            if key not in TOP_LEVEL_KEYS:
                self.error("UnknownElement",
                           f"{key} is not a valid top-level element: use Version, Id and "
                           "Statement only.", key_node, element=key)
        self.check_version(root)
        identifier = root.get("Id")
        if identifier is not None and identifier.kind != "string":
            self.error("InvalidId", "Id must be a string.", identifier, element="Id")
        statement = root.get("Statement")
        if statement is None:
            self.error("MissingStatement", "The policy must contain a Statement element.", root,
                       element="Statement")
            return []
        if statement.kind == "object":
            return [(0, statement)]
        if statement.kind != "array":
            self.error("InvalidStatement",
                       "Statement must be an object or a list of objects.", statement,
                       element="Statement")
            return []
        if not statement.items:
            self.error("EmptyStatement", "Statement must contain at least one statement.",
                       statement, element="Statement")
        found = []
        for index, item in enumerate(statement.items):
            if item.kind != "object":
                self.error("InvalidStatement", "Each statement must be a JSON object.", item,
                           index, "Statement")
            else:
                found.append((index, item))
        return found

    def check_version(self, root: Node) -> None:
        version = root.get("Version")
        # IAM stores identity policies (and so boundaries) only in the current language.
        current_only = self.policy_type in ("rcp", *IAM_STORED)
        if version is None:
            if current_only:
                self.error("MissingVersion", f"{TYPE_NAMES[self.policy_type].capitalize()} "
                           'require "Version": "2012-10-17".', root, element="Version")
            else:
                self.warn("MissingVersion", 'Add "Version": "2012-10-17": without it AWS uses '
                          "the 2008-10-17 language, which has no policy variables.", root,
                          element="Version")
            return
        if version.kind != "string" or version.value not in VERSIONS:
            self.error("InvalidVersion",
                       'Version must be "2012-10-17" (or the legacy "2008-10-17").', version,
                       element="Version")
        elif version.value == "2008-10-17" and current_only:
            self.error("InvalidVersion", f"{TYPE_NAMES[self.policy_type].capitalize()} "
                       'require "2012-10-17".', version, element="Version")

    # -- statements ---------------------------------------------------------------------
    def check_statement(self, index: int, node: Node, sids: dict[str, int]) -> None:
        seen: set[str] = set()
        for key_node, value_node in node.members:
            key = key_node.value
            if key in seen:
                self.error("DuplicateKey", f"The element {key} appears more than once in the "
                           "statement.", key_node, index, key)
            seen.add(key)
            if key not in STATEMENT_KEYS:
                self.error("UnknownElement", f"{key} is not a valid statement element.",
                           key_node, index, key)
            elif value_node.kind == "null":
                self.error("NullElement", f"{key} cannot be null.", value_node, index, key)
        self.check_sid(index, node, sids)
        effect = self.check_effect(index, node)
        self.check_pairs(index, node)
        for name in ("Action", "NotAction"):
            value = node.get(name)
            if value is not None:
                self.check_actions(index, name, value)
        for name in ("Resource", "NotResource"):
            value = node.get(name)
            if value is not None:
                self.check_resources(index, name, value)
        for name in ("Principal", "NotPrincipal"):
            value = node.get(name)
            if value is not None and self.policy_type not in IDENTITY_LIKE:
                self.check_principal(index, name, value)
        condition = node.get("Condition")
        if condition is not None and condition.kind != "null":
            self.check_condition(index, condition, node)
        self.check_type_rules(index, node, effect)

    def check_sid(self, index: int, node: Node, sids: dict[str, int]) -> None:
        sid = node.get("Sid")
        if sid is None or sid.kind == "null":
            return
        if sid.kind != "string":
            self.error("InvalidSid", "Sid must be a string.", sid, index, "Sid")
            return
        if self.policy_type in SID_LETTERS_AND_DIGITS and not SID_STRICT.match(sid.value):
            self.error("InvalidSid", f"In {TYPE_NAMES[self.policy_type]} a Sid may only "
                       "contain letters and digits (A-Z, a-z, 0-9).", sid, index, "Sid")
        if sid.value and sid.value in sids:
            self.error("DuplicateSid", f"The Sid {sid.value!r} is already used by statement "
                       f"{sids[sid.value] + 1}; Sids must be unique within a policy.", sid,
                       index, "Sid")
        sids.setdefault(sid.value, index)

    def check_effect(self, index: int, node: Node) -> str | None:
        effect = node.get("Effect")
        if effect is None:
            self.error("MissingEffect", "The statement must have an Effect of Allow or Deny.",
                       node, index, "Effect")
            return None
        if effect.kind != "string" or effect.value not in ("Allow", "Deny"):
            self.error("InvalidEffect", 'Effect must be exactly "Allow" or "Deny".', effect,
                       index, "Effect")
            return None
        return str(effect.value)

    def check_pairs(self, index: int, node: Node) -> None:
        for a, b in (("Action", "NotAction"), ("Resource", "NotResource"),
                     ("Principal", "NotPrincipal")):
            if node.get(a) is not None and node.get(b) is not None:
                self.error("ConflictingElements", f"A statement cannot contain both {a} and {b}.",
                           node.key_node(b), index, b)
        if node.get("Action") is None and node.get("NotAction") is None:
            self.error("MissingAction", "The statement must contain Action or NotAction.", node,
                       index, "Action")

    def check_actions(self, index: int, name: str, node: Node) -> None:
        for item in self.string_list(index, name, node):
            action = item.value
            problem = action_problem(action)
            if problem:
                self.add(problem[0], "InvalidAction", problem[1], item, index, name)
                continue
            if action.strip("*") == "":
                continue
            unknown = references.unknown_action(action)
            if unknown:
                self.warn("UnknownAction", unknown, item, index, name)

    def check_resources(self, index: int, name: str, node: Node) -> None:
        for item in self.string_list(index, name, node, nulls=True):
            value = item.value
            if VARIABLE.search(value):
                self.uses_variables = True
            if value.strip("*") == "":
                continue
            problem = resource_problem(value)
            if problem:
                self.add(problem[0], "InvalidResource", problem[1], item, index, name)

    def check_principal(self, index: int, name: str, node: Node) -> None:
        if node.kind == "string":
            if node.value != "*":
                self.error("InvalidPrincipal", f'{name} must be "*" or an object such as '
                           '{"AWS": "arn:aws:iam::123456789012:root"}.', node, index, name)
            return
        if node.kind != "object" or not node.members:
            self.error("InvalidPrincipal", f"{name} must be \"*\" or a non-empty object with "
                       "AWS, Service, Federated or CanonicalUser.", node, index, name)
            return
        for key_node, value_node in node.members:
            if key_node.value not in PRINCIPAL_KEYS:
                self.error("InvalidPrincipal", f"{key_node.value!r} is not a principal type: "
                           "use AWS, Service, Federated or CanonicalUser.", key_node, index, name)
                continue
            for item in self.string_list(index, name, value_node):
                problem = principal_problem(key_node.value, item.value)
                if problem:
                    self.error("InvalidPrincipal", problem, item, index, name)

    def check_condition(self, index: int, node: Node, statement: Node) -> None:
        if node.kind != "object":
            self.error("InvalidCondition", "Condition must be an object of operators.", node,
                       index, "Condition")
            return
        actions = [i.value for i in self.string_list_quiet(statement.get("Action"))]
        for operator_node, block in node.members:
            empty = block.kind == "object" and not block.members
            try:
                prefix, base, _ = conditions.parse_operator(operator_node.value)
            except conditions.OperatorError as exc:
                # IAM accepts an unknown operator whose block is empty: it tests nothing.
                self.add("warning" if empty else "error", "InvalidConditionOperator",
                         str(exc), operator_node, index, "Condition")
                continue
            if block.kind != "object" or empty:
                self.add("warning" if empty else "error", "InvalidCondition",
                         f"The {operator_node.value} block must be a non-empty object of "
                         "condition keys.", block, index, "Condition")
                continue
            for key_node, values in block.members:
                self.check_condition_values(index, base, key_node, values, actions)

    def check_condition_values(self, index: int, base: str, key_node: Node, values: Node,
                               actions: Sequence[str]) -> None:
        items = values.items if values.kind == "array" else [values]
        if values.kind == "array" and not items:
            self.warn("InvalidCondition", f"The values of {key_node.value} are an empty list: "
                      "the condition compares the key with nothing.", values, index, "Condition")
        for item in items:
            if item.kind not in ("string", "bool", "number"):
                self.error("InvalidCondition", "Condition values must be strings, numbers or "
                           "booleans.", item, index, "Condition")
                continue
            text = condition_text(item.value)
            if "${" in text:
                self.uses_variables = True
            problem = conditions.value_problem(base, text)
            if problem:
                self.add(problem[0], "InvalidConditionValue", problem[1], item, index,
                         "Condition")
        key = key_node.value
        key_type = references.condition_key_type(key, actions)
        if key_type is None:
            self.warn("UnknownConditionKey", f"{key} is not a condition key known for "
                      "the statement's actions or a global condition key.", key_node,
                      index, "Condition")
            return
        mismatch = conditions.type_mismatch(base, key_type)
        if mismatch:
            self.add("suggestion", "ConditionTypeMismatch", mismatch, key_node, index,
                     "Condition")
