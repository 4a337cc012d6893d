"""What every wire protocol does with a signed request: its principal, its caller and its call."""

from __future__ import annotations

import dataclasses
from typing import Any

from botocore.model import OperationModel
from django.http import HttpRequest

from accounts.wire.auth import principal_from_signature

from ..operations.caller import Caller
from ..principal import Principal
from ..trail.record import Origin
from .protocol import WireError
from .registry import WireCall
from .sigv4 import SignedRequest


def signed_principal(request: HttpRequest, signed: SignedRequest) -> Principal:
    """The principal whose access key (long-term, or temporary credentials) signed the
    request, its signature checked."""
    principal = principal_from_signature(request, signed)
    return dataclasses.replace(
        principal, secure_transport=request.is_secure(),
        via="temporary-credentials" if principal.credential_id else "access-key")


def authenticate(request: HttpRequest, operation: OperationModel,
                 signed: SignedRequest | None, missing: WireError | None) -> Principal | None:
    """The signer of the request (None when the operation needs no signature), set on the
    request as `request.principal`; MissingAuthenticationToken (or the signature's own
    error) when a signed operation is called without one."""
    principal = None
    if getattr(operation, "auth_type", None) != "none":
        if signed is None:
            raise missing or WireError("MissingAuthenticationToken",
                                       "Request is missing Authentication Token", status=403)
        principal = signed_principal(request, signed)
    request.principal = principal  # type: ignore[attr-defined]
    return principal


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


def wire_call(caller: Caller, service: str, name: str, params: dict[str, Any],
              signed: SignedRequest | None) -> WireCall:
    """The call a wire action receives, whatever the protocol."""
    return WireCall(caller=caller, service=service, action=name, params=params,
                    region=caller.origin.region,
                    access_key_id=signed.access_key_id if signed else None)
