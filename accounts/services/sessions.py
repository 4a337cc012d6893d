"""Temporary credentials: issuing a session (every STS API that returns credentials) and
reading one back as the principal it acts as.

`session_issue` checks what AWS checks of any session whatever API issues it (duration,
session policies and their packed size, session tags and transitive keys, source identity,
what a chained session inherits); the operations check the rest (trust, MFA, the API's own
input rules) and authorize before calling it.
"""

from __future__ import annotations

import base64
import hmac
import json
import math
import re
import secrets
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from iamconsole.exceptions import PackedPolicyTooLarge, StsValidationError
from iamconsole.identifiers import new_secret_access_key, new_unique_id
from iamconsole.principal import Principal
from iamconsole.validators import check_unique_tag_keys, validate_tag
from policies.documents import check_document
from policies.models import ManagedPolicy

from ..crypto import decrypt_credential, encrypt
from ..models import Account, IamUser, Role, TemporaryCredential

TEMPORARY_KEY_PREFIX = "ASIA"
MIN_DURATION = 900
CHAINED_MAX_DURATION = 3600
SESSION_POLICY_MAX = 2048
POLICY_ARNS_MAX = 10
SESSION_TAGS_MAX = 50
# The packed session policies and tags must fit this many compressed bytes (AWS reports the
# share used as PackedPolicySize, a percentage, and refuses more than 100%).
PACKED_BUDGET = 1024
_SOURCE_IDENTITY = re.compile(r"^[\w+=,.@-]{2,64}$")
# A session whose PolicyArns name no policy that exists is allowed nothing by them.
NO_PERMISSIONS = ('{"Version": "2012-10-17", "Statement": [{"Sid": "NoPermissions", '
                  '"Effect": "Allow", "NotAction": "*", "Resource": "*"}]}')
Kind = TemporaryCredential.Kind


@dataclass(frozen=True)
class IssuedSession:
    """New temporary credentials: the only time the secret and token are seen in plain text."""

    credential: TemporaryCredential
    secret_access_key: str = field(repr=False)
    session_token: str = field(repr=False)
    principal: Principal
    packed_policy_size: int | None

    def credentials(self) -> dict[str, Any]:
        """AWS's `Credentials` member (AssumeRole*, GetSessionToken, GetFederationToken)."""
        return {"AccessKeyId": self.credential.access_key_id,
                "SecretAccessKey": self.secret_access_key,
                "SessionToken": self.session_token,
                "Expiration": self.credential.expires_at}

    def assumed_role_user(self) -> dict[str, str]:
        """AWS's `AssumedRoleUser` member (`AROA...:session`, the session's ARN)."""
        return {"AssumedRoleId": self.principal.unique_id, "Arn": self.principal.arn}

    def federated_user(self) -> dict[str, str]:
        """AWS's `FederatedUser` member of GetFederationToken."""
        return {"FederatedUserId": self.principal.unique_id, "Arn": self.principal.arn}


def new_session_token() -> str:
    """A random session token in base64's alphabet, as long as AWS's are."""
    return base64.b64encode(b"IQoJb3JpZ2lu" + secrets.token_bytes(240)).decode()


def _invalid(message: str) -> StsValidationError:
    return StsValidationError(message)


def check_duration(seconds: int, *, maximum: int, chained: bool = False,
                   role: bool = True) -> None:
    """DurationSeconds between 15 minutes and `maximum` (the role's MaxSessionDuration, or
    the API's ceiling when not `role`); one hour at most for role chaining."""
    if seconds < MIN_DURATION:
        raise _invalid(f"1 validation error detected: Value '{seconds}' at 'durationSeconds' "
                       f"failed to satisfy constraint: Member must have value greater than "
                       f"or equal to {MIN_DURATION}")
    if chained and seconds > CHAINED_MAX_DURATION:
        raise _invalid("The requested DurationSeconds exceeds the 1 hour session limit for "
                       "roles assumed by role chaining.")
    if seconds > maximum:
        raise _invalid("The requested DurationSeconds exceeds the MaxSessionDuration set for "
                       "this role." if role else
                       f"1 validation error detected: Value '{seconds}' at 'durationSeconds' "
                       f"failed to satisfy constraint: Member must have value less than or "
                       f"equal to {maximum}")


def _tag_pairs(tags: Mapping[str, str] | Sequence[Any] | None) -> list[tuple[str, str]]:
    if not tags:
        return []
    if isinstance(tags, Mapping):
        pairs = list(tags.items())
    else:
        pairs = [(t["Key"], t["Value"]) if isinstance(t, Mapping) else tuple(t) for t in tags]
    if len(pairs) > SESSION_TAGS_MAX:
        raise _invalid(f"1 validation error detected: Value at 'tags' failed to satisfy "
                       f"constraint: Member must have length less than or equal to "
                       f"{SESSION_TAGS_MAX}")
    for key, value in pairs:
        validate_tag(key, value)
    check_unique_tag_keys(key for key, _ in pairs)
    return pairs


