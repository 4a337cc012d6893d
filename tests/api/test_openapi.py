"""The OpenAPI document: every operation has request/response schemas with examples, the
error responses, security schemes, and the ETag/If-Match headers where they apply."""

from __future__ import annotations

import pytest

from .openapi import operations, schema

OPERATIONS = operations()


def _examples(content: dict) -> dict:
    media = content.get("application/json") or next(iter(content.values()))
    return media.get("examples") or ({"example": media["example"]} if "example" in media else {})


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_every_request_body_has_a_schema_and_an_example(op):
    body = op.spec.get("requestBody")
    if body is None:
        assert op.method in ("GET", "DELETE") or op.spec["operationId"].endswith(
            ("access_keys_create", "credential_report_create", "reset_create",
             # Organizations' verbs named wholly by their path (EnablePolicyType,
             # LeaveOrganization, AcceptHandshake, AttachPolicy).
             "policy_types_create", "leave_create", "accept_create", "targets_create",
             "guard_rails_check_create"))
        return
    media = body["content"]["application/json"]
    assert "$ref" in media["schema"] or media["schema"].get("type") == "object"
    assert _examples(body["content"]), op


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_every_response_has_a_schema_and_an_example(op):
    responses = op.spec["responses"]
    successes = [code for code in responses if code.startswith("2")]
    assert successes, op
    for code, response in responses.items():
        if "content" not in response:
            assert code == "204", (op, code)
            continue
        assert _examples(response["content"]), (op, code)


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_every_operation_documents_its_errors_and_security(op):
    codes = set(op.spec["responses"])
    assert {"400", "401", "403"} <= codes
    if "{" in op.path or op.method != "GET":
        assert "404" in codes
    assert op.spec["security"] == [{"accessKey": []}, {"consoleSession": []}]
    error = op.spec["responses"]["401"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}


def test_if_match_is_documented_exactly_where_it_is_honoured():
    honouring = {
        (op.method, op.path) for op in OPERATIONS
        if any(p["name"] == "If-Match" for p in op.spec.get("parameters", []))
    }
    assert honouring == {
        ("PUT", "/api/v1/users/{name}/inline-policies/{policy_name}/"),
        ("PUT", "/api/v1/groups/{name}/inline-policies/{policy_name}/"),
        ("PUT", "/api/v1/roles/{name}/inline-policies/{policy_name}/"),
        ("PUT", "/api/v1/roles/{name}/trust-policy/"),
        ("PATCH", "/api/v1/policies/{policy_id}/"),
    }
    for op in OPERATIONS:
        if (op.method, op.path) in honouring:
            assert "412" in op.spec["responses"]


def test_detail_responses_document_their_etag():
    detail = schema()["paths"]["/api/v1/users/{name}/"]["get"]["responses"]["200"]
    assert "ETag" in detail["headers"]


def test_security_schemes_are_basic_access_keys_and_the_session_cookie():
    schemes = schema()["components"]["securitySchemes"]
    assert schemes["accessKey"]["type"] == "http" and schemes["accessKey"]["scheme"] == "basic"
    assert "TLS" in schemes["accessKey"]["description"]
    assert schemes["consoleSession"]["in"] == "cookie"


def test_list_responses_are_pages_with_markers():
    users = schema()["components"]["schemas"]["PaginatedUserListList"]
    assert set(users["required"]) == {"results", "is_truncated", "marker"}
    params = schema()["paths"]["/api/v1/users/"]["get"]["parameters"]
    names = {p["name"] for p in params}
    assert {"limit", "marker", "ordering", "path_prefix", "name_contains"} <= names
    policies = {p["name"] for p in schema()["paths"]["/api/v1/policies/"]["get"]["parameters"]}
    assert {"scope", "only_attached", "arn"} <= policies
    sub = {p["name"] for p in
           schema()["paths"]["/api/v1/users/{name}/groups/"]["get"]["parameters"]}
    assert sub == {"name", "limit", "marker"}
