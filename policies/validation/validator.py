"""Grammar validation of policy documents for every policy type (evaluation.md section 5)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..engine.positions import LineIndex
from . import conditions, references
from .findings import Finding, PolicyType, Severity, ValidationReport
from .jsonpos import JsonSyntaxError, Node, parse
from .lint import DEFAULT_RULES

MAX_DOCUMENT_LENGTH = 131_072
TOP_LEVEL_KEYS = ("Version", "Id", "Statement")
STATEMENT_KEYS = (
    "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
    "Principal", "NotPrincipal", "Condition",
)
VERSIONS = ("2012-10-17", "2008-10-17")
PARTITIONS = ("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
              "aws-eusc")
IAM_RESOURCE_TYPES = (
    "user/", "role/", "group/", "policy/", "instance-profile/", "mfa/", "saml-provider/",
    "oidc-provider/", "server-certificate/", "sms-mfa/", "access-report/", "root",
)
TRUST_ACTIONS = (
    "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession",
    "SetSourceIdentity", "SetContext",
)
PRINCIPAL_KEYS = ("AWS", "Service", "Federated", "CanonicalUser")
IDENTITY_LIKE = ("identity", "boundary", "session", "scp")
_ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$")
_SID_STRICT = re.compile(r"^[A-Za-z0-9]*$")
_ACCOUNT_ID = re.compile(r"^\d{12}$")
_PRINCIPAL_ARN = re.compile(
    r"^arn:[a-z-]+:(iam::(\d{12}|aws):(root|user/.+|role/.+|federated-user/.+|saml-provider/.+"
    r"|oidc-provider/.+)|sts::\d{12}:(assumed-role/.+/.+|federated-user/.+))$"
)
_VARIABLE = re.compile(r"\$\{[^}]*\}")


def _glob_matches(pattern: str, value: str) -> bool:
    regex = "^" + re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".") + "$"
    return re.match(regex, value, re.IGNORECASE) is not None


def _allowed_characters_problem(text: str) -> int | None:
    """Offset of the first character AWS refuses (only TAB, LF, CR, U+0020-U+00FF)."""
    for offset, ch in enumerate(text):
        if not (ch in "\t\n\r" or " " <= ch <= "\u00ff"):
            return offset
    return None


def policy_size(text: str) -> int:
    """Characters counted against AWS's size quotas: everything but whitespace."""
    return sum(1 for ch in text if not ch.isspace())


