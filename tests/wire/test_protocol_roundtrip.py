"""The Query protocol layer against botocore itself, over every operation of the IAM and STS
models (no server): botocore's client serializer writes a request that our parser reads back
equal, our serializer writes an answer that botocore's parser (what boto3 runs) reads back
equal, and errors carry their code, message and the model's HTTP status."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import unquote

import pytest
from botocore.model import Shape
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from iamconsole.wire import protocol
from iamconsole.wire.protocol import WireError
from iamconsole.wire.serializer import DOCUMENT_SHAPES

from .shapes import value

SERVICES = ("iam", "sts")
OPERATIONS = [(service, name) for service in SERVICES
              for name in protocol.service_model(service).operation_names]
SALTS = (0, 1)  # two variants: enum values, booleans and list items differ


def test_every_operation_of_both_models_is_covered():
    counts = {service: sum(s == service for s, _ in OPERATIONS) for service in SERVICES}
    assert counts["iam"] >= 210 and counts["sts"] >= 15


def _documents_decoded(shape: Shape, data: Any) -> Any:
    """What boto3 hands its caller: botocore's json_decode_policies handler URL-decodes
    (and JSON-parses) the policy documents after the parser; the decoding is what we check."""
    if shape.type_name == "structure" and isinstance(data, dict):
        return {name: _documents_decoded(shape.members[name], item)
                for name, item in data.items() if name in shape.members}
    if shape.type_name == "list" and isinstance(data, list):
        return [_documents_decoded(shape.member, item) for item in data]
    if shape.type_name == "string" and shape.name in DOCUMENT_SHAPES:
        return unquote(data)
    return data


@pytest.mark.parametrize("salt", SALTS)
@pytest.mark.parametrize(("service", "name"), OPERATIONS)
def test_botocore_request_reads_back_equal(service, name, salt):
    operation = protocol.operation_model(service, name)
    if operation.input_shape is None:
        pytest.skip("no input")
    params = value(operation.input_shape, salt)
    request = create_serializer("query").serialize_to_request(params, operation)
    assert request["body"]["Action"] == name
    assert protocol.parse(operation, request["body"]) == params


@pytest.mark.parametrize("salt", SALTS)
@pytest.mark.parametrize(("service", "name"), OPERATIONS)
def test_our_answer_reads_back_equal_in_botocore(service, name, salt):
    operation = protocol.operation_model(service, name)
    if operation.output_shape is None:
        body, status = protocol.render(operation, None, "request-1")
        parsed = create_parser("query").parse(
            {"body": body, "headers": {}, "status_code": status}, None)
        assert status == 200 and parsed["ResponseMetadata"]["RequestId"] == "request-1"
        return
    result = value(operation.output_shape, salt)
    body, status = protocol.render(operation, result, "request-1")
    parsed = create_parser("query").parse({"body": body, "headers": {}, "status_code": status},
                                          operation.output_shape)
    assert status == 200
    assert parsed.pop("ResponseMetadata")["RequestId"] == "request-1"
    assert _documents_decoded(operation.output_shape, parsed) == result


def test_policy_documents_are_url_encoded_on_the_wire():
    operation = protocol.operation_model("iam", "GetUserPolicy")
    document = '{"Statement": [{"Resource": "arn:aws:s3:::a b&c/*"}]}'
    body, _ = protocol.render(operation, {"UserName": "u", "PolicyName": "p",
                                          "PolicyDocument": document}, "r")
    assert b"%7B%22Statement%22%3A%20%5B%7B%22Resource%22" in body
    assert document.encode() not in body


def _errors(service: str) -> list[tuple[str, int]]:
    """(code, HTTP status) of each error shape: the model's, else the shape's name and the
    Query protocol's 400."""
    return [(shape.metadata.get("error", {}).get("code", shape.name),
             shape.metadata.get("error", {}).get("httpStatusCode", 400))
            for shape in protocol.service_model(service).error_shapes]


ERRORS = [(service, code, status) for service in SERVICES for code, status in _errors(service)]


@pytest.mark.parametrize(("service", "code", "status"), ERRORS)
def test_each_model_error_has_its_status_and_reads_back_in_botocore(service, code, status):
    assert protocol.error_status(service, code, 599) == status
    message = f"{code}: <b>&'\"é"
    body, answered = protocol.render_error(
        service, WireError(code, message, status=status, sender=status < 500), "request-2")
    parsed = create_parser("query").parse(
        {"body": body, "headers": {}, "status_code": answered}, None)
    assert answered == status
    assert parsed["Error"]["Code"] == code
    assert parsed["Error"]["Message"] == message
    assert parsed["Error"]["Type"] == ("Sender" if status < 500 else "Receiver")
    assert parsed["ResponseMetadata"]["RequestId"] == "request-2"


def test_an_error_the_model_does_not_name_keeps_its_own_status():
    assert protocol.error_status("iam", "AccessDenied", 403) == 403
    assert protocol.error_status("iam", "NoSuchEntity", 400) == 404


def _read_back(service: str, name: str, result: dict) -> dict:
    operation = protocol.operation_model(service, name)
    body, status = protocol.render(operation, result, "r")
    parsed = create_parser("query").parse({"body": body, "headers": {}, "status_code": status},
                                          operation.output_shape)
    parsed.pop("ResponseMetadata")
    return parsed


def test_empty_lists_reach_boto3_as_empty_lists():
    assert _read_back("iam", "ListUsers", {"Users": [], "IsTruncated": False}) == {
        "Users": [], "IsTruncated": False}


def test_awkward_text_and_foreign_time_zones_read_back_equal():
    when = datetime(2026, 1, 2, 12, 0, 0, 250000, tzinfo=timezone(timedelta(hours=2)))
    user = {"Path": "/", "UserName": "u", "UserId": "AIDAEXAMPLE", "Arn": "arn:x",
            "CreateDate": when,
            "Tags": [{"Key": "note", "Value": "line\r\nnext\t<&>\"' ]]> é \u2603"}]}
    back = _read_back("iam", "GetUser", {"User": user})["User"]
    assert back == user
    assert back["CreateDate"].utcoffset() == timedelta(0)
