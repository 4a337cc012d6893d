"""Run-time pieces of evaluation: bound statements, per-action plans and policy-set runs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from policies.engine.compiler import CompiledStatement
from policies.engine.conditions import Condition
from policies.engine.document import ParsedPolicy, canonical_text
from policies.engine.matching import ResourceMatcher
from policies.engine.principals import ACCOUNT, NONE
from policies.engine.services import ServiceRules
from policies.engine.types import MatchedStatement, PolicyEngineError, PolicyInput
from policies.engine.variables import Context

ALLOW, IMPLICIT, EXPLICIT = 0, 1, 2
NAMES = ("allowed", "implicitDeny", "explicitDeny")


class Rule:
    """A statement bound to its place in the request (MatchedStatement) and principal grade."""

    __slots__ = ("deny", "resource", "conditions", "keys", "resource_keys", "grade", "match")

    def __init__(self, statement: CompiledStatement, match: MatchedStatement, grade: int):
        self.deny = statement.deny
        self.resource: ResourceMatcher | None = statement.resource
        self.conditions: tuple[Condition, ...] = statement.conditions
        self.keys = tuple((key.lower(), key) for key in statement.keys)
        variables = statement.resource.variables if statement.resource else ()
        self.resource_keys = tuple((key.lower(), key) for key in variables)
        self.grade = grade
        self.match = match


Rules = tuple[Rule, ...]


class _Entry:
    """A rule resolved against one action's context: whether its conditions hold is known."""

    __slots__ = ("matcher", "deny", "applies", "missing", "resource_missing", "match", "grade")

    def __init__(self, rule: Rule, context: Context) -> None:
        matcher = rule.resource
        # A positive Resource element with a "*" entry matches every request resource.
        self.matcher = (
            None if matcher is not None and matcher.has_all and not matcher.negated else matcher
        )
        self.deny = rule.deny
        self.applies = all(condition(context) for condition in rule.conditions)
        self.missing = tuple(key for lower, key in rule.keys if lower not in context)
        self.resource_missing = tuple(
            key for lower, key in rule.resource_keys if lower not in context
        )
        self.match = rule.match
        self.grade = rule.grade


class Component:
    """One policy set's candidate statements for one action, resolved against the context.

    The context is fixed for an evaluator, so conditions are evaluated once per action; a
    request then only matches resources. Sets whose statements do not depend on the
    resource are folded into a constant result.
    """

    __slots__ = ("entries", "constant", "outcome", "result", "matches", "missing")

    def __init__(self, rules: Sequence[Rule], context: Context, resource_policy: bool) -> None:
        self.entries = tuple(
            entry
            for entry in (_Entry(rule, context) for rule in rules)
            # Statements whose Principal does not cover the caller never apply.
            if entry.grade != NONE and (entry.applies or entry.missing or entry.resource_missing)
        )
        self.constant = all(entry.matcher is None for entry in self.entries)
        matches: list[MatchedStatement] = []
        missing: list[str] = []
        # With no resource-dependent statement, the result is the same for every resource.
        self.outcome = ALLOW
        self.result: tuple[str, int, bool] = ("implicitDeny", NONE, False)
        if resource_policy:
            self.result = self.run_resource("*", True, False, context, matches, missing)
        else:
            self.outcome = self.run("*", True, False, context, matches, missing)
        self.matches = tuple(matches)
        self.missing = tuple(missing)

    def evaluate(
        self,
        resource: str,
        star: bool,
        wildcard_only: bool,
        context: Context,
        matched: list[MatchedStatement],
        missing: list[str],
    ) -> int:
        """Policy-set result for one request resource (constant sets skip matching)."""
        if self.constant:
            if self.matches:
                matched.extend(self.matches)
            if self.missing:
                missing.extend(self.missing)
            return self.outcome
        return self.run(resource, star, wildcard_only, context, matched, missing)

    def evaluate_resource(
        self,
        resource: str,
        star: bool,
        wildcard_only: bool,
        context: Context,
        matched: list[MatchedStatement],
        missing: list[str],
    ) -> tuple[str, int, bool]:
        """Resource-policy result for one request resource (see ``run_resource``)."""
        if self.constant:
            if self.matches:
                matched.extend(self.matches)
            if self.missing:
                missing.extend(self.missing)
            return self.result
        return self.run_resource(resource, star, wildcard_only, context, matched, missing)

    def run(
        self,
        resource: str,
        star: bool,
        wildcard_only: bool,
        context: Context,
        matched: list[MatchedStatement],
        missing: list[str],
    ) -> int:
        """Policy-set result: any applicable Deny, else any applicable Allow, else implicit."""
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

    def run_resource(
        self,
        resource: str,
        star: bool,
        wildcard_only: bool,
        context: Context,
        matched: list[MatchedStatement],
        missing: list[str],
    ) -> tuple[str, int, bool]:
        """Resource-policy result: (outcome, best Allow grade, has an account-grade Allow)."""
        allow_grade = deny_grade = NONE
        account_allow = False
        for entry in self.entries:
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
        if deny_grade > ACCOUNT:
            outcome = "explicitDeny"
        elif deny_grade == ACCOUNT:
            outcome = "deniedForAccount"
        elif allow_grade > ACCOUNT:
            outcome = "allowed"
        elif allow_grade == ACCOUNT:
            outcome = "allowedForAccount"
        else:
            outcome = "implicitDeny"
        return outcome, allow_grade, account_allow


class Plan:
    """Everything about one action that does not depend on the resource: built once."""

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
    identity: Component
    session: Component | None
    boundary: Component | None
    resource: Component | None
    scp: tuple[Component, ...] | None
    rcp: tuple[Component, ...] | None
    endpoint: Component | None


def documents(value: object, field: str) -> list[PolicyInput]:
    """Check that ``value`` is a list of documents (not one document) and copy it."""
    if isinstance(value, str | Mapping | ParsedPolicy) or not isinstance(value, Sequence):
        raise PolicyEngineError(f"{field} must be a list of policy documents")
    return list(value)


def levels(value: object, field: str) -> list[list[PolicyInput]] | None:
    """Check SCP/RCP levels: None (no organization) or a list of lists of documents."""
    if value is None:
        return None
    found = documents(value, field)
    return [documents(level, f"{field}[{index}]") for index, level in enumerate(found)]


def session_documents(value: object) -> list[PolicyInput] | None:
    """Accept one session policy or a list of them; None (or empty) means no session policy."""
    if value is None:
        return None
    if isinstance(value, str | Mapping | ParsedPolicy):
        return [value]
    return documents(value, "session_policy") or None


def doc_key(document: object, field: str) -> str:
    """Return the text that identifies a document's content (its cache key)."""
    if isinstance(document, str):
        return document
    if isinstance(document, ParsedPolicy):
        return document.text
    if isinstance(document, Mapping):
        try:
            return canonical_text(document)
        except PolicyEngineError as exc:
            raise PolicyEngineError(f"{field}: {exc}") from None
    raise PolicyEngineError(f"{field}: a policy must be JSON text or a mapping")
