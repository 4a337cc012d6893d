"""STS: who am I, session tokens, federation tokens, key lookups and encoded denials."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.fernet import InvalidToken

from iamconsole.exceptions import (
    AccessDenied,
    InvalidAuthorizationMessage,
    StsValidationError,
)
from iamconsole.operations import Operation, register
from policies.authorization import Requirement

from ..crypto import encrypt, fernet
from ..models import AccessKey, IamUser, TemporaryCredential
from ..services.sessions import IssuedSession, session_issue
from .sts import session_tag_context, verify_mfa

_FEDERATED_NAME = re.compile(r"^[\w+=,.@-]{2,32}$")
_KEY_ID = re.compile(r"^\w{16,128}$", re.ASCII)
SESSION_TOKEN_MAX = 129600
ROOT_SESSION_MAX = 3600
DEFAULT_TOKEN_DURATION = 43200
ENCODED_PREFIX = "iamconsole-authz:"


def _no_sts_with(kind: str, action: str) -> AccessDenied:
    return AccessDenied(f"Cannot call {action} with session credentials"
                        if kind == "assumed-role" else
                        f"Cannot call {action} with credentials issued by "
                        "GetFederationToken or GetSessionToken")


@register
@dataclass(kw_only=True, eq=False)
class GetCallerIdentity(Operation):
    """GetCallerIdentity: who signed the request. AWS requires no permission for it: even
    an explicit deny of sts:GetCallerIdentity does not refuse it."""

    service = "sts"
    read_only = True

    def requirements(self) -> Iterable[Requirement]:
        return ()

    def perform(self) -> dict[str, str]:
        principal = self.caller.principal
        if principal is None:
            raise AccessDenied("You are not signed in.")
        return {"UserId": principal.unique_id, "Account": principal.account_id,
                "Arn": principal.arn}


@register
@dataclass(kw_only=True, eq=False)
class GetSessionToken(Operation):
    """GetSessionToken: temporary credentials of the calling IAM user or root user, with
    MFA when SerialNumber and TokenCode are given (then aws:MultiFactorAuthPresent is true
    on every request they sign). AWS requires no permission; role sessions and other
    temporary credentials cannot call it."""

    service = "sts"
    duration_seconds: int | None = None
    serial_number: str | None = None
    token_code: str | None = None
    mfa_at: datetime | None = field(init=False, default=None, repr=False)

    def requirements(self) -> Iterable[Requirement]:
        return ()

    def prepare(self) -> None:
        principal = self.caller.principal
        if principal is None:
            raise AccessDenied("You are not signed in.")
        if principal.credential_id is not None or principal.kind == "assumed-role":
            raise _no_sts_with(principal.kind, "GetSessionToken")
        self.mfa_at = verify_mfa(principal, self.serial_number, self.token_code)

    def perform(self) -> IssuedSession:
        principal = self.caller.principal
        root = principal.kind == "root"
        user = None if root else IamUser.objects.get(pk=principal.entity_pk)
        return session_issue(
            kind="root" if root else "user", issued_by="GetSessionToken",
            account=self.caller.account, user=user, session_name="",
            duration_seconds=self.duration_seconds or (
                ROOT_SESSION_MAX if root else DEFAULT_TOKEN_DURATION),
            max_duration=ROOT_SESSION_MAX if root else SESSION_TOKEN_MAX,
            mfa_authenticated_at=self.mfa_at)


@register
@dataclass(kw_only=True, eq=False)
class GetFederationToken(Operation):
    """GetFederationToken: a federated user (`arn:aws:sts::ACCT:federated-user/NAME`) with
    the caller's permissions within the session policies passed (none passed: no
    permission). Needs sts:GetFederationToken on the federated user's ARN, and
    sts:TagSession for session tags; IAM users and the root user only."""

    service = "sts"
    name: str
    policy: str | None = None
    policy_arns: Sequence[str] = ()
    duration_seconds: int | None = None
    tags: Sequence[Mapping[str, str]] = ()

    def validate(self) -> None:
        if not _FEDERATED_NAME.match(self.name or ""):
            raise StsValidationError("A federated user's name has 2 to 32 letters, digits "
                                     "and _+=,.@-.")

    def prepare(self) -> None:
        principal = self.caller.principal
        if principal is None:
            raise AccessDenied("You are not signed in.")
        if principal.credential_id is not None or principal.kind == "assumed-role":
            raise _no_sts_with(principal.kind, "GetFederationToken")

    def resource(self) -> str:
        return f"arn:aws:sts::{self.caller.account_id}:federated-user/{self.name}"

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield self.requirement("sts:TagSession", context=session_tag_context(self.tags, ()))

    def perform(self) -> IssuedSession:
        principal = self.caller.principal
        root = principal.kind == "root"
        user = None if root else IamUser.objects.get(pk=principal.entity_pk)
        return session_issue(
            kind="federated-user", issued_by="GetFederationToken",
            account=self.caller.account, user=user, session_name=self.name,
            duration_seconds=self.duration_seconds or (
                ROOT_SESSION_MAX if root else DEFAULT_TOKEN_DURATION),
            max_duration=ROOT_SESSION_MAX if root else SESSION_TOKEN_MAX,
            policy=self.policy, policy_arns=self.policy_arns, session_tags=self.tags)


@register
@dataclass(kw_only=True, eq=False)
class GetAccessKeyInfo(Operation):
    """GetAccessKeyInfo: the account an access key ID (AKIA or ASIA) belongs to."""

    service = "sts"
    read_only = True
    access_key_id: str

    def validate(self) -> None:
        if not _KEY_ID.match(self.access_key_id or ""):
            raise StsValidationError("1 validation error detected: Value at 'accessKeyId' "
                                     "failed to satisfy constraint: Member must satisfy "
                                     "regular expression pattern: [\\w]*")

    def perform(self) -> dict[str, str]:
        for model in (AccessKey, TemporaryCredential):
            found = (model.objects.filter(access_key_id=self.access_key_id)
                     .values_list("account__account_id", flat=True).first())
            if found:
                return {"Account": found}
        raise StsValidationError(f"The access key ID {self.access_key_id} is not valid.")


@register
@dataclass(kw_only=True, eq=False)
class DecodeAuthorizationMessage(Operation):
    """DecodeAuthorizationMessage: the evaluation details behind an encoded authorization
    failure message (the `<Detail>` of a wire AccessDenied), for a caller allowed
    sts:DecodeAuthorizationMessage."""

    service = "sts"
    read_only = True
    encoded_message: str

    def validate(self) -> None:
        if not 1 <= len(self.encoded_message or "") <= 10240:
            raise StsValidationError("The encoded message has 1 to 10240 characters.")

    def perform(self) -> dict[str, str]:
        text = self.encoded_message.removeprefix(ENCODED_PREFIX)
        try:
            if text == self.encoded_message:
                raise InvalidToken
            details: dict[str, Any] = json.loads(fernet().decrypt(text.encode()))
        except (InvalidToken, ValueError) as exc:
            raise InvalidAuthorizationMessage(
                "The encoded authorization message is invalid.") from exc
        return {"DecodedMessage": json.dumps(details)}


def encode_authorization_message(details: Mapping[str, Any]) -> str:
    """An authorization failure's details, encrypted: only DecodeAuthorizationMessage reads
    them (for a caller allowed sts:DecodeAuthorizationMessage)."""
    return ENCODED_PREFIX + encrypt(json.dumps(details))
