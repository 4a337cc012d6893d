"""POST /api/v1/simulate/custom: supplied policies of every type, context typing, errors."""

import json

import pytest

from tests.policies.test_simulation_support import allow, deny, doc, post_json

URL = "/api/v1/simulate/custom"
ACCT = "111111111111"
OTHER = "222222222222"
BUCKET_OBJECT = "arn:aws:s3:::reports/q1.csv"


def simulate(client, **body):
    body.setdefault("policy_input_list", [])
    response = post_json(client, URL, body)
    assert response.status_code == 200, response.content
    return response.json()["evaluation_results"]


def error(client, body, status=400):
    response = post_json(client, URL, body)
    assert response.status_code == status, response.content
    return response.json()


def only(results):
    assert len(results) == 1
    return results[0]


# -- identity policies and the response shape ----------------------------------------------------
def test_an_allowing_statement_is_reported_with_its_position_in_the_given_text(root_client):
    text = json.dumps(doc(allow("s3:GetObject", "arn:aws:s3:::reports/*", Sid="Read")), indent=2)
    result = only(simulate(root_client, policy_input_list=[text], action_names=["s3:GetObject"],
                           resource_arns=[BUCKET_OBJECT]))
    assert result == {
        "action": "s3:GetObject",
        "resource": BUCKET_OBJECT,
        "decision": "allowed",
        "matched_statements": [{
            "source_policy_id": "policy_input_list[0]", "source_policy_type": "user",
            "statement_index": 0, "sid": "Read",
            "start": {"line": 4, "column": 5}, "end": {"line": 9, "column": 5},
        }],
        "missing_context_values": [],
        "decision_details": {"identity": "allowed", "resource": "notApplicable"},
        "explanation": "allowed: Policy 1 (custom identity policy) statement 1 (Sid Read) "
                       "allows s3:GetObject",
    }
    lines = text.split("\n")
    assert lines[3].strip() == "{" and lines[8].strip() == "}"


def test_object_documents_are_positioned_in_their_four_space_rendering(root_client):
    policy = doc(allow("s3:ListBucket"), allow("s3:GetObject"))
    statement = only(simulate(root_client, policy_input_list=[policy],
                              action_names=["s3:GetObject"]))["matched_statements"][0]
    rendered = json.dumps(policy, indent=4).split("\n")
    assert statement["statement_index"] == 1
    assert rendered[statement["start"]["line"] - 1][statement["start"]["column"] - 1] == "{"
    assert rendered[statement["end"]["line"] - 1].strip() == "}"


def test_an_explicit_deny_reports_only_the_deny_as_aws_does(root_client):
    result = only(simulate(
        root_client, policy_input_list=[doc(allow("s3:*"), deny("s3:GetObject", Sid="NoRead"))],
        action_names=["s3:GetObject"]))
    assert result["decision"] == "explicitDeny"
    assert [m["sid"] for m in result["matched_statements"]] == ["NoRead"]
    assert "explicitly denies s3:GetObject" in result["explanation"]


def test_an_action_no_policy_allows_is_implicitly_denied(root_client):
    result = only(simulate(root_client, policy_input_list=[doc(allow("s3:*"))],
                           action_names=["iam:CreateUser"]))
    assert result["decision"] == "implicitDeny"
    assert result["matched_statements"] == []
    assert result["explanation"] == "denied: no identity-based policy allows iam:CreateUser"


def test_actions_are_spelt_as_in_the_reference_and_simulated_on_every_resource(root_client):
    results = simulate(root_client, policy_input_list=[doc(allow("s3:GetObject", "*"))],
                       action_names=["S3:getobject", "s3:ListAllMyBuckets"],
                       resource_arns=["arn:aws:s3:::a/1", "arn:aws:s3:::b/2"])
    # A wildcard-only action is simulated once, on *.
    assert [(r["action"], r["resource"]) for r in results] == [
        ("s3:GetObject", "arn:aws:s3:::a/1"), ("s3:GetObject", "arn:aws:s3:::b/2"),
        ("s3:ListAllMyBuckets", "*"),
    ]


