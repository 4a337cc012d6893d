"""Who signed a wire request: the access key behind its SigV4 signature, as a principal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from iamconsole.principal import Principal
from iamconsole.wire.protocol import WireError
from iamconsole.wire.sigv4 import SignedRequest, check_freshness, check_signature

from .. import throttle
from ..crypto import decrypt_credential
from ..models import AccessKey
from ..services import access_key_record_use
from ..services.sessions import (
    TEMPORARY_KEY_PREFIX,
    credential_secret,
    is_expired,
    session_principal,
)
from ..signin import client_ip, root_principal, user_principal

_INVALID_KEY = "The security token included in the request is invalid."


def throttling(wait: throttle.Throttled, what: str) -> WireError:
    """AWS's answer while throttled (Throttling, HTTP 400, "Rate exceeded"), with the wait
    and what failed too often in <Detail>."""
    return WireError("Throttling", "Rate exceeded", status=400, detail=(
        f"Too many failed attempts with {what}. Try again in {wait.seconds} seconds, or ask "
        "the account's root user to clear the throttle in Account settings."))


def _throttle(count: Callable[..., None], *args: Any, signer: Principal | None = None) -> None:
    """Run a throttle's count or check, answering Throttling while throttled."""
    try:
        count(*args)
    except throttle.Throttled as wait:
        error = throttling(wait, "this access key")
        error.signer = signer
        raise error from None


def _key_principal(key: AccessKey, ip: str | None) -> Principal:
    """The root user or IAM user whose access key this is."""
    if key.user is None:
        return root_principal(key.account, source_ip=ip)
    key.user.account = key.account
    return user_principal(key.user, source_ip=ip)


def principal_from_signature(request: HttpRequest, signed: SignedRequest) -> Principal:
    """The principal whose active access key signed the request (root or IAM user).

    InvalidClientTokenId for an unknown, deleted or inactive key; SignatureDoesNotMatch for a
    wrong secret, a changed request or a stale time. Records the key's last use (service and
    region of the signature's scope), as AWS does.
    """
    if signed.access_key_id.startswith(TEMPORARY_KEY_PREFIX):
        return _temporary_principal(request, signed)
    key = (AccessKey.objects.select_related("account", "user")
           .filter(access_key_id=signed.access_key_id).first())
    ip = client_ip(request)
    try:
        if key is None or key.status != AccessKey.Status.ACTIVE:
            raise WireError("InvalidClientTokenId", _INVALID_KEY, status=403)
        secret = decrypt_credential(key.secret_encrypted)
        if secret is None:
            raise WireError("InvalidClientTokenId", _INVALID_KEY, status=403)
        check_freshness(signed)  # a wrong clock, not a guess: counted all the same
        check_signature(request, signed, secret)
    except WireError as exc:
        # The trail records the failure as the key's owner's, when the key exists.
        exc.signer = _key_principal(key, ip) if key is not None else None
        _throttle(throttle.access_key_failed, signed.access_key_id, ip, signer=exc.signer)
        raise
    principal = _key_principal(key, ip)
    _throttle(throttle.access_key_accepted, key, ip, signer=principal)
    access_key_record_use(access_key=key, service=signed.service, region=signed.region)
    # The caller's account, loaded with the key: the call's operations need not read it.
    request.principal_account = key.account  # type: ignore[attr-defined]
    return principal


def _temporary_principal(request: HttpRequest, signed: SignedRequest) -> Principal:
    """The session of temporary credentials (STS): the signed X-Amz-Security-Token must be
    the key's own token (InvalidClientTokenId when missing or changed), and the credentials
    unexpired (ExpiredToken)."""
    found = credential_secret(access_key_id=signed.access_key_id,
                              session_token=signed.security_token)
    if found is None:
        raise WireError("InvalidClientTokenId", _INVALID_KEY, status=403)
    credential, secret = found
    principal = session_principal(credential, source_ip=client_ip(request))
    try:
        check_freshness(signed)
        check_signature(request, signed, secret)
        if is_expired(credential):
            raise WireError("ExpiredToken", "The security token included in the request is "
                            "expired", status=403)
        if signed.service == "iam" and (
                credential.kind == credential.Kind.FEDERATED_USER or (
                credential.issued_by == "GetSessionToken"
                and not credential.mfa_authenticated_at)):
            # AWS: IAM's API refuses GetFederationToken's credentials, and GetSessionToken's
            # unless MFA was used to get them.
            raise WireError("InvalidClientTokenId", _INVALID_KEY, status=403)
    except WireError as exc:
        exc.signer = principal  # the trail records the failure as the session's
        raise
    return principal
