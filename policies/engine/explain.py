"""Plain-language explanations and AWS's exact access-denied message wording."""

from __future__ import annotations

from collections.abc import Sequence

from policies.engine.types import (
    ALLOWED,
    EXPLICIT_DENY,
    EvaluationResult,
    MatchedStatement,
    PolicyEngineError,
    PolicyType,
)

LABELS: dict[str, str] = {
    "identity": "identity-based policy",
    "session": "session policy",
    "boundary": "permissions boundary",
    "resource": "resource-based policy",
    "scp": "service control policy",
    "rcp": "resource control policy",
    "endpoint": "VPC endpoint policy",
}

_IMPLICIT: dict[str, str] = {
    "identity": "no identity-based policy allows {action}",
    "session": "the session policy does not allow {action}",
    "boundary": "the permissions boundary does not allow {action}",
    "resource": "no resource-based policy allows {action}",
    "endpoint": "the VPC endpoint policy does not allow {action}",
    "scp": "the service control policies at level {level} do not allow {action}",
}

_REASONS: dict[str, str] = {
    "iam_managed_policy": "AWS managed policies cannot be changed, so {action} is refused",
    "iam_reserved_role": "roles under /aws-reserved/ cannot be changed, so {action} is refused",
    "kms_managed_alias": "AWS managed KMS aliases cannot be changed, so {action} is refused",
    "s3_block_public_access": (
        "S3 Block Public Access blocks the public bucket policy's cross-account grant of {action}"
    ),
    "resource_only": (
        "no resource-based policy allows {action}, and identity-based policies alone are "
        "not enough here"
    ),
    "cross_account": (
        "the resource is in another account and no resource-based policy allows {action}"
    ),
    "get_caller_identity": "sts:GetCallerIdentity is allowed for every authenticated caller",
}


def describe_statement(statement: MatchedStatement) -> str:
    """Name a statement, e.g. ``identity-based policy 0 statement 1 (Sid AllowS3)``."""
    label = LABELS[statement.policy_type]
    if statement.level_index is not None:
        where = f"{label} level {statement.level_index} policy {statement.policy_index}"
    else:
        where = f"{label} {statement.policy_index}"
    sid = f" (Sid {statement.sid})" if statement.sid else ""
    return f"{where} statement {statement.statement_index}{sid}"


def _first(
    matched: Sequence[MatchedStatement], policy_type: str | None, effect: str
) -> MatchedStatement | None:
    for statement in matched:
        if statement.effect != effect:
            continue
        if policy_type is None or statement.policy_type == policy_type:
            return statement
    return None


def explain(
    decision: str,
    action: str,
    deciding: PolicyType | None,
    reason: str | None,
    matched: Sequence[MatchedStatement],
    grant_type: str | None,
    scp_level: int | None,
) -> str:
    """Build the one-sentence explanation of a decision."""
    if reason in _REASONS:
        prefix = "allowed" if decision == ALLOWED else "denied"
        return f"{prefix}: " + _REASONS[reason].format(action=action)
    if decision == ALLOWED:
        grant = _first(matched, grant_type, "Allow")
        if grant is None:
            return f"allowed: {action} is allowed"
        return f"allowed: {describe_statement(grant)} allows {action}"
    if decision == EXPLICIT_DENY:
        deny = _first(matched, deciding, "Deny")
        if deny is None:
            return f"denied: {action} is explicitly denied"
        suffix = " for the caller's account" if reason == "account" else ""
        return f"denied: {describe_statement(deny)} explicitly denies {action}{suffix}"
    template = _IMPLICIT.get(deciding or "", "no policy allows {action}")
    return "denied: " + template.format(action=action, level=scp_level)


def access_denied_message(
    principal_arn: str, action: str, resource: str, result: EvaluationResult
) -> str:
    """Return AWS's AccessDenied wording for a denied ``result``.

    Raises ``PolicyEngineError`` for an allowed result. Denials made by a service rule
    (no deciding policy type) get the message without a reason clause, as AWS does.
    """
    if result.decision == ALLOWED:
        raise PolicyEngineError("the request was allowed: there is no access-denied message")
    message = (
        f"User: {principal_arn} is not authorized to perform: {action} on resource: {resource}"
    )
    policy_type = result.deciding_policy_type
    if policy_type is None:
        return message
    label = LABELS[policy_type]
    if result.decision == EXPLICIT_DENY:
        article = "an" if label[0] in "aeiou" else "a"
        return f"{message} with an explicit deny in {article} {label}"
    return f"{message} because no {label} allows the {action} action"
