"""Builders shared by the engine tests: accounts, principals, resource policies, requests."""

from __future__ import annotations

from typing import Any

from policies.engine import AuthorizationRequest, EvaluationResult, evaluate
from tests.documents import Document, allow, document, statement

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


def grant(
    principal: Any,
    action: Any = "s3:*",
    resource: Any = "arn:aws:s3:::bkt/*",
    effect: str = "Allow",
    **extra: Any,
) -> Document:
    """A one-statement resource-based policy for ``principal`` (a string means AWS)."""
    if isinstance(principal, str) and principal != "*":
        principal = {"AWS": principal}
    return document(statement(effect, action, resource, Principal=principal, **extra))


FULL_ACCESS = document(allow())


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
