"""The JSON 1.1 protocol layer against botocore itself, over every operation of the
Organizations and CloudTrail models (no server): botocore's client serializer writes a body
our parser reads back equal, our answer reads back equal in botocore's parser (what boto3
runs), and errors carry their code, message, members and status."""

from __future__ import annotations

import json

import pytest
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from iamconsole.exceptions import AccessDenied, IamError
from iamconsole.wire import json_protocol
from iamconsole.wire.protocol import WireError, service_model

from .shapes import value

OPERATIONS = [(service, name) for service in json_protocol.JSON_SERVICES
              for name in service_model(service).operation_names]


def test_the_target_prefixes_name_the_services():
    service, operation = json_protocol.target("AWSOrganizationsV20161128.ListRoots")
    assert (service, operation.name) == ("organizations", "ListRoots")
    assert json_protocol.target(
        "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")[0] == "cloudtrail"
    for target in ("AWSOrganizationsV20161128.NoSuchThing", "Nope.ListRoots", ""):
        with pytest.raises(WireError) as caught:
            json_protocol.target(target)
        assert caught.value.code == "UnknownOperationException"


@pytest.mark.parametrize("salt", (0, 1))
@pytest.mark.parametrize(("service", "name"), OPERATIONS)
def test_botocore_request_reads_back_equal(service, name, salt):
    operation = service_model(service).operation_model(name)
    if operation.input_shape is None:
        pytest.skip("no input")
    params = value(operation.input_shape, salt)
    request = create_serializer("json").serialize_to_request(params, operation)
    assert request["headers"]["X-Amz-Target"].endswith(f".{name}")
    assert json_protocol.parse(operation, request["body"]) == params


@pytest.mark.parametrize("salt", (0, 1))
@pytest.mark.parametrize(("service", "name"), OPERATIONS)
def test_our_answer_reads_back_equal_in_botocore(service, name, salt):
    operation = service_model(service).operation_model(name)
    result = value(operation.output_shape, salt) if operation.output_shape else None
    body = json_protocol.render(operation, result)
    parsed = create_parser("json").parse(
        {"body": body, "headers": {}, "status_code": 200}, operation.output_shape)
    parsed.pop("ResponseMetadata", None)
    assert parsed == (result or {})


def _read_error(body: bytes, status: int) -> dict:
    return create_parser("json").parse({"body": body, "headers": {}, "status_code": status},
                                       None)


@pytest.mark.parametrize("shape", service_model("organizations").error_shapes,
                         ids=lambda shape: shape.name)
def test_each_organizations_error_reads_back_in_botocore(shape):
    error = WireError(shape.name, f"{shape.name}: é <&>", status=418)
    body, status = json_protocol.render_error("organizations", error)
    parsed = _read_error(body, status)
    assert parsed["Error"]["Code"] == shape.name
    assert parsed["Error"]["Message"] == f"{shape.name}: é <&>"
    assert status == 400


def test_a_domain_error_takes_the_service_name_and_its_reason():
    class Violation(IamError):
        code = "ConstraintViolationException"
        status = 409
        reason = "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"

    error = json_protocol.from_iam_error("organizations", Violation("Too many."))
    body, status = json_protocol.render_error("organizations", error)
    assert status == 400
    assert json.loads(body) == {"__type": "ConstraintViolationException", "Message": "Too many.",
                                "Reason": "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"}
    denied = json_protocol.from_iam_error("organizations", AccessDenied("No."))
    assert denied.code == "AccessDeniedException"


def test_an_error_the_model_does_not_name_keeps_its_own_status():
    body, status = json_protocol.render_error(
        "organizations", WireError("InvalidClientTokenId", "bad key", status=403))
    assert status == 403 and _read_error(body, status)["Error"]["Code"] == "InvalidClientTokenId"


def test_a_constraint_breach_is_organizations_invalid_input_with_its_reason():
    error = json_protocol.validation_error("organizations", WireError(
        "ValidationError", "1 validation error detected: Value 'x' at 'name' failed to "
        "satisfy constraint: Member must have length less than or equal to 128"))
    assert (error.code, error.members) == ("InvalidInputException",
                                           {"Reason": "MAX_LENGTH_EXCEEDED"})
    assert json_protocol.validation_error("cloudtrail", error).code == "ValidationException"


@pytest.mark.parametrize(("body", "problem"), [
    (b"{not json", "not JSON"), (b"[1]", "expected an object"),
    (b'{"Name": 5, "ParentId": "r-abcd"}', "'Name': expected a string"),
])
def test_an_unreadable_body_is_a_serialization_exception(body, problem):
    operation = service_model("organizations").operation_model("CreateOrganizationalUnit")
    with pytest.raises(WireError) as caught:
        json_protocol.parse(operation, body)
    assert caught.value.code == "SerializationException"
    assert problem in caught.value.message
