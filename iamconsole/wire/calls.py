"""What every wire protocol does with a signed request: its principal and its caller."""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest

from accounts.wire.auth import principal_from_signature

from ..operations.caller import Caller
from ..principal import Principal
from ..trail.record import Origin
from .sigv4 import SignedRequest


def signed_principal(request: HttpRequest, signed: SignedRequest) -> Principal:
    """The principal whose access key (long-term, or temporary credentials) signed the
    request, its signature checked."""
    principal = principal_from_signature(request, signed)
    return dataclasses.replace(
        principal, secure_transport=request.is_secure(),
        via="temporary-credentials" if principal.credential_id else "access-key")


def wire_caller(request: HttpRequest, principal: Principal | None,
                signed: SignedRequest | None, request_id: str) -> Caller:
    """The caller of one wire call; its events, the request's ID on them, are written when
    the call ends (`Caller.write_events`)."""
    origin = Origin.of(request, request_id=request_id,
                       region=signed.region if signed else "us-east-1",
                       access_key_id=signed.access_key_id if signed else "")
    # The access key's request brings its account (checked against the principal's).
    return Caller(principal, getattr(request, "principal_account", None), origin=origin,
                  defer_events=True)
