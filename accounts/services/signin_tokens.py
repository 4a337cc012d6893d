"""Console federation: sign-in tokens that turn temporary credentials into a console session
(AWS's federation endpoint, `Action=getSigninToken` then `Action=login`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from iamconsole.exceptions import AccessDenied, InvalidInput

from ..crypto import decrypt_credential
from ..models import SigninToken, TemporaryCredential
from .sessions import credential_secret, is_expired

# A sign-in token is good for 15 minutes and one sign-in, as AWS's.
SIGNIN_TOKEN_SECONDS = 900
SESSION_DURATION_MIN = 900
SESSION_DURATION_MAX = 43200
# The credentials AWS's console accepts: role sessions and federated users (not
# GetSessionToken's, which act as a user that signs in with its own password).
CONSOLE_ISSUERS = ("AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML",
                   "GetFederationToken")
INVALID_SESSION = "The session credentials are not valid or have expired."


@dataclass(frozen=True)
class ConsoleSignin:
    """A redeemed sign-in token: the credentials to act as and when the console session
    ends."""

    credential: TemporaryCredential
    expires_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _session_fields(session: str) -> tuple[str, str, str]:
    try:
        data: Any = json.loads(session)
    except (TypeError, ValueError):
        data = None
    fields = [data.get(k) if isinstance(data, dict) else None
              for k in ("sessionId", "sessionKey", "sessionToken")]
    if not all(isinstance(value, str) and value for value in fields):
        raise InvalidInput("Session must be a JSON object with sessionId, sessionKey and "
                           "sessionToken.", field="Session")
    return fields[0], fields[1], fields[2]


def _session_duration(value: str | None, credential: TemporaryCredential) -> int | None:
    if value in (None, ""):
        return None
    if not value.isdigit() or not SESSION_DURATION_MIN <= int(value) <= SESSION_DURATION_MAX:
        raise InvalidInput(f"SessionDuration must be a number of seconds from "
                           f"{SESSION_DURATION_MIN} to {SESSION_DURATION_MAX}.",
                           field="SessionDuration")
    if credential.chained:
        raise InvalidInput("SessionDuration cannot be used with credentials of role "
                           "chaining.", field="SessionDuration")
    return int(value)


@transaction.atomic
def signin_token_issue(*, session: str, session_duration: str | None = None,
                       now: datetime | None = None) -> str:
    """A sign-in token for the temporary credentials in `session` (AWS's JSON with
    sessionId, sessionKey, sessionToken): the secret and token must be the credentials' own
    and unexpired, issued by AssumeRole* or GetFederationToken."""
    access_key_id, secret_key, session_token = _session_fields(session)
    found = credential_secret(access_key_id=access_key_id, session_token=session_token)
    if found is None or not hmac.compare_digest(found[1].encode(), secret_key.encode()):
        raise AccessDenied(INVALID_SESSION)
    credential = found[0]
    now = now or timezone.now()
    if is_expired(credential, now) or credential.issued_by not in CONSOLE_ISSUERS:
        raise AccessDenied(INVALID_SESSION)
    duration = _session_duration(session_duration, credential)
    # Spent tokens are of no further use: each issue clears the expired ones.
    SigninToken.objects.filter(expires_at__lt=now).delete()
    token = secrets.token_urlsafe(96)
    SigninToken.objects.create(credential=credential, token_hash=_hash(token), issued_at=now,
                               expires_at=now + timedelta(seconds=SIGNIN_TOKEN_SECONDS),
                               session_duration=duration)
    return token


@transaction.atomic
def signin_token_redeem(*, token: str, now: datetime | None = None) -> ConsoleSignin:
    """Use a sign-in token once: the credentials it signs in as and the console session's
    end (SessionDuration from now, else the credentials' expiry). AccessDenied for an
    unknown, used or expired token, or credentials that expired meanwhile."""
    now = now or timezone.now()
    # Marked used in the same statement that finds it: two sign-ins never share a token.
    used = (SigninToken.objects.filter(token_hash=_hash(token or ""), used_at__isnull=True,
                                       expires_at__gt=now).update(used_at=now))
    if used != 1:
        raise AccessDenied("The sign-in token is not valid: it was used, it expired, or it "
                           "was never issued.")
    signin = (SigninToken.objects.select_related("credential__account", "credential__role")
              .get(token_hash=_hash(token)))
    credential = signin.credential
    if is_expired(credential, now) or decrypt_credential(credential.token_encrypted) is None:
        raise AccessDenied(INVALID_SESSION)
    expires = (now + timedelta(seconds=signin.session_duration) if signin.session_duration
               else credential.expires_at)
    return ConsoleSignin(credential, expires)
