"""Access keys as HTTP Basic credentials: the caller of an API request that carries one."""

from __future__ import annotations

import base64
import binascii
import hmac
import re

from django.http import HttpRequest

from iamconsole.principal import Principal

from .. import throttle
from ..crypto import decrypt_credential
from ..models import AccessKey
from ..services import access_key_authenticate, access_key_record_use
from ..services.sessions import (
    TEMPORARY_KEY_PREFIX,
    credential_secret,
    is_expired,
    session_principal,
)
from ..signin import client_ip, root_principal, user_principal


class AccessKeyRejected(Exception):
    """The request carries Basic credentials that are not an active access key and its secret,
    or (with `retry_after`, in seconds) a key that failed too often from this address."""

    def __init__(self, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


def _throttled(wait: throttle.Throttled) -> AccessKeyRejected:
    return AccessKeyRejected(
        f"Rate exceeded: too many failed attempts with this access key. Try again in "
        f"{wait.seconds} seconds, or ask the account's root user to clear the throttle in "
        "Account settings.", retry_after=wait.seconds)


# AWS's access key ID shape (idType: 16-128 word characters); anything else is refused unread.
_KEY_ID = re.compile(r"^\w{16,128}$", re.ASCII)
_INVALID = (
    "The access key ID or the secret access key is not valid. Send an active access key as "
    "HTTP Basic credentials: the access key ID as user name, the secret as password."
)


def basic_credentials(request: HttpRequest) -> tuple[str, str] | None:
    """(access key ID, secret) from an `Authorization: Basic` header, None without one.

    A malformed Basic header raises AccessKeyRejected rather than being ignored.
    """
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise AccessKeyRejected("The Basic credentials are not valid base64 text.") from exc
    key_id, separator, secret = decoded.partition(":")
    if not separator or not _KEY_ID.match(key_id) or not secret or "\x00" in secret:
        raise AccessKeyRejected(_INVALID)
    return key_id, secret


def _inactive_with_matching_secret(key_id: str, secret: str) -> bool:
    # Only a caller who proved the secret learns that the key exists but is inactive.
    key = AccessKey.objects.filter(
        access_key_id=key_id, status=AccessKey.Status.INACTIVE
    ).first()
    stored = decrypt_credential(key.secret_encrypted) if key is not None else None
    return stored is not None and hmac.compare_digest(stored.encode(), secret.encode())


def principal_from_access_key(request: HttpRequest) -> Principal | None:
    """The principal of the access key in the request's Basic credentials, or None without any.

    A root user's key gives the root principal, an IAM user's key that user's principal.
    Unknown, deleted or inactive keys and wrong secrets raise AccessKeyRejected. Each accepted
    request records the key's last use (time, region, service "iam").
    """
    credentials = basic_credentials(request)
    if credentials is None:
        return None
    key_id, secret = credentials
    if key_id.startswith(TEMPORARY_KEY_PREFIX):
        return _temporary_principal(request, key_id, secret)
    key = access_key_authenticate(access_key_id=key_id, secret_access_key=secret)
    try:
        if key is None:
            throttle.access_key_failed(key_id, client_ip(request))
        else:
            throttle.access_key_accepted(key, client_ip(request))
    except throttle.Throttled as wait:
        raise _throttled(wait) from None
    if key is None:
        if _inactive_with_matching_secret(key_id, secret):
            raise AccessKeyRejected(
                f"The access key {key_id} is inactive. Activate it, or use another key."
            )
        raise AccessKeyRejected(_INVALID)
    access_key_record_use(access_key=key, service="iam")
    # The caller's account, loaded with the key: the request's operations need not read it.
    request.principal_account = key.account  # type: ignore[attr-defined]
    if key.user is None:
        return root_principal(key.account, source_ip=client_ip(request))
    # The key's account is already loaded: spare user_principal a query for it.
    key.user.account = key.account
    return user_principal(key.user, source_ip=client_ip(request))


def _temporary_principal(request: HttpRequest, key_id: str, secret: str) -> Principal:
    """Temporary credentials (STS): Basic credentials plus their X-Amz-Security-Token
    header; refused when the token is missing or not theirs, the secret wrong, or expired."""
    found = credential_secret(access_key_id=key_id,
                              session_token=request.headers.get("X-Amz-Security-Token"))
    if found is None or not hmac.compare_digest(found[1].encode(), secret.encode()):
        raise AccessKeyRejected("The security token included in the request is invalid: "
                                "send temporary credentials with their X-Amz-Security-Token "
                                "header.")
    if is_expired(found[0]):
        raise AccessKeyRejected("The security token included in the request is expired.")
    return session_principal(found[0], source_ip=client_ip(request))
