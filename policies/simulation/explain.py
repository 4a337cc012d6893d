"""The engine's one-sentence explanation, with policies named as the person knows them."""

from __future__ import annotations

from collections.abc import Sequence

from policies.engine import EvaluationResult, MatchedStatement
from policies.engine.explain import describe_statement

from .results import MatchedRef

_VERBS = (" allows ", " explicitly denies ")


def _lower_first(text: str) -> str:
    # "Service control policy" -> "service control policy", but "AWS managed policy" stays.
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def describe(matched: MatchedRef) -> str:
    """`ReadOnlyAccess (AWS managed policy, via group Readers) statement 1 (Sid ReadAll)`."""
    policy = matched.policy
    parts = [_lower_first(policy.kind)]
    if policy.via:
        parts.append(_lower_first(policy.via))
    if policy.edited and policy.source_type != "boundary":
        parts.append("edited for this simulation")
    sid = f" (Sid {matched.sid})" if matched.sid else ""
    return f"{policy.name} ({', '.join(parts)}) statement {matched.statement_index + 1}{sid}"


def explanation(
    result: EvaluationResult, matched: Sequence[tuple[MatchedStatement, MatchedRef]],
    scp_levels: Sequence[str] = (),
) -> str:
    """The engine's explanation, naming the deciding statement's policy instead of its index
    and the SCP level without an Allow by its label (`OU Workloads (ou-…)`), plus the context
    keys whose absence may have kept a statement from applying."""
    text = result.explanation
    if result.decision == "implicitDeny" and result.deciding_policy_type == "scp":
        for index, label in enumerate(scp_levels):
            text = text.replace(f" at level {index} do not", f" of {label} do not", 1)
    for engine_statement, ours in matched:
        described = describe_statement(engine_statement)
        for verb in _VERBS:
            if described + verb in text:
                text = text.replace(described + verb, describe(ours) + verb, 1)
    if result.decision != "allowed" and result.missing_context_values:
        keys = ", ".join(result.missing_context_values)
        text += (f". The request context has no value for {keys}, which a condition of a "
                 "matching statement tests")
    return text
