"""AWS's Query protocol (form parameters in, XML out) from botocore's service models.

Parsing is moto's (`moto.core.parse.QueryParser`, driven by botocore's shapes; moto is
pinned); answers are written by `serializer.py` from the same shapes (moto's general
serializer cost a simulation of 100 actions ~25 ms): no XML is written by hand per
operation. What is ours: which services the endpoint speaks, policy documents URL-encoded as
AWS sends them, and AWS's error document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from botocore.model import OperationModel
from moto.core.model import ServiceModel
from moto.core.parse import QueryParser
from moto.core.utils import get_service_model

from policies.validation.aws_wording import aws_message, detail_text

from ..exceptions import IamError, MalformedPolicyDocument
from ..principal import Principal
from .serializer import escape, serialize

# The services the endpoint speaks over the Query protocol, by API version.
QUERY_SERVICES = {"iam": "2010-05-08", "sts": "2011-06-15"}
SERVICE_BY_VERSION = {version: service for service, version in QUERY_SERVICES.items()}


@dataclass
class WireError(Exception):
    """An error answered in AWS's error document: code, message, HTTP status, and whether
    the caller (Sender) or the service (Receiver) is at fault."""

    code: str
    message: str
    status: int = 400
    sender: bool = True
    detail: str | None = None  # our explanation for people, beside AWS's own Message
    members: dict[str, Any] = field(default_factory=dict)  # a JSON error's others (Reason)
    # A refused signature: whose key signed it, when the key is known (the trail's
    # userIdentity and account of the failure).
    signer: Principal | None = None

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@cache
def service_model(service: str) -> ServiceModel:
    """botocore's model of the service (IAM 2010-05-08, STS 2011-06-15...)."""
    return get_service_model(service)


def operation_model(service: str, action: str) -> OperationModel | None:
    """The model of one action of the service, or None if the service has no such action."""
    model = service_model(service)
    if action not in model.operation_names:
        return None
    return model.operation_model(action)


def parse(operation: OperationModel, values: Mapping[str, str]) -> dict[str, Any]:
    """The request's parameters as the operation's input shape reads them:
    `Tags.member.1.Key=a` -> {"Tags": [{"Key": "a", ...}]}, numbers, booleans, timestamps."""
    request = {"values": dict(values), "body": "", "headers": {}, "method": "POST",
               "url_params": {}, "url_path": "/"}
    try:
        return QueryParser(operation).parse(request)  # type: ignore[arg-type]
    except (ValueError, TypeError) as exc:
        raise WireError("ValidationError", f"A parameter could not be read: {exc}") from exc


def render(operation: OperationModel, result: Mapping[str, Any] | None,
           request_id: str) -> tuple[bytes, int]:
    """The XML answer of a successful call, from the operation's output shape."""
    namespace = operation.service_model.metadata["xmlNamespace"]
    return serialize(operation, namespace, result, request_id), 200


def render_error(service: str, error: WireError, request_id: str) -> tuple[bytes, int]:
    """AWS's error document: `<ErrorResponse><Error><Type>Sender</Type><Code>...`."""
    namespace = f"https://{service}.amazonaws.com/doc/{QUERY_SERVICES.get(service, '')}/"
    kind = "Sender" if error.sender else "Receiver"
    body = (
        f'<ErrorResponse xmlns="{namespace}"><Error><Type>{kind}</Type>'
        f"<Code>{escape(error.code)}</Code><Message>{escape(error.message)}</Message>"
        + (f"<Detail>{escape(error.detail)}</Detail>" if error.detail else "")
        + "</Error>"
        f"<RequestId>{request_id}</RequestId></ErrorResponse>"
    )
    return body.encode(), error.status


def from_iam_error(service: str, exc: IamError) -> WireError:
    """A domain error as AWS answers it: the model's HTTP status; a refused policy document
    worded as IAM words it, our findings (statement, element, line, column) in `<Detail>`,
    which botocore reads as `response["Error"]["Detail"]`."""
    status = error_status(service, exc.code, exc.status)
    message, detail = exc.message, None
    if isinstance(exc, MalformedPolicyDocument):
        findings = exc.details if isinstance(exc.details, list) else []
        message = aws_message(exc.document, exc.policy_type, findings)
        detail = detail_text(findings) or exc.message
    return WireError(exc.code, message, status=status, sender=status < 500, detail=detail)


def error_status(service: str, code: str, default: int) -> int:
    """The HTTP status the service's model gives an error code (NoSuchEntity -> 404; a
    modelled error without one is the protocol's 400), else `default`."""
    shape = service_model(service).shape_for_error_code(code)
    if shape is None:
        return default
    return int(shape.metadata.get("error", {}).get("httpStatusCode", 400))
