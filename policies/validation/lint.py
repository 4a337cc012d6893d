"""Lint rules: risky but valid patterns reported as warnings, pluggable like password validators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from policies.engine.globs import glob_matches

from .jsonpos import Node


class LintRule(Protocol):
    """A rule looks at the parsed document and adds findings through the checker."""

    def check(self, checker: Any, root: Node, statements: Sequence[tuple[int, Node]]) -> None:
        """Add findings for this rule."""


def _values(node: Node | None) -> list[Node]:
    if node is None:
        return []
    items = node.items if node.kind == "array" else [node]
    return [item for item in items if item.kind == "string"]


def _effect(statement: Node) -> str | None:
    effect = statement.get("Effect")
    return effect.value if effect is not None and effect.kind == "string" else None


def _action_covers(pattern: str, action: str) -> bool:
    if pattern.strip("*") == "":
        return True
    service, _, name = pattern.partition(":")
    wanted_service, _, wanted = action.partition(":")
    if service.lower() != wanted_service.lower():
        return False
    return glob_matches(name, wanted)


# The rules below that speak of what a policy grants its holder apply to identity-based
# policies only: a boundary, a session policy or an SCP allowing everything limits nothing (AWS's
# default SCP is FullAWSAccess), and a resource policy grants only on its own resource.
GRANTS_TO_HOLDER = ("identity",)


class FullAccessRule:
    """An Allow of every action on every resource makes the holder an administrator."""

    def check(self, checker: Any, root: Node, statements: Sequence[tuple[int, Node]]) -> None:
        if checker.policy_type not in GRANTS_TO_HOLDER:
            return
        for index, statement in statements:
            if _effect(statement) != "Allow":
                continue
            actions = [a for a in _values(statement.get("Action")) if a.value.strip("*") == ""]
            resources = [r.value for r in _values(statement.get("Resource"))]
            if actions and (statement.get("Resource") is None or "*" in resources):
                checker.warn("FullAccess", 'This statement allows "Action": "*" on '
                             '"Resource": "*": full administrator access. Grant only the '
                             "actions needed.", actions[0], index, "Action")


class PassRoleWildcardRule:
    """iam:PassRole on every resource lets the holder hand any role to a service."""

    def check(self, checker: Any, root: Node, statements: Sequence[tuple[int, Node]]) -> None:
        if checker.policy_type not in GRANTS_TO_HOLDER:
            return
        for index, statement in statements:
            if _effect(statement) != "Allow":
                continue
            resources = [r.value for r in _values(statement.get("Resource"))]
            if "*" not in resources:
                continue
            for action in _values(statement.get("Action")):
                if action.value.strip("*") and _action_covers(action.value, "iam:PassRole"):
                    checker.warn("PassRoleWithStarResource", "iam:PassRole with "
                                 '"Resource": "*" lets the holder pass any role, and so '
                                 "its permissions, to a service. Name the roles.", action,
                                 index, "Action")


class NotActionWithAllowRule:
    """Allow with NotAction grants every action not listed, including future ones."""

    def check(self, checker: Any, root: Node, statements: Sequence[tuple[int, Node]]) -> None:
        for index, statement in statements:
            not_action = statement.get("NotAction")
            if _effect(statement) == "Allow" and not_action is not None:
                checker.warn("AllowWithNotAction", "Allow with NotAction grants every action "
                             "not listed, including actions AWS adds later. Prefer listing "
                             "the actions to allow.", statement.key_node("NotAction"), index,
                             "NotAction")


class NotPrincipalRule:
    """NotPrincipal is error-prone: with Deny it denies everyone not listed, sessions included."""

    def check(self, checker: Any, root: Node, statements: Sequence[tuple[int, Node]]) -> None:
        for index, statement in statements:
            if statement.get("NotPrincipal") is None:
                continue
            key = statement.key_node("NotPrincipal")
            if _effect(statement) == "Deny":
                checker.warn("DenyWithNotPrincipal", "Deny with NotPrincipal denies every "
                             "principal not listed, including the sessions of listed roles "
                             "unless their session ARNs and account are listed too. Prefer "
                             "conditions on aws:PrincipalArn.", key, index, "NotPrincipal")
            else:
                checker.warn("AllowWithNotPrincipal", "Allow with NotPrincipal grants access "
                             "to every principal not listed, anonymous callers included.", key,
                             index, "NotPrincipal")


class LegacyVersionVariablesRule:
    """Policy variables are plain text under the 2008-10-17 language."""

    def check(self, checker: Any, root: Node, statements: Sequence[tuple[int, Node]]) -> None:
        version = root.get("Version")
        if version is not None and version.value == "2008-10-17" and checker.uses_variables:
            checker.warn("VariablesNeedVersion2012", "This policy uses ${...} policy variables, "
                         'which only work with "Version": "2012-10-17".', version,
                         element="Version")


DEFAULT_RULES: tuple[LintRule, ...] = (
    FullAccessRule(),
    PassRoleWildcardRule(),
    NotActionWithAllowRule(),
    NotPrincipalRule(),
    LegacyVersionVariablesRule(),
)
