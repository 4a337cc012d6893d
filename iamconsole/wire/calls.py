"""What every wire protocol does with a signed request: its principal, its caller and its call."""

from __future__ import annotations

import dataclasses
from typing import Any

from botocore.model import OperationModel
from django.http import HttpRequest

from accounts.models import TrailEvent
from accounts.wire.auth import principal_from_signature

from ..operations.base import OPERATIONS
from ..operations.caller import Caller
from ..principal import Principal
from ..trail.record import Origin
from ..trail.record import event as trail_event
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
                 signed: SignedRequest | None, missing: WireError | None,
                 request_id: str | None = None) -> Principal | None:
    """The signer of the request (None when the operation needs no signature), set on the
    request as `request.principal`; MissingAuthenticationToken (or the signature's own
    error) when a signed operation is called without one. A refused signature (unknown or
    inactive key, wrong signature, expired token, throttled) is on the trail."""
    principal = None
    if getattr(operation, "auth_type", None) != "none":
        if signed is None:
            raise missing or WireError("MissingAuthenticationToken",
                                       "Request is missing Authentication Token", status=403)
        try:
            principal = signed_principal(request, signed)
        except WireError as exc:
            record_refused_signature(request, operation, signed, exc, request_id)
            raise
    request.principal = principal  # type: ignore[attr-defined]
    return principal


def record_refused_signature(request: HttpRequest, operation: OperationModel,
                             signed: SignedRequest, error: WireError,
                             request_id: str | None) -> None:
    """Write the event of a call whose signature was refused: its error, and its caller as
    far as known (the key's owner and account when the key exists, else its key ID)."""
    service = operation.service_model.endpoint_prefix
    registered = OPERATIONS.get(f"{service}:{operation.name}")
    origin = Origin.of(request, request_id=request_id, region=signed.region,
                       access_key_id=signed.access_key_id)
    extra = None
    if error.signer is None:
        extra = {"userIdentity": {"type": "Unknown", "principalId": "",
                                  "accessKeyId": signed.access_key_id}}
    TrailEvent.objects.bulk_create([trail_event(
        principal=error.signer, origin=origin, source=service, name=operation.name,
        read_only=bool(registered and registered.read_only), error=(error.code, error.message),
        extra=extra)])


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