def test_resources_can_be_given_per_action(root_client):
    results = simulate(
        root_client, policy_input_list=[doc(allow("s3:GetObject", "arn:aws:s3:::a/*"))],
        action_names=["s3:GetObject", "iam:GetUser"],
        action_resources={"s3:GetObject": ["arn:aws:s3:::a/1", "arn:aws:s3:::b/1"]},
    )
    assert [(r["resource"], r["decision"]) for r in results] == [
        ("arn:aws:s3:::a/1", "allowed"), ("arn:aws:s3:::b/1", "implicitDeny"),
        ("*", "implicitDeny"),
    ]


# -- every policy type -----------------------------------------------------------------------------
def test_a_permissions_boundary_limits_what_identity_policies_grant(root_client):
    results = simulate(
        root_client, policy_input_list=[doc(allow("s3:*"))],
        permissions_boundary_policy_input_list=[doc(allow("s3:GetObject"))],
        action_names=["s3:GetObject", "s3:PutObject"],
    )
    assert [r["decision"] for r in results] == ["allowed", "implicitDeny"]
    assert results[1]["decision_details"]["boundary"] == "implicitDeny"
    assert results[1]["explanation"].endswith("the permissions boundary does not allow "
                                              "s3:PutObject")
    types = {m["source_policy_type"] for m in results[0]["matched_statements"]}
    assert types == {"user", "boundary"}


def test_a_session_policy_must_allow_too_for_a_role_session(root_client):
    session_arn = f"arn:aws:sts::{ACCT}:assumed-role/Deployer/ci"
    results = simulate(
        root_client, policy_input_list=[doc(allow("s3:*"))], caller_arn=session_arn,
        session_policy=doc(allow("s3:GetObject")), action_names=["s3:GetObject", "s3:PutObject"],
    )
    assert [r["decision"] for r in results] == ["allowed", "implicitDeny"]
    assert results[1]["decision_details"]["session"] == "implicitDeny"
    assert "session" in {m["source_policy_type"] for m in results[0]["matched_statements"]}


def test_a_session_policy_for_a_user_caller_is_refused_by_name(root_client):
    body = error(root_client, {"policy_input_list": [doc(allow("s3:*"))],
                               "session_policy": doc(allow("s3:*")),
                               "action_names": ["s3:GetObject"]})
    assert body["field"] == "session_policy"