class _Checker:
    """Collects findings while walking one parsed document."""

    def __init__(self, text: str, policy_type: PolicyType):
        self.text = text
        self.policy_type = policy_type
        self.lines = LineIndex(text)
        self.findings: list[Finding] = []
        self.uses_variables = False

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        node: Node | None,
        statement: int | None = None,
        element: str | None = None,
    ) -> None:
        start, end = (node.start, node.end) if node is not None else (0, len(self.text))
        first, last = self.lines.position(start), self.lines.position(max(end, start))
        self.findings.append(
            Finding(severity, code, message, statement, element, first.line, first.column,
                    last.line, last.column)
        )

    def error(self, code: str, message: str, node: Node | None, statement: int | None = None,
              element: str | None = None) -> None:
        self.add("error", code, message, node, statement, element)

    def warn(self, code: str, message: str, node: Node | None, statement: int | None = None,
             element: str | None = None) -> None:
        self.add("warning", code, message, node, statement, element)

    # -- document -----------------------------------------------------------------------
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
        if version is None:
            if self.policy_type == "rcp":
                self.error("MissingVersion", "Resource control policies require "
                           '"Version": "2012-10-17".', root, element="Version")
            else:
                self.warn("MissingVersion", 'Add "Version": "2012-10-17": without it AWS uses '
                          "the 2008-10-17 language, which has no policy variables.", root,
                          element="Version")
            return
        if version.kind != "string" or version.value not in VERSIONS:
            self.error("InvalidVersion",
                       'Version must be "2012-10-17" (or the legacy "2008-10-17").', version,
                       element="Version")
        elif version.value == "2008-10-17" and self.policy_type == "rcp":
            self.error("InvalidVersion", 'Resource control policies require "2012-10-17".',
                       version, element="Version")

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
        if not _SID_STRICT.match(sid.value):
            strict = self.policy_type not in ("resource", "endpoint")
            self.add("error" if strict else "warning", "InvalidSid",
                     "Sid may only contain letters and digits (A-Z, a-z, 0-9).", sid, index,
                     "Sid")
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

    def string_list(self, index: int, name: str, node: Node) -> list[Node]:
        """The string items of a string-or-list element, reporting anything else."""
        if node.kind == "string":
            items = [node]
        elif node.kind == "array":
            if not node.items:
                self.error("EmptyList", f"{name} must not be an empty list.", node, index, name)
            items = node.items
        else:
            self.error("InvalidType", f"{name} must be a string or a list of strings.", node,
                       index, name)
            return []
        good = []
        for item in items:
            if item.kind != "string":
                self.error("InvalidType", f"Every {name} entry must be a string.", item, index,
                           name)
            elif not item.value:
                self.error("EmptyString", f"{name} entries must not be empty.", item, index, name)
            else:
                good.append(item)
        return good

    def check_actions(self, index: int, name: str, node: Node) -> None:
        for item in self.string_list(index, name, node):
            action = item.value
            if action.strip("*") == "":
                continue
            if not _ACTION.match(action):
                self.error("InvalidAction", f"{action!r} is not a valid action: use "
                           "service:ActionName (wildcards * and ? only in the action name).",
                           item, index, name)
                continue
            problem = references.unknown_action(action)
            if problem:
                self.warn("UnknownAction", problem, item, index, name)

    def check_resources(self, index: int, name: str, node: Node) -> None:
        for item in self.string_list(index, name, node):
            value = item.value
            if _VARIABLE.search(value):
                self.uses_variables = True
            if value.strip("*") == "":
                continue
            problem = self.resource_problem(value)
            if problem:
                self.error("InvalidResource", problem, item, index, name)

    def resource_problem(self, value: str) -> str | None:
        fields = value.split(":", 5)
        if fields[0] != "arn" or len(fields) < 6 or not fields[5]:
            return (f"{value!r} is not a valid resource: use * or an ARN of the form "
                    "arn:partition:service:region:account:resource.")
        partition, service, region = fields[1], fields[2], fields[3]
        if not any(_glob_matches(partition, known) for known in PARTITIONS):
            return f"The partition {partition!r} in {value!r} is not an AWS partition."
        if service.lower() == "iam":
            if region and region != "*":
                return f"IAM resources have no region: {value!r} names {region!r}."
            resource = fields[5]
            if not (resource.startswith(IAM_RESOURCE_TYPES) or resource[0] in "*?$"):
                return (f"{value!r} does not name an IAM resource type "
                        "(user/, role/, group/, policy/, instance-profile/, mfa/, ...).")
        return None

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
                problem = self.principal_problem(key_node.value, item.value)
                if problem:
                    self.error("InvalidPrincipal", problem, item, index, name)

    @staticmethod
    def principal_problem(kind: str, value: str) -> str | None:
        if kind == "AWS":
            if value == "*" or _ACCOUNT_ID.match(value) or _PRINCIPAL_ARN.match(value):
                return None
            if re.match(r"^A[A-Z0-9]{15,127}$", value):
                return None  # unique IDs are accepted; AWS shows them for deleted principals
            return (f"{value!r} is not a valid AWS principal: use an account ID, or the ARN of "
                    "the account root, a user, a role or a session.")
        if kind == "Service":
            if value == "*" or re.match(r"^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$", value):
                return None
            return f"{value!r} is not a service principal such as ec2.amazonaws.com."
        if kind == "Federated" and not value:
            return "A federated principal must not be empty."
        return None

    def check_condition(self, index: int, node: Node, statement: Node) -> None:
        if node.kind != "object":
            self.error("InvalidCondition", "Condition must be an object of operators.", node,
                       index, "Condition")
            return
        actions = [i.value for i in self.string_list_quiet(statement.get("Action"))]
        for operator_node, block in node.members:
            try:
                prefix, base, _ = conditions.parse_operator(operator_node.value)
            except conditions.OperatorError as exc:
                self.error("InvalidConditionOperator", str(exc), operator_node, index,
                           "Condition")
                continue
            if block.kind != "object" or not block.members:
                self.error("InvalidCondition", f"The {operator_node.value} block must be a "
                           "non-empty object of condition keys.", block, index, "Condition")
                continue
            for key_node, values in block.members:
                self.check_condition_values(index, base, key_node, values, actions)

    def check_condition_values(self, index: int, base: str, key_node: Node, values: Node,
                               actions: Sequence[str]) -> None:
        items = values.items if values.kind == "array" else [values]
        if values.kind == "array" and not items:
            self.error("InvalidCondition", f"The values of {key_node.value} must not be an "
                       "empty list.", values, index, "Condition")
        for item in items:
            if item.kind not in ("string", "bool", "number"):
                self.error("InvalidCondition", "Condition values must be strings, numbers or "
                           "booleans.", item, index, "Condition")
                continue
            text = _condition_text(item.value)
            if "${" in text:
                self.uses_variables = True
            problem = conditions.value_problem(base, text)
            if problem:
                self.error("InvalidConditionValue", problem, item, index, "Condition")
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

    @staticmethod
    def string_list_quiet(node: Node | None) -> list[Node]:
        if node is None:
            return []
        items = node.items if node.kind == "array" else [node]
        return [i for i in items if i.kind == "string"]

    def check_type_rules(self, index: int, node: Node, effect: str | None) -> None:
        has = {key for key in STATEMENT_KEYS if node.get(key) is not None}
        kind = self.policy_type
        if kind in IDENTITY_LIKE:
            for key in ("Principal", "NotPrincipal"):
                if key in has:
                    self.error("PrincipalNotAllowed", f"{key} is not allowed in "
                               f"{_TYPE_NAMES[kind]}: the principal is whoever the policy is "
                               "attached to.", node.key_node(key), index, key)
            if not has & {"Resource", "NotResource"}:
                self.error("MissingResource", "The statement must contain Resource or "
                           "NotResource.", node, index, "Resource")
            return
        if not has & {"Principal", "NotPrincipal"}:
            self.error("MissingPrincipal", f"{_TYPE_NAMES[kind].capitalize()} must name a "
                       "Principal in every statement.", node, index, "Principal")
        if kind == "trust":
            self.check_trust_statement(index, node, has)
        elif kind == "rcp":
            self.check_rcp_statement(index, node, has, effect)
        elif kind == "endpoint" and "NotPrincipal" in has:
            self.error("NotPrincipalNotAllowed", "VPC endpoint policies do not support "
                       "NotPrincipal.", node.key_node("NotPrincipal"), index, "NotPrincipal")

    def check_trust_statement(self, index: int, node: Node, has: set[str]) -> None:
        for key in ("Resource", "NotResource"):
            if key in has:
                self.error("ResourceNotAllowed", f"{key} is not allowed in a role trust "
                           "policy: the resource is the role itself.", node.key_node(key),
                           index, key)
        for name in ("Action", "NotAction"):
            for item in self.string_list_quiet(node.get(name)):
                service, _, action = item.value.partition(":")
                if item.value.strip("*") == "" or service.lower() != "sts" or not any(
                    _glob_matches(action, allowed) for allowed in TRUST_ACTIONS
                ):
                    self.error("InvalidTrustAction", "Trust policies only allow "
                               + ", ".join(f"sts:{a}" for a in TRUST_ACTIONS) + ".", item,
                               index, name)

    def check_rcp_statement(self, index: int, node: Node, has: set[str],
                            effect: str | None) -> None:
        if effect == "Allow":
            self.error("InvalidEffect", "Resource control policies only allow Deny statements "
                       "(RCPFullAWSAccess is always present).", node.get("Effect"), index,
                       "Effect")
        for key in ("NotPrincipal", "NotAction"):
            if key in has:
                self.error(f"{key}NotAllowed", f"Resource control policies do not support "
                           f"{key}.", node.key_node(key), index, key)
        principal = node.get("Principal")
        if principal is not None and not (principal.kind == "string" and principal.value == "*"):
            self.error("InvalidPrincipal", 'The Principal of a resource control policy must be '
                       'exactly "*".', principal, index, "Principal")
        for item in self.string_list_quiet(node.get("Action")):
            if item.value.strip("*") == "":
                self.error("InvalidAction", 'Resource control policies cannot use "Action": '
                           '"*": name the services\' actions.', item, index, "Action")


