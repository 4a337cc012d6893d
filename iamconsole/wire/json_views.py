"""The /aws endpoint's JSON 1.1 side (Organizations, CloudTrail): `X-Amz-Target` names the
service and operation; the signature is checked, the body read and checked with the model,
the wire action run (it names an operation) and the answer written in JSON."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from ..exceptions import IamError
from . import constraints, json_protocol
from .calls import authenticate, wire_call, wire_caller
from .protocol import WireError
from .registry import ACTIONS
from .sigv4 import SignedRequest, read_signature

logger = logging.getLogger(__name__)
_INTERNAL = ("The request processing has failed because of an unknown error, exception or "
             "failure.")


def _json(body: bytes, status: int, request_id: str) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type=json_protocol.CONTENT_TYPE)
    response["x-amzn-RequestId"] = request_id
    return response


def json_endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one JSON 1.1 call; every failure in the service's JSON error document."""
    request_id = str(uuid.uuid4())
    service: str | None = None
    try:
        if request.method != "POST":
            raise WireError("UnknownOperationException", f"{request.method} is not supported: "
                            "the JSON protocol is POST only.", status=405)
        service, operation = json_protocol.target(request.headers["X-Amz-Target"])
        try:
            body = request.body
        except RequestDataTooBig as exc:
            raise WireError("SerializationException", "The request body is too large.") from exc
        return _call(request, service, operation, body, request_id)
    except WireError as exc:
        error = exc
    except Exception:  # a defect of ours: AWS's InternalFailure, logged
        logger.exception("wire call failed (request %s)", request_id)
        error = WireError("InternalFailure", _INTERNAL, status=500, sender=False)
    body, status = json_protocol.render_error(service, error)
    return _json(body, status, request_id)


def _call(request: HttpRequest, service: str, operation: Any, body: bytes,
          request_id: str) -> HttpResponse:
    try:
        signed: SignedRequest | None = read_signature(request)
        missing: WireError | None = None
    except WireError as exc:
        signed, missing = None, exc
    if signed is not None and signed.service != service:
        raise WireError("InvalidSignatureException", "Credential should be scoped to correct "
                        f"service: '{service}'.", status=403)
    name = operation.name
    if (service, name) not in ACTIONS:
        raise WireError("UnknownOperationException",
                        f"The operation {name} is not available at this endpoint yet.")
    principal = authenticate(request, operation, signed, missing, request_id)
    params = json_protocol.parse(operation, body)
    try:
        constraints.validate(operation.input_shape, params)
    except WireError as exc:
        raise json_protocol.validation_error(service, exc) from exc
    caller = wire_caller(request, principal, signed, request_id)
    call = wire_call(caller, service, name, params, signed)
    try:
        result: Any = ACTIONS[(service, name)](call)
    except IamError as exc:
        raise json_protocol.from_iam_error(service, exc) from exc
    finally:
        caller.write_events()
    return _json(json_protocol.render(operation, result), 200, request_id)
