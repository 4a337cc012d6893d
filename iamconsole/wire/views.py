"""The /aws endpoint: AWS's Query API as boto3 and the AWS CLI send it.

One view: read the action, find the service (the SigV4 scope's service, else the API
version), authenticate the signature, parse the parameters with the model, check the
model's constraints, run the wire action (which names an operation) and answer in XML.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from accounts.wire.sts import encoded_denial

from ..access import public_view
from ..exceptions import AccessDenied, IamError
from . import constraints, protocol
from .calls import authenticate, wire_call, wire_caller
from .json_views import json_endpoint
from .protocol import WireError
from .registry import ACTIONS
from .sigv4 import SignedRequest, read_signature

logger = logging.getLogger(__name__)
# Parameters one request may carry (a simulation of 3,000 actions with its context included).
MAX_PARAMETERS = 10_000
_INTERNAL = ("The request processing has failed because of an unknown error, exception or "
             "failure.")


def _values(request: HttpRequest) -> dict[str, str]:
    """The request's parameters: the query string's (not the signature's) and the form's.

    Read with our own limit on their number rather than Django's form limit (1,000 fields),
    which a simulation of many actions passes; a body over Django's size limit or not UTF-8
    is answered in AWS's error document, not Django's HTML."""
    values = {key: value for key, value in _pairs(request.META.get("QUERY_STRING", ""))
              if not key.startswith("X-Amz-")}
    if request.method == "POST":
        try:
            body = request.body
        except RequestDataTooBig as exc:
            raise WireError("ValidationError", "The request body is larger than "
                            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.") from exc
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WireError("MalformedQueryString", "The query string contains a syntax "
                            "error: it is not UTF-8.", status=404) from exc
        values.update(_pairs(text))
    return values


def _pairs(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_PARAMETERS)
    except ValueError as exc:
        raise WireError("MalformedQueryString", "The query string contains a syntax error: "
                        f"more than {MAX_PARAMETERS} parameters.", status=404) from exc


def _service(values: dict[str, str], signed: SignedRequest | None) -> str:
    if signed is not None and signed.service in protocol.QUERY_SERVICES:
        return signed.service
    service = protocol.SERVICE_BY_VERSION.get(values.get("Version", ""))
    if service is None:
        if signed is not None:
            raise WireError("InvalidAction", f"The service {signed.service} is not "
                            "available at this endpoint.")
        raise WireError("MissingAction" if "Action" not in values else "InvalidAction",
                        "Could not find the service for this request: send a signed "
                        "request, or a Version such as 2010-05-08.")
    return service


def _xml(body: bytes, status: int, request_id: str) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type="text/xml")
    response["x-amzn-RequestId"] = request_id
    return response


@csrf_exempt
@public_view  # authenticated by its SigV4 signature, never by the console's session cookie
def aws_endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one AWS Query API call."""
    if "X-Amz-Target" in request.headers:  # JSON 1.1 (Organizations, CloudTrail)
        return json_endpoint(request)
    request_id = str(uuid.uuid4())
    service = "iam"
    try:
        if request.method not in ("GET", "POST"):
            raise WireError("InvalidAction", f"{request.method} is not supported: send the "
                            "Query API's GET or POST.", status=405)
        values = _values(request)
        try:
            signed: SignedRequest | None = read_signature(request)
            missing: WireError | None = None
        except WireError as exc:
            signed, missing = None, exc
        service = _service(values, signed)
        return _call(request, service, values, signed, missing, request_id)
    except WireError as exc:
        error = exc
    except Exception:  # a defect of ours: AWS's InternalFailure, in its document, logged
        logger.exception("wire call failed (request %s)", request_id)
        error = WireError("InternalFailure", _INTERNAL, status=500, sender=False)
    body, status = protocol.render_error(service, error, request_id)
    return _xml(body, status, request_id)


def _call(request: HttpRequest, service: str, values: dict[str, str],
          signed: SignedRequest | None, missing: WireError | None,
          request_id: str) -> HttpResponse:
    name = values.get("Action", "")
    if not name:
        raise WireError("MissingAction", "Missing Action")
    operation = protocol.operation_model(service, name)
    if operation is None or (service, name) not in ACTIONS:
        version = protocol.QUERY_SERVICES[service]
        raise WireError("InvalidAction", f"Could not find operation {name} for version "
                        f"{version}")
    principal = authenticate(request, operation, signed, missing, request_id)
    params = protocol.parse(operation, values)
    constraints.validate(operation.input_shape, params)
    caller = wire_caller(request, principal, signed, request_id)
    call = wire_call(caller, service, name, params, signed)
    try:
        result: Any = ACTIONS[(service, name)](call)
    except IamError as exc:
        error = protocol.from_iam_error(service, exc)
        if isinstance(exc, AccessDenied) and principal is not None and error.detail is None:
            error.detail = encoded_denial(principal, exc)
        raise error from exc
    finally:
        caller.write_events()
    body, status = protocol.render(operation, result, request_id)
    return _xml(body, status, request_id)
