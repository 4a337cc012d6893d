"""AWS's JSON 1.1 protocol (CloudTrail, Organizations) from botocore's service models.

A request is `POST` with `X-Amz-Target: <targetPrefix>.<Operation>` and a JSON body; the
answer is the output shape's members as JSON (timestamps in epoch seconds), an error
`{"__type": code, "message": ...}` with the model's HTTP status. The services it speaks are
named here; each one's operations are wire actions registered under the service.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from botocore.model import OperationModel, Shape

from .protocol import WireError, service_model

# The services the endpoint speaks over JSON 1.1.
JSON_SERVICES = ("cloudtrail",)


@cache
def services_by_target() -> dict[str, str]:
    """The service of each X-Amz-Target prefix (its model's `targetPrefix`)."""
    return {service_model(name).metadata["targetPrefix"]: name for name in JSON_SERVICES}


def target(header: str) -> tuple[str, OperationModel]:
    """(service, operation model) of an `X-Amz-Target` header; UnknownOperationException
    when it names none the endpoint speaks."""
    prefix, _, name = header.rpartition(".")
    service = services_by_target().get(prefix)
    if service is None or name not in service_model(service).operation_names:
        raise WireError("UnknownOperationException", f"The operation {header} is not "
                        "available at this endpoint.")
    return service, service_model(service).operation_model(name)


def parse(operation: OperationModel, body: bytes) -> dict[str, Any]:
    """The JSON body as the input shape reads it (timestamps as datetimes)."""
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError("SerializationException", "The request body is not JSON.") from exc
    if not isinstance(data, dict):
        raise WireError("SerializationException", "The request body is not a JSON object.")
    shape = operation.input_shape
    return _read(shape, data) if shape is not None else {}


def _read(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if value is None:
        return None
    if kind == "structure" and isinstance(value, Mapping):
        return {name: _read(shape.members[name], item) for name, item in value.items()
                if name in shape.members}
    if kind == "list" and isinstance(value, list):
        return [_read(shape.member, item) for item in value]
    if kind == "timestamp":
        try:
            if isinstance(value, (int, float)):
                return datetime.fromtimestamp(value, UTC)
            return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except (ValueError, OverflowError) as exc:
            raise WireError("SerializationException", f"{value!r} is not a time.") from exc
    return value


def render(operation: OperationModel, result: Mapping[str, Any] | None) -> bytes:
    """The answer: the output shape's members as JSON."""
    shape = operation.output_shape
    data = _write(shape, result or {}) if shape is not None else {}
    return json.dumps(data, separators=(",", ":")).encode()


def _write(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for name, member in shape.members.items():
            item = value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)
            if item is not None:
                out[name] = _write(member, item)
        return out
    if kind == "list":
        return [_write(shape.member, item) for item in value]
    if kind == "timestamp" and isinstance(value, datetime):
        return value.timestamp()
    return value


def render_error(service: str | None, error: WireError) -> tuple[bytes, int]:
    """AWS's JSON error: `{"__type": code, "message": ...}` and the model's status."""
    status = error.status
    if service is not None:
        shape = service_model(service).shape_for_error_code(error.code)
        if shape is not None:
            status = int(shape.metadata.get("error", {}).get("httpStatusCode", status))
    body = {"__type": error.code, "message": error.message}
    return json.dumps(body).encode(), status
