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
    identity: Rules
    session: Rules | None
    boundary: Rules | None
    resource: Rules | None
    scp: tuple[Rules, ...] | None
    rcp: tuple[Rules, ...] | None
    endpoint: Rules | None


def run_policy_set(
    rules: Rules,
    resource: str,
    star: bool,
    wildcard_only: bool,
    context: Context,
    matched: list[MatchedStatement],
    missing: list[str],
) -> int:
    """Evaluate one policy set: any applicable Deny, else any Allow, else implicit deny."""
    allow = deny = False
    for rule in rules:
        matcher = rule.resource
        if matcher is not None and not matcher.matches(
            resource, star, wildcard_only, rule.deny, context
        ):
            for lower, key in rule.resource_keys:
                if lower not in context:
                    missing.append(key)
            continue
        for lower, key in rule.keys:
            if lower not in context:
                missing.append(key)
        for condition in rule.conditions:
            if not condition(context):
                break
        else:
            matched.append(rule.match)
            if rule.deny:
                deny = True
            else:
                allow = True
    return EXPLICIT if deny else ALLOW if allow else IMPLICIT


def run_resource_policy(
    rules: Rules,
    resource: str,
    star: bool,
    wildcard_only: bool,
    context: Context,
    matched: list[MatchedStatement],
    missing: list[str],
) -> tuple[str, int, bool]:
    """Evaluate the resource policy: (outcome, best Allow grade, has account-grade Allow)."""
    allow_grade = deny_grade = NONE
    account_allow = False
    for rule in rules:
        grade = rule.grade
        if grade == NONE:
            continue
        matcher = rule.resource
        if matcher is not None and not matcher.matches(
            resource, star, wildcard_only, rule.deny, context
        ):
            continue
        for lower, key in rule.keys:
            if lower not in context:
                missing.append(key)
        for condition in rule.conditions:
            if not condition(context):
                break
        else:
            matched.append(rule.match)
            if rule.deny:
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
