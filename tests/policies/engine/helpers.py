"""Small builders shared by the engine tests: accounts, principals and policy documents."""

from __future__ import annotations

from typing import Any

from policies.engine import AuthorizationRequest, EvaluationResult, evaluate

A = "111111111111"
B = "222222222222"
USER = f"arn:aws:iam::{A}:user/alice"
ROLE = f"arn:aws:iam::{A}:role/team/Dev"
SESSION = f"arn:aws:sts::{A}:assumed-role/Dev/s1"
FEDERATED = f"arn:aws:sts::{A}:federated-user/bob"
ROOT = f"arn:aws:iam::{A}:root"
B_USER = f"arn:aws:iam::{B}:user/carol"
OBJECT = "arn:aws:s3:::bkt/key"
BUCKET = "arn:aws:s3:::bkt"

Doc = dict[str, Any]


def statement(effect: str = "Allow", action: Any = "*", resource: Any = "*", **extra: Any) -> Doc:
    """One statement; ``resource=None`` leaves Resource out (``NotResource`` via extra)."""
    result: Doc = {"Effect": effect}
    if "NotAction" not in extra:
        result["Action"] = action
    if resource is not None and "NotResource" not in extra:
        result["Resource"] = resource
    result.update(extra)
    return result


def policy(*statements: Doc) -> Doc:
    """A 2012-10-17 document holding ``statements``."""
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any = "*", resource: Any = "*", **extra: Any) -> Doc:
    """A one-statement Allow document."""
    return policy(statement("Allow", action, resource, **extra))


def deny(action: Any = "*", resource: Any = "*", **extra: Any) -> Doc:
    """A one-statement Deny document."""
    return policy(statement("Deny", action, resource, **extra))


def grant(
    principal: Any,
    action: Any = "s3:*",
    resource: Any = "arn:aws:s3:::bkt/*",
    effect: str = "Allow",
    **extra: Any,
) -> Doc:
    """A one-statement resource-based policy for ``principal`` (a string means AWS)."""
    if isinstance(principal, str) and principal != "*":
        principal = {"AWS": principal}
    return policy(statement(effect, action, resource, Principal=principal, **extra))


FULL_ACCESS = allow("*", "*")


def run(**fields: Any) -> EvaluationResult:
    """Evaluate a request; defaults: user alice, s3:GetObject on bkt/key."""
    values: dict[str, Any] = {"principal": USER, "action": "s3:GetObject", "resource": OBJECT}
    values.update(fields)
    return evaluate(AuthorizationRequest(**values))


def decide(**fields: Any) -> str:
    """Evaluate a request and return only its decision."""
    return run(**fields).decision


def matched(result: EvaluationResult) -> list[tuple[str, int, int | None, int, str]]:
    """(policy type, policy index, level, statement index, effect) of matched statements."""
    return [
        (m.policy_type, m.policy_index, m.level_index, m.statement_index, m.effect)
        for m in result.matched_statements
    ]
