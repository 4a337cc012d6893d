"""POST /api/v1/simulate/custom: context typing, input errors and who may simulate."""


import pytest

from policies.engine import service_reference as ref
from tests.api.simulate_support import URL, error, only, simulate
from tests.documents import allow, document
from tests.helpers import post_json

ACCT = "111111111111"


# -- context typing -------------------------------------------------------------------------------
OFFICE = document(allow("s3:GetObject",
                             Condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))


def test_a_missing_context_key_is_reported_and_explained(root_client):
    result = only(simulate(root_client, policy_input_list=[OFFICE],
                           action_names=["s3:GetObject"]))
    assert result["decision"] == "implicitDeny"
    assert result["missing_context_values"] == ["aws:SourceIp"]
    assert "no value for aws:SourceIp" in result["explanation"]


@pytest.mark.parametrize("entry, decision", [
    ({"key": "aws:SourceIp", "values": ["203.0.113.9"], "type": "ip"}, "allowed"),
    ({"key": "aws:SourceIp", "values": ["198.51.100.1"]}, "implicitDeny"),  # type inferred
    ({"key": "AWS:sourceip", "values": ["203.0.113.9"], "type": "ip"}, "allowed"),
])
def test_typed_context_entries_reach_the_conditions(root_client, entry, decision):
    result = only(simulate(root_client, policy_input_list=[OFFICE],
                           action_names=["s3:GetObject"], context_entries=[entry]))
    assert result["decision"] == decision
    assert result["missing_context_values"] == []


@pytest.mark.parametrize("condition, entry, decision", [
    ({"Bool": {"aws:MultiFactorAuthPresent": "true"}},
     {"key": "aws:MultiFactorAuthPresent", "values": ["TRUE"], "type": "boolean"}, "allowed"),
    ({"Bool": {"aws:MultiFactorAuthPresent": "true"}},
     {"key": "aws:MultiFactorAuthPresent", "values": [False]}, "implicitDeny"),
    ({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}},
     {"key": "aws:MultiFactorAuthAge", "values": ["120"], "type": "numeric"}, "allowed"),
    ({"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}},
     {"key": "aws:CurrentTime", "values": ["2025-06-01T12:00:00Z"], "type": "date"}, "allowed"),
    ({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}},
     {"key": "aws:TagKeys", "values": ["team", "cost"], "type": "stringList"}, "implicitDeny"),
    ({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}},
     {"key": "aws:TagKeys", "values": [], "type": "stringList"}, "allowed"),
    ({"StringEquals": {"aws:PrincipalTag/team": "dev"}},
     {"key": "aws:PrincipalTag/team", "values": ["dev"]}, "allowed"),
])
def test_each_context_type(root_client, condition, entry, decision):
    policy = document(allow("iam:TagUser", Condition=condition))
    result = only(simulate(root_client, policy_input_list=[policy], action_names=["iam:TagUser"],
                           context_entries=[entry]))
    assert result["decision"] == decision


@pytest.mark.parametrize("entry, field, words", [
    ({"key": "aws:SourceIp", "values": ["1.2.3.4"], "type": "numeric"},
     "context_entries[0].type", "IPAddress key"),
    ({"key": "aws:SourceIp", "values": ["not-an-ip"], "type": "ip"},
     "context_entries[0].values", "not an IPv4 or IPv6 address"),
    ({"key": "aws:SourceIp", "values": ["1.2.3.4", "5.6.7.8"], "type": "ip"},
     "context_entries[0].values", "exactly one value"),
    ({"key": "aws:SourceIp", "values": ["1.2.3.4"], "type": "ipList"},
     "context_entries[0].type", "takes a single value"),
    ({"key": "aws:MultiFactorAuthAge", "values": ["soon"]},
     "context_entries[0].values", "not a number"),
    ({"key": "aws:CurrentTime", "values": ["yesterday"]},
     "context_entries[0].values", "not a date"),
    ({"key": "aws:SecureTransport", "values": ["yes"]}, "context_entries[0].values",
     "not true or false"),
    ({"key": "aws:SourceIp", "values": ["1.2.3.4"], "type": "address"},
     "context_entries[0].type", "not one of"),
    ({"key": "nokey", "values": ["x"]}, "context_entries[0].key", "not a condition key"),
    ({"key": "aws:SourceIp", "values": "1.2.3.4"}, "context_entries[0].values", "list"),
])
def test_context_entries_are_checked_against_their_type(root_client, entry, field, words):
    body = error(root_client, {"policy_input_list": [OFFICE], "action_names": ["s3:GetObject"],
                               "context_entries": [entry]})
    assert body["code"] == "InvalidInput"
    assert body["field"] == field
    assert words in body["message"]


def test_a_key_given_twice_is_refused(root_client):
    entry = {"key": "aws:SourceIp", "values": ["1.2.3.4"]}
    body = error(root_client, {"policy_input_list": [OFFICE], "action_names": ["s3:GetObject"],
                               "context_entries": [entry, {**entry, "key": "AWS:SOURCEIP"}]})
    assert body["field"] == "context_entries[1].key"


