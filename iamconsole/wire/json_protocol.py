"""AWS's JSON 1.1 protocol (Organizations, CloudTrail) from botocore's service models.

A request is `POST /aws` with `X-Amz-Target: <targetPrefix>.<Operation>` and a JSON body;
the target prefix names the service (`AWSOrganizationsV20161128` -> organizations). The body
is read with the operation's input shape (timestamps from epoch seconds, blobs from base64),
the answer written with its output shape (timestamps as epoch seconds), and an error is
`{"__type": "<Code>", "Message": ..., <the error shape's other members>}` with the model's
HTTP status (400 unless the model says otherwise). No JSON is written by hand per operation.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from functools import cache
from typing import Any

from botocore.model import OperationModel, Shape

from ..exceptions import IamError
from .protocol import WireError, service_model

# The services the endpoint speaks over JSON 1.1 (their target prefixes come from the models).
JSON_SERVICES = ("organizations", "cloudtrail")
CONTENT_TYPE = "application/x-amz-json-1.1"
# A service's own code for a request breaking the model's constraints (AWS's Coral default
# is ValidationException; Organizations answers InvalidInputException with a Reason).
_VALIDATION_CODES = {"organizations": "InvalidInputException"}
# Domain errors shared with IAM, by the name the JSON services' models give them.
_SUFFIXED = ("AccessDenied", "InvalidInput", "MalformedPolicyDocument", "ConcurrentModification",
             "ServiceFailure")
# The Reason of an InvalidInputException for each constraint the request broke.
_REASONS = (("must not be null", "INPUT_REQUIRED"),
            ("have length less than", "MAX_LENGTH_EXCEEDED"),
            ("have length greater than", "MIN_LENGTH_EXCEEDED"),
            ("have value less than", "MAX_VALUE_EXCEEDED"),
            ("have value greater than", "MIN_VALUE_EXCEEDED"),
            ("regular expression", "INVALID_PATTERN"),
            ("enum value set", "INVALID_ENUM"))


@cache
def services_by_target() -> dict[str, str]:
    """{"AWSOrganizationsV20161128": "organizations", ...} from the models' metadata."""
    return {service_model(name).metadata["targetPrefix"]: name for name in JSON_SERVICES}


def target(header: str) -> tuple[str, OperationModel]:
    """The service and operation an `X-Amz-Target` header names; UnknownOperationException
    (AWS's answer) for anything else."""
    prefix, _, name = header.rpartition(".")
    service = services_by_target().get(prefix)
    if service is None or name not in service_model(service).operation_names:
        raise WireError("UnknownOperationException", f"The operation {header} is not "
                        "available at this endpoint.")
    return service, service_model(service).operation_model(name)


def _not_readable(where: str, expected: str) -> WireError:
    return WireError("SerializationException",
                     f"Cannot read '{where or 'the body'}': expected {expected}.")


def _read(shape: Shape, value: Any, where: str) -> Any:
    """A JSON value as the shape holds it; SerializationException for a wrong JSON type."""
    if value is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            raise _not_readable(where, "an object")
        return {name: _read(shape.members[name], item, f"{where}.{name}".lstrip("."))
                for name, item in value.items() if name in shape.members}
    if kind == "list":
        if not isinstance(value, list):
            raise _not_readable(where, "a list")
        return [_read(shape.member, item, f"{where}[{index}]")
                for index, item in enumerate(value)]
    if kind == "map":
        if not isinstance(value, dict):
            raise _not_readable(where, "an object")
        return {key: _read(shape.value, item, f"{where}.{key}") for key, item in value.items()}
    return _read_scalar(kind, value, where)


def _read_scalar(kind: str, value: Any, where: str) -> Any:
    if kind == "timestamp":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _not_readable(where, "epoch seconds")
        return datetime.fromtimestamp(value, UTC)
    if kind == "blob":
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, TypeError, ValueError) as exc:
            raise _not_readable(where, "base64") from exc
    if kind == "boolean" and not isinstance(value, bool):
        raise _not_readable(where, "true or false")
    if kind in ("integer", "long") and (isinstance(value, bool) or not isinstance(value, int)):
        raise _not_readable(where, "an integer")
    if kind in ("float", "double") and not isinstance(value, int | float):
        raise _not_readable(where, "a number")
    if kind == "string" and not isinstance(value, str):
        raise _not_readable(where, "a string")
    return value