def test_a_resource_policy_naming_the_caller_grants_without_identity_policies(root_client):
    caller = f"arn:aws:iam::{ACCT}:user/alice"
    bucket_policy = doc({"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": caller},
                         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"})
    result = only(simulate(root_client, resource_policy=bucket_policy, caller_arn=caller,
                           action_names=["s3:GetObject"], resource_arns=[BUCKET_OBJECT]))
    assert result["decision"] == "allowed"
    assert result["decision_details"]["resource"] == "allowed"
    assert result["matched_statements"][0]["source_policy_type"] == "resource"
    assert result["matched_statements"][0]["source_policy_id"] == "resource_policy"


def test_cross_account_access_needs_the_resource_policy_and_an_identity_policy(root_client):
    caller = f"arn:aws:iam::{ACCT}:user/alice"
    bucket_policy = doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"},
                         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"})
    common = {"resource_policy": bucket_policy, "caller_arn": caller, "resource_owner": OTHER,
              "action_names": ["s3:GetObject"], "resource_arns": [BUCKET_OBJECT]}
    assert only(simulate(root_client, **common))["decision"] == "implicitDeny"
    granted = only(simulate(root_client, policy_input_list=[doc(allow("s3:GetObject"))],
                            **common))
    assert granted["decision"] == "allowed"
    assert granted["decision_details"]["resource"] == "allowedForAccount"


def test_scp_levels_are_evaluated_root_first_and_every_level_must_allow(root_client):
    full = doc(allow("*"))
    results = simulate(
        root_client, policy_input_list=[doc(allow("*"))],
        scp_levels=[[full], [doc(allow("ec2:*")), doc(deny("ec2:TerminateInstances"))]],
        action_names=["ec2:RunInstances", "ec2:TerminateInstances", "s3:GetObject"],
    )
    assert [r["decision"] for r in results] == ["allowed", "explicitDeny", "implicitDeny"]
    deny_statement = results[1]["matched_statements"][0]
    assert (deny_statement["source_policy_type"], deny_statement["source_policy_id"]) == (
        "scp", "scp_levels[1][1]")
    assert results[2]["decision_details"]["scp"] == "implicitDeny"
    # An empty list of levels means no organization: SCPs allow.
    assert only(simulate(root_client, policy_input_list=[full], scp_levels=[],
                         action_names=["s3:GetObject"]))["decision"] == "allowed"


def test_rcp_levels_can_only_deny(root_client):
    insecure = doc({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
                    "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}})
    common = {"policy_input_list": [doc(allow("s3:*"))], "rcp_levels": [[insecure]],
              "action_names": ["s3:GetObject"], "resource_arns": [BUCKET_OBJECT]}
    denied = only(simulate(root_client, **common))
    assert denied["decision"] == "explicitDeny"
    assert denied["matched_statements"][0]["source_policy_type"] == "rcp"
    secure = only(simulate(root_client, **common, context_entries=[
        {"key": "aws:SecureTransport", "values": ["true"], "type": "boolean"}]))
    assert secure["decision"] == "allowed"


def test_a_vpc_endpoint_policy_must_allow_the_action(root_client):
    endpoint = doc({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                    "Resource": "*"})
    results = simulate(root_client, policy_input_list=[doc(allow("s3:*"))],
                       endpoint_policies=[endpoint],
                       action_names=["s3:GetObject", "s3:PutObject"])
    assert [r["decision"] for r in results] == ["allowed", "implicitDeny"]
    assert results[1]["decision_details"]["endpoint"] == "implicitDeny"


# -- context typing -------------------------------------------------------------------------------
OFFICE = doc(allow("s3:GetObject", Condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))


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
    policy = doc(allow("iam:TagUser", Condition=condition))
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
    body = error(root_client, {"policy_input_list": [doc(allow("s3:*")), broken],
                               "action_names": ["s3:GetObject"]})
    assert body["code"] == "MalformedPolicyDocument"
    assert body["field"] == "policy_input_list[1]"
    assert body["message"].startswith("policy_input_list[1]: The document is not valid JSON")
    detail = body["details"][0]
    assert (detail["field"], detail["line"], detail["column"]) == ("policy_input_list[1]", 4, 24)


@pytest.mark.parametrize("body, field, code", [
    ({"resource_policy": doc(allow("s3:GetObject"))}, "resource_policy",
     "MalformedPolicyDocument"),
    ({"scp_levels": [[doc(allow("*"))], [doc({"Effect": "Allow", "Action": "*"})]]},
     "scp_levels[1][0]", "MalformedPolicyDocument"),
    ({"rcp_levels": [[doc({"Effect": "Allow", "Principal": "*", "Action": "s3:*",
                           "Resource": "*"})]]}, "rcp_levels[0][0]", "MalformedPolicyDocument"),
    ({"endpoint_policies": ["[]"]}, "endpoint_policies[0]", "MalformedPolicyDocument"),
    ({"permissions_boundary_policy_input_list": [doc(allow("*")), doc(allow("*"))]},
     "permissions_boundary_policy_input_list", "InvalidInput"),
    ({"policy_input_list": [17]}, "policy_input_list[0]", "InvalidInput"),
    ({"scp_levels": [doc(allow("*"))]}, "scp_levels[0]", "InvalidInput"),
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
    request = {"policy_input_list": [doc(allow("s3:*"))], "action_names": ["s3:GetObject"],
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
    from policies.engine import service_reference as ref

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
                           "missing_context_values", "decision_details", "explanation"}


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
