"""POST /api/v1/simulate/custom: supplied policies of every type and the response's shape."""

import json

from tests.api.simulate_support import error, only, simulate
from tests.documents import allow, deny, document, document_text

ACCT = "111111111111"
OTHER = "222222222222"
BUCKET_OBJECT = "arn:aws:s3:::reports/q1.csv"


# -- identity policies and the response shape ----------------------------------------------------
def test_an_allowing_statement_is_reported_with_its_position_in_the_given_text(root_client):
    text = document_text(allow("s3:GetObject", "arn:aws:s3:::reports/*", Sid="Read"))
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
    policy = document(allow("s3:ListBucket"), allow("s3:GetObject"))
    statement = only(simulate(root_client, policy_input_list=[policy],
                              action_names=["s3:GetObject"]))["matched_statements"][0]
    rendered = json.dumps(policy, indent=4).split("\n")
    assert statement["statement_index"] == 1
    assert rendered[statement["start"]["line"] - 1][statement["start"]["column"] - 1] == "{"
    assert rendered[statement["end"]["line"] - 1].strip() == "}"


def test_an_explicit_deny_reports_only_the_deny_as_aws_does(root_client):
    result = only(simulate(
        root_client,
        policy_input_list=[document(allow("s3:*"), deny("s3:GetObject", Sid="NoRead"))],
        action_names=["s3:GetObject"]))
    assert result["decision"] == "explicitDeny"
    assert [m["sid"] for m in result["matched_statements"]] == ["NoRead"]
    assert "explicitly denies s3:GetObject" in result["explanation"]


def test_an_action_no_policy_allows_is_implicitly_denied(root_client):
    result = only(simulate(root_client, policy_input_list=[document(allow("s3:*"))],
                           action_names=["iam:CreateUser"]))
    assert result["decision"] == "implicitDeny"
    assert result["matched_statements"] == []
    assert result["explanation"] == "denied: no identity-based policy allows iam:CreateUser"


def test_actions_are_spelt_as_in_the_reference_and_simulated_on_every_resource(root_client):
    results = simulate(root_client, policy_input_list=[document(allow("s3:GetObject", "*"))],
                       action_names=["S3:getobject", "s3:ListAllMyBuckets"],
                       resource_arns=["arn:aws:s3:::a/1", "arn:aws:s3:::b/2"])
    # A wildcard-only action is simulated once, on *.
    assert [(r["action"], r["resource"]) for r in results] == [
        ("s3:GetObject", "arn:aws:s3:::a/1"), ("s3:GetObject", "arn:aws:s3:::b/2"),
        ("s3:ListAllMyBuckets", "*"),
    ]


def test_resources_can_be_given_per_action(root_client):
    results = simulate(
        root_client, policy_input_list=[document(allow("s3:GetObject", "arn:aws:s3:::a/*"))],
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
        root_client, policy_input_list=[document(allow("s3:*"))],
        permissions_boundary_policy_input_list=[document(allow("s3:GetObject"))],
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
        root_client, policy_input_list=[document(allow("s3:*"))], caller_arn=session_arn,
        session_policy=document(allow("s3:GetObject")),
        action_names=["s3:GetObject", "s3:PutObject"],
    )
    assert [r["decision"] for r in results] == ["allowed", "implicitDeny"]
    assert results[1]["decision_details"]["session"] == "implicitDeny"
    assert "session" in {m["source_policy_type"] for m in results[0]["matched_statements"]}


def test_a_session_policy_for_a_user_caller_is_refused_by_name(root_client):
    body = error(root_client, {"policy_input_list": [document(allow("s3:*"))],
                               "session_policy": document(allow("s3:*")),
                               "action_names": ["s3:GetObject"]})
    assert body["field"] == "session_policy"


def test_a_resource_policy_naming_the_caller_grants_without_identity_policies(root_client):
    caller = f"arn:aws:iam::{ACCT}:user/alice"
    bucket_policy = document({"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": caller},
                              "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"})
    result = only(simulate(root_client, resource_policy=bucket_policy, caller_arn=caller,
                           action_names=["s3:GetObject"], resource_arns=[BUCKET_OBJECT]))
    assert result["decision"] == "allowed"
    assert result["decision_details"]["resource"] == "allowed"
    assert result["matched_statements"][0]["source_policy_type"] == "resource"
    assert result["matched_statements"][0]["source_policy_id"] == "resource_policy"


def test_cross_account_access_needs_the_resource_policy_and_an_identity_policy(root_client):
    caller = f"arn:aws:iam::{ACCT}:user/alice"
    bucket_policy = document({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"},
                              "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"})
    common = {"resource_policy": bucket_policy, "caller_arn": caller, "resource_owner": OTHER,
              "action_names": ["s3:GetObject"], "resource_arns": [BUCKET_OBJECT]}
    assert only(simulate(root_client, **common))["decision"] == "implicitDeny"
    granted = only(simulate(root_client, policy_input_list=[document(allow("s3:GetObject"))],
                            **common))
    assert granted["decision"] == "allowed"
    assert granted["decision_details"]["resource"] == "allowedForAccount"


def test_scp_levels_are_evaluated_root_first_and_every_level_must_allow(root_client):
    full = document(allow("*"))
    results = simulate(
        root_client, policy_input_list=[document(allow("*"))],
        scp_levels=[[full], [document(allow("ec2:*")), document(deny("ec2:TerminateInstances"))]],
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
    insecure = document({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
                         "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}})
    common = {"policy_input_list": [document(allow("s3:*"))], "rcp_levels": [[insecure]],
              "action_names": ["s3:GetObject"], "resource_arns": [BUCKET_OBJECT]}
    denied = only(simulate(root_client, **common))
    assert denied["decision"] == "explicitDeny"
    assert denied["matched_statements"][0]["source_policy_type"] == "rcp"
    secure = only(simulate(root_client, **common, context_entries=[
        {"key": "aws:SecureTransport", "values": ["true"], "type": "boolean"}]))
    assert secure["decision"] == "allowed"


def test_a_vpc_endpoint_policy_must_allow_the_action(root_client):
    endpoint = document({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                         "Resource": "*"})
    results = simulate(root_client, policy_input_list=[document(allow("s3:*"))],
                       endpoint_policies=[endpoint],
                       action_names=["s3:GetObject", "s3:PutObject"])
    assert [r["decision"] for r in results] == ["allowed", "implicitDeny"]
    assert results[1]["decision_details"]["endpoint"] == "implicitDeny"
