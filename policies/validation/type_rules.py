"""What each policy type adds to the grammar: principals, resources, trust and RCP rules."""

from __future__ import annotations

from .checker import Checker
from .grammar import IDENTITY_LIKE, STATEMENT_KEYS, TRUST_ACTIONS, TYPE_NAMES, glob_matches
from .jsonpos import Node


class TypeRuleChecker(Checker):
    """The rules of one policy type, checked per statement after the common grammar."""

    def check_type_rules(self, index: int, node: Node, effect: str | None) -> None:
        has = {key for key in STATEMENT_KEYS if node.get(key) is not None}
        kind = self.policy_type
        if kind in IDENTITY_LIKE:
            for key in ("Principal", "NotPrincipal"):
                if key in has:
                    self.error("PrincipalNotAllowed", f"{key} is not allowed in "
                               f"{TYPE_NAMES[kind]}: the principal is whoever the policy is "
                               "attached to.", node.key_node(key), index, key)
            if not has & {"Resource", "NotResource"}:
                self.error("MissingResource", "The statement must contain Resource or "
                           "NotResource.", node, index, "Resource")
            return
        if not has & {"Principal", "NotPrincipal"}:
            self.error("MissingPrincipal", f"{TYPE_NAMES[kind].capitalize()} must name a "
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
                    glob_matches(action, allowed) for allowed in TRUST_ACTIONS
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
