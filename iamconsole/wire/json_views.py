"""The /aws endpoint's JSON 1.1 calls: `X-Amz-Target` names the service and the operation."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse

from ..exceptions import IamError
from . import constraints, json_protocol
from .calls import signed_principal, wire_caller
from .protocol import WireError
from .registry import ACTIONS, WireCall
from .sigv4 import read_signature

logger = logging.getLogger(__name__)
_INTERNAL = ("The request processing has failed because of an unknown error, exception or "
             "failure.")
# JSON services name AWS's common errors with an "Exception" suffix.
_JSON_CODES = {"AccessDenied": "AccessDeniedException", "ValidationError":
               "ValidationException"}


def json_endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one JSON 1.1 call."""
    request_id = str(uuid.uuid4())
    service: str | None = None
    try:
        if request.method != "POST":
            raise WireError("UnknownOperationException", "JSON 1.1 calls are POST.",
                            status=405)
        service, operation = json_protocol.target(request.headers["X-Amz-Target"])
        if (service, operation.name) not in ACTIONS:
            raise WireError("UnknownOperationException", f"The operation {operation.name} "
                            "is not available at this endpoint.")
        signed = read_signature(request)
        principal = signed_principal(request, signed)
        request.principal = principal  # type: ignore[attr-defined]
        params = json_protocol.parse(operation, request.body)
        constraints.validate(operation.input_shape, params)
        caller = wire_caller(request, principal, signed, request_id)
        call = WireCall(caller=caller, service=service, action=operation.name, params=params,
                        region=caller.origin.region, access_key_id=signed.access_key_id)
        try:
            result: Any = ACTIONS[(service, operation.name)](call)
        except IamError as exc:
            raise WireError(exc.code, exc.message, status=exc.status) from exc
        finally:
            caller.write_events()
        body, status = json_protocol.render(operation, result), 200
    except WireError as exc:
        exc.code = _JSON_CODES.get(exc.code, exc.code)
        body, status = json_protocol.render_error(service, exc)
    except Exception:  # a defect of ours: InternalFailure, logged
        logger.exception("wire call failed (request %s)", request_id)
        body, status = json_protocol.render_error(
            service, WireError("InternalFailure", _INTERNAL, status=500, sender=False))
    response = HttpResponse(body, status=status, content_type="application/x-amz-json-1.1")
    response["x-amzn-RequestId"] = request_id
    return response