# -- errors name the offending input --------------------------------------------------------------
def test_a_malformed_document_is_named_with_line_and_column(root_client):
    broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}'
    body = error(root_client, {"policy_input_list": [document(allow("s3:*")), broken],
                               "action_names": ["s3:GetObject"]})
    assert body["code"] == "MalformedPolicyDocument"
    assert body["field"] == "policy_input_list[1]"
    assert body["message"].startswith("policy_input_list[1]: The document is not valid JSON")
    detail = body["details"][0]
    assert (detail["field"], detail["line"], detail["column"]) == ("policy_input_list[1]", 4, 24)


@pytest.mark.parametrize("body, field, code", [
    ({"resource_policy": document(allow("s3:GetObject"))}, "resource_policy",
     "MalformedPolicyDocument"),
    ({"scp_levels": [[document(allow("*"))], [document({"Effect": "Allow", "Action": "*"})]]},
     "scp_levels[1][0]", "MalformedPolicyDocument"),
    ({"rcp_levels": [[document(allow("s3:*", Principal="*"))]]}, "rcp_levels[0][0]",
     "MalformedPolicyDocument"),
    ({"endpoint_policies": ["[]"]}, "endpoint_policies[0]", "MalformedPolicyDocument"),
    ({"permissions_boundary_policy_input_list": [document(allow("*")), document(allow("*"))]},
     "permissions_boundary_policy_input_list", "InvalidInput"),
    ({"policy_input_list": [17]}, "policy_input_list[0]", "InvalidInput"),
    ({"scp_levels": [document(allow("*"))]}, "scp_levels[0]", "InvalidInput"),
    ({"resource_arns": ["bucket"]}, "resource_arns[0]", "InvalidInput"),
    ({"resource_arns": []}, "resource_arns", "InvalidInput"),
    ({"action_resources": {"s3:PutObject": ["*"]}}, "action_resources[s3:PutObject]",
     "InvalidInput"),
    ({"resource_owner": "1234"}, "resource_owner", "InvalidInput"),
    ({"caller_arn": "alice"}, "caller_arn", "InvalidInput"),
    ({"action_names": []}, "action_names", "InvalidInput"),
    ({"action_names": ["s3:Get*"]}, "action_names[0]", "InvalidInput"),
    ({"action_names": ["nosuch:Thing"]}, "action_names[0]", "InvalidInput"),
])
def test_each_invalid_input_is_named(root_client, body, field, code):
    request = {"policy_input_list": [document(allow("s3:*"))], "action_names": ["s3:GetObject"],
               **body}
    answer = error(root_client, request)
    assert (answer["code"], answer["field"]) == (code, field)


def test_an_unknown_action_gets_a_suggestion(root_client):
    body = error(root_client, {"policy_input_list": [], "action_names": ["s3:GetObjects"]})
    assert body["field"] == "action_names[0]"
    assert "Did you mean s3:GetObject?" in body["message"]


def test_the_policy_list_is_required_and_the_body_must_be_an_object(root_client):
    assert error(root_client, {"action_names": ["s3:GetObject"]})["field"] == "policy_input_list"
    assert error(root_client, ["s3:GetObject"])["code"] == "InvalidInput"


def test_too_many_pairs_are_refused(root_client):
    actions = [a.full_name for a in ref.get_service("ec2").actions.values()]
    resources = [f"arn:aws:s3:::b/{n}" for n in range(10)]
    body = error(root_client, {"policy_input_list": [], "action_names": actions,
                               "resource_arns": resources})
    assert body["field"] == "action_names" and "maximum" in body["message"]


def test_only_json_is_accepted(root_client):
    response = root_client.post(URL, {"action_names": "s3:GetObject"})
    assert response.status_code == 415


# -- authorization ---------------------------------------------------------------------------------
def test_anonymous_callers_are_refused(client, db):
    assert post_json(client, URL, {"action_names": ["s3:GetObject"]}).status_code == 401


def test_the_openapi_document_describes_the_simulate_endpoints(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for name in ("custom", "principal", "context-keys"):
        operation = schema["paths"][f"/api/v1/simulate/{name}"]["post"]
        examples = operation["requestBody"]["content"]["application/json"]["examples"]
        assert examples, name
        assert "200" in operation["responses"] and "400" in operation["responses"]
    result = schema["components"]["schemas"]["EvaluationResult"]["properties"]
    assert set(result) == {"action", "resource", "decision", "matched_statements",
                           "missing_context_values", "decision_details", "explanation",
                           "organization_policies", "denial_message"}
    principal = schema["components"]["schemas"]["SimulatePrincipalInput"]["properties"]
    assert principal["apply_organization_policies"]["type"] == "boolean"


def test_lone_surrogates_never_break_the_response(root_client):
    # "\ud84b" escapes inside a document's text decode to half a character: the answer must
    # still be valid UTF-8 JSON, and such characters in the request itself are refused.
    escaped = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", '
               '"Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/\\ud84b": '
               '"x"}}}], "\\ud84b": 1}')
    body = error(root_client, {"policy_input_list": [escaped], "action_names": ["s3:GetObject"]})
    assert body["field"] == "policy_input_list[0]"
    raw = root_client.post(URL, data='{"policy_input_list": [], "action_names": ["\\ud800"]}',
                           content_type="application/json")
    assert raw.status_code == 400 and raw.json()["field"] == "action_names[0]"
    page = root_client.post("/simulator/", {"mode": "custom", "policy-0": escaped,
                                            "action": ["s3:GetObject"]}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    # The validator refuses the escape itself, at its position, as bad JSON.
    assert b"a lone UTF-16 surrogate" in page.content