def parse(operation: OperationModel, body: bytes) -> dict[str, Any]:
    """The request body as the operation's input shape reads it (an empty body is `{}`)."""
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError("SerializationException", "The request body is not JSON.") from exc
    if operation.input_shape is None:
        return {}
    if not isinstance(data, dict):
        raise _not_readable("", "an object")
    return _read(operation.input_shape, data, "")


def _member(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


def _write(shape: Shape, value: Any) -> Any:
    """A value of the output shape as JSON: structures by member (absent ones left out),
    timestamps as epoch seconds, blobs in base64."""
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for name, member in shape.members.items():
            item = _member(value, name)
            if item is not None:
                out[name] = _write(member, item)
        return out
    if kind == "list":
        return [_write(shape.member, item) for item in value]
    if kind == "map":
        return {str(key): _write(shape.value, item) for key, item in value.items()}
    if kind == "timestamp":
        if isinstance(value, datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=UTC)
            return moment.timestamp()
        return value
    if kind == "blob":
        data = value.encode() if isinstance(value, str) else bytes(value)
        return base64.b64encode(data).decode()
    return value


def render(operation: OperationModel, result: Any) -> bytes:
    """The JSON answer of a successful call, from the operation's output shape."""
    output = operation.output_shape
    data = _write(output, result or {}) if output is not None else {}
    return json.dumps(data, separators=(",", ":")).encode()


def _error_shape(service: str, code: str) -> Shape | None:
    return service_model(service).shape_for_error_code(code)


def render_error(service: str | None, error: WireError) -> tuple[bytes, int]:
    """`{"__type": code, "Message": ...}` plus the error's own members (a Reason), with the
    model's status for a modelled error and the error's own for the others (signature)."""
    body: dict[str, Any] = {"__type": error.code, "Message": error.message}
    body.update(error.members)
    if error.detail:
        body["Detail"] = error.detail
    status = error.status
    shape = _error_shape(service, error.code) if service else None
    if shape is not None:
        status = int(shape.metadata.get("error", {}).get("httpStatusCode", 400))
        if shape.metadata.get("fault"):
            status = max(status, 500)
    return json.dumps(body).encode(), status


def json_code(service: str, code: str) -> str:
    """The service's name for a domain error: `AccessDenied` -> `AccessDeniedException`
    where the model names it so; an error the service names itself is kept."""
    if code in _SUFFIXED and _error_shape(service, f"{code}Exception") is not None:
        return f"{code}Exception"
    return code


def from_iam_error(service: str, exc: IamError) -> WireError:
    """A domain error as the JSON service answers it: its code, message and the members its
    error shape declares (an Organizations ConstraintViolationException's `Reason`), which
    the exception carries as attributes of those names' lower-case forms (`reason`)."""
    code = json_code(service, exc.code)
    members: dict[str, Any] = {}
    shape = _error_shape(service, code)
    if shape is not None:
        for name in shape.members:
            value = getattr(exc, name.lower(), None)
            if name != "Message" and isinstance(value, str | int | float | bool):
                members[name] = value
    return WireError(code, exc.message, status=400 if shape is not None else exc.status,
                     sender=exc.status < 500, members=members)


def validation_error(service: str, error: WireError) -> WireError:
    """A breach of the model's constraints in the service's own code: Organizations'
    InvalidInputException with the Reason of the first constraint broken."""
    code = _VALIDATION_CODES.get(service, "ValidationException")
    members: dict[str, Any] = {}
    if code == "InvalidInputException":
        members["Reason"] = next((reason for phrase, reason in _REASONS
                                  if phrase in error.message), "INVALID_PATTERN")
    return WireError(code, error.message, members=members)
