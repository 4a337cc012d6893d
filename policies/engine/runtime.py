"""Run-time pieces of evaluation: bound statements, per-action plans and policy-set runs."""

from __future__ import annotations

from collections.abc import Sequence

from policies.engine.compiler import CompiledStatement
from policies.engine.conditions import Condition
from policies.engine.matching import ResourceMatcher
from policies.engine.principals import ACCOUNT, NONE
from policies.engine.services import ServiceRules
from policies.engine.types import MatchedStatement
from policies.engine.variables import Context

ALLOW, IMPLICIT, EXPLICIT = 0, 1, 2
NAMES = ("allowed", "implicitDeny", "explicitDeny")


class Rule:
    """A statement bound to its place in the request (MatchedStatement) and principal grade."""

    __slots__ = (
        "deny",
        "resource",
        "matcher",
        "conditions",
        "keys",
        "resource_keys",
        "grade",
        "match",
    )

    def __init__(self, statement: CompiledStatement, match: MatchedStatement, grade: int):
        self.deny = statement.deny
        matcher = self.resource = statement.resource
        # A positive Resource element with a "*" entry matches every request resource.
        self.matcher: ResourceMatcher | None = (
            None if matcher is not None and matcher.has_all and not matcher.negated else matcher
        )
        self.conditions: tuple[Condition, ...] = statement.conditions
        self.keys = tuple((key.lower(), key) for key in statement.keys)
        variables = statement.resource.variables if statement.resource else ()
        self.resource_keys = tuple((key.lower(), key) for key in variables)
        self.grade = grade
        self.match = match


Rules = tuple[Rule, ...]
#: The statements that applied to a request, in order (appended to as policy sets run).
Found = list[MatchedStatement]


class Entry:
    """A rule resolved against one action's context: whether its conditions hold is known."""

    __slots__ = ("matcher", "deny", "applies", "missing", "resource_missing", "match", "grade")

    def __init__(self, rule: Rule, context: Context) -> None:
        self.matcher = rule.matcher
        self.deny = rule.deny
        self.applies = all(condition(context) for condition in rule.conditions)
        self.missing = tuple(key for lower, key in rule.keys if lower not in context)
        self.resource_missing = tuple(
            key for lower, key in rule.resource_keys if lower not in context
        )
        self.match = rule.match
        self.grade = rule.grade


class PolicySetRun:
    """One policy set's result for one action: ``evaluate`` (``evaluate_resource`` for the
    resource policy) per request resource; sets found constant at construction (no
    statement depends on the resource or the request) return their folded result."""

    __slots__ = ("constant", "outcome", "result", "matches", "missing")

    def _fold(self, constant: bool, context: Context, resource_policy: bool) -> None:
        self.constant = constant
        matches: list[MatchedStatement] = []
        missing: list[str] = []
        self.outcome = ALLOW
        self.result: tuple[str, int, bool] = ("implicitDeny", NONE, False)
        if constant and resource_policy:
            self.result = self.run_resource("*", True, False, context, matches, missing)
        elif constant:
            self.outcome = self.run("*", True, False, context, matches, missing)
        self.matches = tuple(matches)
        self.missing = tuple(missing)

    def evaluate(self, resource: str, star: bool, wildcard_only: bool, context: Context,
                 matched: Found, missing: list[str]) -> int:
        """Policy-set result for one request resource (constant sets skip matching)."""
        if self.constant:
            if self.matches:
                matched.extend(self.matches)
            if self.missing:
                missing.extend(self.missing)
            return self.outcome
        return self.run(resource, star, wildcard_only, context, matched, missing)

    def evaluate_resource(self, resource: str, star: bool, wildcard_only: bool, context: Context,
                          matched: Found, missing: list[str]) -> tuple[str, int, bool]:
        """Resource-policy result for one request resource (see ``run_resource``)."""
        if self.constant:
            if self.matches:
                matched.extend(self.matches)
            if self.missing:
                missing.extend(self.missing)
            return self.result
        return self.run_resource(resource, star, wildcard_only, context, matched, missing)

    def run(self, resource: str, star: bool, wildcard_only: bool, context: Context,
            matched: Found, missing: list[str]) -> int:
        """Policy-set result: any applicable Deny, else any applicable Allow, else implicit."""
        raise NotImplementedError

    def run_resource(self, resource: str, star: bool, wildcard_only: bool, context: Context,
                     matched: Found, missing: list[str]) -> tuple[str, int, bool]:
        """Resource-policy result: (outcome, best Allow grade, has an account-grade Allow)."""
        raise NotImplementedError