def _session_tags(tags: Any, transitive: Sequence[str], parent: Principal | None
                  ) -> tuple[dict[str, str], list[str]]:
    """The session's tags and transitive keys: the caller's transitive tags (role chaining),
    which a new tag may not override, then the new ones."""
    pairs = _tag_pairs(tags)
    folded = {key.lower() for key, _ in pairs}
    for key in transitive:
        if key.lower() not in folded:
            raise _invalid(f"The transitive tag key {key} is not the key of a session tag "
                           "of the request.")
    inherited = dict(parent.session_tags) if parent else {}
    inherited = {k: v for k, v in inherited.items()
                 if parent and k.lower() in {t.lower() for t in parent.transitive_tag_keys}}
    clash = [key for key, _ in pairs if key.lower() in {k.lower() for k in inherited}]
    if clash:
        raise _invalid(f"The session tag {clash[0]} is a transitive tag of the calling "
                       "session and cannot be set again.")
    keys = list(parent.transitive_tag_keys if parent else ()) + list(transitive)
    return {**inherited, **dict(pairs)}, list(dict.fromkeys(keys))


def _source_identity(value: str | None, parent: Principal | None) -> str:
    inherited = parent.source_identity if parent else None
    if value is None:
        return inherited or ""
    if not _SOURCE_IDENTITY.match(value) or value.lower().startswith("aws:"):
        raise _invalid("A source identity has 2 to 64 letters, digits and _+=,.@- and does "
                       "not start with aws:.")
    if inherited and value != inherited:
        raise _invalid(f"The source identity of this session is {inherited} and cannot be "
                       "changed.")
    return value


def _session_documents(account: Account, policy: str | None, policy_arns: Sequence[str]
                       ) -> list[str]:
    texts: list[str] = []
    if policy is not None:
        if len(policy) > SESSION_POLICY_MAX:
            raise _invalid(f"1 validation error detected: Value at 'policy' failed to satisfy "
                           f"constraint: Member must have length less than or equal to "
                           f"{SESSION_POLICY_MAX}")
        texts.append(check_document(policy, policy_type="session", field="policy").text)
    if len(policy_arns) > POLICY_ARNS_MAX:
        raise _invalid(f"1 validation error detected: Value at 'policyArns' failed to satisfy "
                       f"constraint: Member must have length less than or equal to "
                       f"{POLICY_ARNS_MAX}")
    if policy_arns:
        found = (ManagedPolicy.objects.filter(Q(account=account) | Q(account__isnull=True))
                 .filter(arn__in=list(policy_arns)).prefetch_related("versions"))
        defaults = [v.document_text for p in found for v in p.versions.all() if v.is_default]
        texts.extend(defaults or ([] if texts else [NO_PERMISSIONS]))
    return texts


def packed_size(policy: str | None, policy_arns: Sequence[str], tags: Mapping[str, str]
                ) -> int:
    """The share of the token the session policies and tags take, in percent (rounded up)."""
    minified = json.dumps(json.loads(policy), separators=(",", ":")) if policy else ""
    raw = "\n".join([minified, *policy_arns, *(f"{k}={v}" for k, v in tags.items())])
    return math.ceil(len(zlib.compress(raw.encode(), 9)) * 100 / PACKED_BUDGET)


