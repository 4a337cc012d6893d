"""The caller of a request: a small immutable value kept apart from Django's auth user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

PrincipalKind = Literal["root", "user", "assumed-role", "federated-user"]


@dataclass(frozen=True)
class Principal:
    """Who is calling: the root user, an IAM user, an assumed-role session or a federated
    user (GetFederationToken)."""

    kind: PrincipalKind
    account_id: str
    arn: str
    unique_id: str
    name: str
    account_pk: int
    account_alias: str | None = None
    entity_pk: int | None = None
    session_name: str | None = None
    session_expires_at: datetime | None = None
    mfa_authenticated_at: datetime | None = None
    source_ip: str | None = None
    # How the caller authenticated: "session" (console sign-in, temporary credentials in
    # AWS's terms) or "access-key" (long-term credentials); it decides which MFA keys exist.
    via: str = "session"
    secure_transport: bool = False
    # Temporary credentials (STS): their key ID, the session policies (document texts) that
    # limit the session, its session tags ((key, value) pairs: aws:PrincipalTag/*), their
    # transitive keys, the source identity, and the other condition keys the session sets
    # ((key, value) pairs: aws:SourceIdentity, aws:TokenIssueTime, federated claims).
    credential_id: str | None = None
    session_policies: tuple[str, ...] = ()
    session_tags: tuple[tuple[str, str], ...] = ()
    transitive_tag_keys: tuple[str, ...] = ()
    source_identity: str | None = None
    session_context: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    # An assumed-role session's role ARN, its path included (the trail's sessionIssuer).
    issuer_arn: str | None = None

    @property
    def is_root(self) -> bool:
        """True for the account's root user."""
        return self.kind == "root"

    @property
    def label(self) -> str:
        """What the console's header shows for this identity."""
        if self.kind == "root":
            return "root"
        if self.kind == "assumed-role":
            return f"Role: {self.name} @ {self.account_alias or self.account_id}"
        if self.kind == "federated-user":
            return f"Federated user: {self.name}"
        return self.name
