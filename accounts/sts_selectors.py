"""Reads of the console's federation pages: a role's active sessions, the roles that trust an
identity provider (each one query)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from policies.models import InlinePolicy

from .models import Role, TemporaryCredential
from .trust_words import trust_sentences

# The Sessions tab lists this many of a role's active sessions, latest first.
SESSIONS_SHOWN = 100
# The provider page names this many of the roles that trust it.
TRUSTING_ROLES_SHOWN = 100


def role_active_sessions(role: Role, *, now: datetime | None = None
                         ) -> QuerySet[TemporaryCredential]:
    """The role's unexpired temporary credentials, latest first, without their secrets."""
    return (TemporaryCredential.objects
            .filter(role=role, expires_at__gt=now or timezone.now())
            .defer("secret_encrypted", "token_encrypted", "session_policies")
            .order_by("-issued_at"))


def revoked_before(role: Role, policy_name: str) -> str | None:
    """The time before which the role's sessions are revoked (the aws:TokenIssueTime of its
    `policy_name` inline policy, AWS's AWSRevokeOlderSessions), or None."""
    text = (InlinePolicy.objects.filter(role=role, name=policy_name)
            .values_list("document_text", flat=True).first())
    try:
        statements = json.loads(text)["Statement"] if text else []
        return str(statements[0]["Condition"]["DateLessThan"]["aws:TokenIssueTime"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None


@dataclass(frozen=True)
class TrustingRole:
    """A role whose trust policy names a provider, and what it says in words."""

    role: Role
    sentences: list[str]


def _names(statement: Any, arn: str) -> bool:
    principal = statement.get("Principal") if isinstance(statement, dict) else None
    federated = principal.get("Federated") if isinstance(principal, dict) else None
    return arn in ([federated] if isinstance(federated, str) else federated or [])


def roles_trusting_provider(*, account_id: int, arn: str) -> list[TrustingRole]:
    """The account's roles whose trust policy has a statement naming the provider `arn` as
    its federated principal, by name, with those statements in words."""
    candidates = (Role.objects.filter(account_id=account_id, trust_policy__contains=arn)
                  .order_by("name")[:TRUSTING_ROLES_SHOWN])
    found = []
    for role in candidates:
        statements = (role.trust_policy_document or {}).get("Statement", [])
        statements = [statements] if isinstance(statements, dict) else statements
        naming = [s for s in statements if _names(s, arn)]
        if naming:
            found.append(TrustingRole(role, trust_sentences({"Statement": naming})))
    return found