_TYPE_NAMES = {
    "identity": "identity-based policies", "boundary": "permissions boundaries",
    "session": "session policies", "scp": "service control policies",
    "trust": "role trust policies", "resource": "resource-based policies",
    "rcp": "resource control policies", "endpoint": "VPC endpoint policies",
}


def _condition_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def validate_policy(
    text: str,
    policy_type: PolicyType,
    *,
    max_size: int | None = None,
    lint_rules: Sequence[Any] | None = None,
) -> ValidationReport:
    """Validate a policy document's text for one policy type; never raises on bad input."""
    if not isinstance(text, str):
        raise TypeError("validate_policy expects the document as text")
    checker = _Checker(text, policy_type)
    size = policy_size(text)
    if not text.strip():
        checker.error("EmptyDocument", "The policy document is empty.", None)
        return ValidationReport(policy_type, tuple(checker.findings), None, size)
    if len(text) > MAX_DOCUMENT_LENGTH:
        checker.error("DocumentTooLong", f"The document has {len(text):,} characters; the "
                      f"maximum is {MAX_DOCUMENT_LENGTH:,}.", None)
    bad = _allowed_characters_problem(text)
    if bad is not None:
        checker.error("InvalidCharacter", f"The character {text[bad]!r} is not allowed: use "
                      "tab, line feed, carriage return and U+0020 to U+00FF only.",
                      Node("string", None, bad, bad + 1))
    try:
        root = parse(text)
    except JsonSyntaxError as exc:
        checker.error("InvalidJson", f"The document is not valid JSON: {exc.message}",
                      Node("string", None, exc.offset, exc.offset + 1))
        return ValidationReport(policy_type, tuple(checker.findings), None, size)
    if max_size is not None and size > max_size:
        checker.error("PolicySizeExceeded", f"The policy has {size:,} characters excluding "
                      f"whitespace; the maximum is {max_size:,}.", root)
    statements = checker.check_document(root)
    sids: dict[str, int] = {}
    for index, statement in statements:
        checker.check_statement(index, statement, sids)
    for rule in DEFAULT_RULES if lint_rules is None else lint_rules:
        rule.check(checker, root, statements)
    checker.findings.sort(key=lambda f: (f.line, f.column, f.severity != "error"))
    document = root.value if root.kind == "object" else None
    return ValidationReport(policy_type, tuple(checker.findings), document, size)