def resource_outcome(deny_grade: int, allow_grade: int) -> str:
    """A resource policy's outcome from its best applicable Deny and Allow grades."""
    if deny_grade > ACCOUNT:
        return "explicitDeny"
    if deny_grade == ACCOUNT:
        return "deniedForAccount"
    if allow_grade > ACCOUNT:
        return "allowed"
    if allow_grade == ACCOUNT:
        return "allowedForAccount"
    return "implicitDeny"


class Component(PolicySetRun):
    """One policy set's candidate statements for one action, resolved against the context.

    The context is fixed for an evaluator, so conditions are evaluated once per action; a
    request then only matches resources. Sets whose statements do not depend on the
    resource are folded into a constant result.
    """

    __slots__ = ("entries",)

    def __init__(self, rules: Sequence[Rule], context: Context, resource_policy: bool) -> None:
        self.entries = tuple(
            entry
            for entry in (Entry(rule, context) for rule in rules)
            # Statements whose Principal does not cover the caller never apply.
            if entry.grade != NONE and (entry.applies or entry.missing or entry.resource_missing)
        )
        # With no resource-dependent statement, the result is the same for every resource.
        self._fold(all(entry.matcher is None for entry in self.entries), context, resource_policy)

    def run(self, resource: str, star: bool, wildcard_only: bool, context: Context,
            matched: Found, missing: list[str]) -> int:
        allow = deny = False
        for entry in self.entries:
            matcher = entry.matcher
            if matcher is not None and not matcher.matches(
                resource, star, wildcard_only, entry.deny, context
            ):
                if entry.resource_missing:
                    missing.extend(entry.resource_missing)
                continue
            if entry.missing:
                missing.extend(entry.missing)
            if entry.applies:
                matched.append(entry.match)
                if entry.deny:
                    deny = True
                else:
                    allow = True
        return EXPLICIT if deny else ALLOW if allow else IMPLICIT

    def run_resource(self, resource: str, star: bool, wildcard_only: bool, context: Context,
                     matched: Found, missing: list[str]) -> tuple[str, int, bool]:
        return run_resource_entries(
            self.entries, resource, star, wildcard_only, context, matched, missing
        )


def run_resource_entries(entries: Sequence[Entry], resource: str, star: bool,
                         wildcard_only: bool, context: Context, matched: Found,
                         missing: list[str]) -> tuple[str, int, bool]:
    """Resource-policy result of resolved statements: (outcome, best Allow grade, has an
    account-grade Allow)."""
    allow_grade = deny_grade = NONE
    account_allow = False
    for entry in entries:
        matcher = entry.matcher
        if matcher is not None and not matcher.matches(
            resource, star, wildcard_only, entry.deny, context
        ):
            continue
        if entry.missing:
            missing.extend(entry.missing)
        if entry.applies:
            matched.append(entry.match)
            grade = entry.grade
            if entry.deny:
                deny_grade = max(deny_grade, grade)
            else:
                allow_grade = max(allow_grade, grade)
                account_allow = account_allow or grade == ACCOUNT
    return resource_outcome(deny_grade, allow_grade), allow_grade, account_allow


class Plan:
    """Everything about one action that does not depend on the resource: built once (the
    batch evaluator's, with the context resolved; ``ActionPlan`` is the per-request one)."""

    __slots__ = (
        "wildcard_only",
        "context",
        "rules",
        "identity",
        "session",
        "boundary",
        "resource",
        "scp",
        "rcp",
        "endpoint",
    )

    wildcard_only: bool
    context: Context
    rules: ServiceRules
    identity: PolicySetRun
    session: PolicySetRun | None
    boundary: PolicySetRun | None
    resource: PolicySetRun | None
    scp: tuple[PolicySetRun, ...] | None
    rcp: tuple[PolicySetRun, ...] | None
    endpoint: PolicySetRun | None