@transaction.atomic
def session_issue(
    *,
    kind: str,
    issued_by: str,
    session_name: str,
    duration_seconds: int,
    max_duration: int,
    account: Account | None = None,
    role: Role | None = None,
    user: IamUser | None = None,
    policy: str | None = None,
    policy_arns: Sequence[str] = (),
    session_tags: Mapping[str, str] | Sequence[Any] | None = None,
    transitive_tag_keys: Sequence[str] = (),
    source_identity: str | None = None,
    mfa_authenticated_at: datetime | None = None,
    context: Mapping[str, str | list[str]] | None = None,
    parent: Principal | None = None,
    caller_arn: str = "",
    now: datetime | None = None,
) -> IssuedSession:
    """Issue temporary credentials acting as `kind` (see TemporaryCredential).

    `max_duration`: the API's ceiling (the role's MaxSessionDuration for AssumeRole*);
    `parent`: the calling principal when it is a role session (role chaining: one hour at
    most, its transitive tags and source identity carried over); `context`: condition keys
    the session sets on every request (federated claims); `caller_arn`: who asked for it
    (shown on the role's Sessions tab; a parent's ARN wins). Raises StsValidationError,
    MalformedPolicyDocument or PackedPolicyTooLarge; the caller was authorized before.
    """
    account = account or (role.account if role else user.account if user else None)
    if account is None:
        raise ValueError("session_issue needs an account, a role or a user")
    chained = parent is not None and parent.kind == "assumed-role"
    check_duration(duration_seconds, maximum=max_duration, chained=chained,
                   role=role is not None)
    texts = _session_documents(account, policy, policy_arns)
    if kind == Kind.FEDERATED_USER and not texts:
        texts = [NO_PERMISSIONS]  # a federated user has only what its policy allows
    tags, transitive = _session_tags(session_tags, transitive_tag_keys, parent)
    packed = None
    if policy is not None or policy_arns or tags:
        packed = packed_size(policy, policy_arns, tags)
        if packed > 100:
            raise PackedPolicyTooLarge(f"Packed policy consumes {packed}% of allotted space, "
                                       "please use smaller policy.")
    now = now or timezone.now()
    secret, token = new_secret_access_key(), new_session_token()
    credential = TemporaryCredential.objects.create(
        account=account, kind=kind, issued_by=issued_by, role=role, user=user,
        session_name=session_name, access_key_id=new_unique_id(TEMPORARY_KEY_PREFIX, 20),
        secret_encrypted=encrypt(secret), token_encrypted=encrypt(token), issued_at=now,
        expires_at=now + timedelta(seconds=duration_seconds), session_policies=texts,
        policy_arns=list(policy_arns), session_tags=tags, transitive_tag_keys=transitive,
        source_identity=_source_identity(source_identity, parent),
        mfa_authenticated_at=mfa_authenticated_at, context=dict(context or {}),
        chained=chained, source_arn=parent.arn if parent else caller_arn,
    )
    credential.account = account
    return IssuedSession(credential, secret, token, session_principal(credential), packed)


def credential_secret(*, access_key_id: str, session_token: str | None
                      ) -> tuple[TemporaryCredential, str] | None:
    """The temporary credential with this key ID and its secret, when `session_token` is its
    token (compared in constant time); None for an unknown key or a missing or wrong token.
    An expired credential is returned: the caller answers ExpiredToken."""
    credential = (TemporaryCredential.objects.select_related("account", "role", "user")
                  .filter(access_key_id=access_key_id).first())
    if credential is None or not session_token:
        return None
    token = decrypt_credential(credential.token_encrypted)
    secret = decrypt_credential(credential.secret_encrypted)
    if token is None or secret is None:
        return None
    if not hmac.compare_digest(token.encode(), session_token.encode()):
        return None
    return credential, secret


def is_expired(credential: TemporaryCredential, now: datetime | None = None) -> bool:
    """True once the credentials' expiry has passed."""
    return credential.expires_at <= (now or datetime.now(UTC))


def token_time(moment: datetime) -> str:
    """A time as aws:TokenIssueTime and AWS's revocation policy write it (milliseconds, so
    that a session issued within the second after a revocation is not taken as older)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def session_principal(credential: TemporaryCredential, *, source_ip: str | None = None
                      ) -> Principal:
    """The principal a temporary credential acts as, with its session's context."""
    account = credential.account
    context: dict[str, Any] = {"aws:TokenIssueTime": token_time(credential.issued_at)}
    if credential.source_identity:
        context["aws:SourceIdentity"] = credential.source_identity
    for key, value in (credential.context or {}).items():
        context[key] = tuple(value) if isinstance(value, list) else value
    base = dict(account_id=account.account_id, account_pk=account.pk,
                account_alias=account.alias, session_expires_at=credential.expires_at,
                mfa_authenticated_at=credential.mfa_authenticated_at, source_ip=source_ip,
                via="temporary-credentials")
    if credential.kind == Kind.ASSUMED_ROLE:
        role = credential.role
        name = credential.session_name
        principal = Principal(
            kind="assumed-role", name=role.name, entity_pk=role.pk, session_name=name,
            arn=f"arn:aws:sts::{account.account_id}:assumed-role/{role.name}/{name}",
            unique_id=f"{role.unique_id}:{name}", issuer_arn=role.arn, **base)
    elif credential.kind == Kind.FEDERATED_USER:
        name = credential.session_name
        principal = Principal(
            kind="federated-user", name=name, session_name=name,
            entity_pk=credential.user_id,
            arn=f"arn:aws:sts::{account.account_id}:federated-user/{name}",
            unique_id=f"{account.account_id}:{name}", **base)
    elif credential.kind == Kind.USER:
        user = credential.user
        principal = Principal(kind="user", name=user.name, entity_pk=user.pk, arn=user.arn,
                              unique_id=user.unique_id, **base)
    else:
        principal = Principal(kind="root", name="root", arn=account.root_arn,
                              unique_id=account.account_id, **base)
    return replace(
        principal, credential_id=credential.access_key_id,
        session_policies=tuple(credential.session_policies or ()),
        session_tags=tuple((credential.session_tags or {}).items()),
        transitive_tag_keys=tuple(credential.transitive_tag_keys or ()),
        source_identity=credential.source_identity or None,
        session_context=tuple(context.items()),
    )
