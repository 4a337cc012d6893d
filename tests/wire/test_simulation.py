"""The policy simulator over the wire (SimulatePrincipalPolicy, SimulateCustomPolicy and the
context keys), driven by boto3 and compared with what the REST API answers for the same
input: the same decisions, statements, positions and missing context values."""

from __future__ import annotations

import base64
import json

import pytest
from botocore.exceptions import ClientError
from django.test import Client

from accounts.models import Account
from accounts.services import user_create
from policies.services import policy_attach_to_user, policy_create

from .conftest import WIRE_ACCOUNT

DOCUMENT = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
    {"Sid": "Tags", "Effect": "Allow", "Action": "s3:PutObject*", "Resource": "*"},
    {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"},
]}, indent=2)
BOUNDARY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]})
ACTIONS = ["s3:GetObject", "s3:DeleteObject", "s3:PutObject", "s3:PutObjectTagging",
           "ec2:RunInstances"]
RESOURCE = "arn:aws:s3:::reports/q1.csv"


@pytest.fixture(scope="module")
def analyst(wire_root, django_db_blocker) -> str:
    """The ARN of a user with one customer-managed policy (allow, condition, deny)."""
    with django_db_blocker.unblock():
        account = Account.objects.get(account_id=WIRE_ACCOUNT)
        user = user_create(account=account, name="sim-analyst")
        policy = policy_create(account=account, name="SimReports", policy_document=DOCUMENT)
        policy_attach_to_user(user=user, policy=policy)
        return user.arn


@pytest.fixture(scope="module")
def rest(wire_root) -> tuple[Client, dict[str, str]]:
    """The REST API in process, authenticated with the same root key."""
    secret = f"{wire_root.access_key_id}:{wire_root.secret_access_key}"
    return Client(), {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def _rest(rest, path: str, body: dict) -> dict:
    client, header = rest
    response = client.post(f"/api/v1/simulate/{path}", data=json.dumps(body),
                           content_type="application/json", **header)
    assert response.status_code == 200, response.content
    return response.json()


def _as_rest(result: dict) -> tuple:
    """A wire EvaluationResult in the REST API's terms, for comparison."""
    return (result["EvalActionName"], result["EvalResourceName"], result["EvalDecision"],
            [((s["StartPosition"]["Line"], s["StartPosition"]["Column"]),
              (s["EndPosition"]["Line"], s["EndPosition"]["Column"]))
             for s in result["MatchedStatements"]],
            sorted(result["MissingContextValues"]))


def _rest_rows(body: dict) -> list[tuple]:
    return [(row["action"], row["resource"], row["decision"],
             [((s["start"]["line"], s["start"]["column"]), (s["end"]["line"], s["end"]["column"]))
              for s in row["matched_statements"]],
             sorted(row["missing_context_values"]))
            for row in body["evaluation_results"]]


def test_simulate_principal_policy_answers_as_the_rest_api(iam, analyst, rest):
    results = iam.simulate_principal_policy(
        PolicySourceArn=analyst, ActionNames=ACTIONS, ResourceArns=[RESOURCE])
    assert not results["IsTruncated"]
    rows = results["EvaluationResults"]
    decisions = {row["EvalActionName"]: row["EvalDecision"] for row in rows}
    assert decisions == {"s3:GetObject": "implicitDeny", "s3:DeleteObject": "explicitDeny",
                         "s3:PutObject": "allowed", "s3:PutObjectTagging": "allowed",
                         "ec2:RunInstances": "implicitDeny"}
    by_action = {row["EvalActionName"]: row for row in rows}
    assert by_action["s3:GetObject"]["MissingContextValues"] == ["aws:SourceIp"]
    deny = by_action["s3:DeleteObject"]["MatchedStatements"]
    assert [(s["SourcePolicyId"], s["SourcePolicyType"]) for s in deny] == [
        (f"arn:aws:iam::{WIRE_ACCOUNT}:policy/SimReports", "user-managed")]
    specific = by_action["s3:PutObject"]["ResourceSpecificResults"]
    assert [(r["EvalResourceName"], r["EvalResourceDecision"]) for r in specific] == [
        (RESOURCE, "allowed")]
    same = _rest(rest, "principal", {"policy_source_arn": analyst, "action_names": ACTIONS,
                                     "resource_arns": [RESOURCE]})
    assert [_as_rest(row) for row in rows] == _rest_rows(same)


def test_context_entries_decide_the_condition(iam, analyst, rest):
    context = [{"ContextKeyName": "aws:SourceIp", "ContextKeyValues": ["203.0.113.7"],
                "ContextKeyType": "ip"}]
    rows = iam.simulate_principal_policy(PolicySourceArn=analyst, ActionNames=["s3:GetObject"],
                                         ContextEntries=context)["EvaluationResults"]
    assert [(row["EvalDecision"], row["MissingContextValues"]) for row in rows] == [
        ("allowed", [])]
    same = _rest(rest, "principal", {
        "policy_source_arn": analyst, "action_names": ["s3:GetObject"],
        "context_entries": [{"key": "aws:SourceIp", "values": ["203.0.113.7"], "type": "ip"}]})
    assert [_as_rest(row) for row in rows] == _rest_rows(same)


def test_results_paginate_by_max_items_and_marker(iam, analyst):
    first = iam.simulate_principal_policy(PolicySourceArn=analyst, ActionNames=ACTIONS,
                                          MaxItems=2)
    assert first["IsTruncated"] and len(first["EvaluationResults"]) == 2
    pages = iam.get_paginator("simulate_principal_policy").paginate(
        PolicySourceArn=analyst, ActionNames=ACTIONS, PaginationConfig={"PageSize": 2})
    actions = [row["EvalActionName"] for page in pages for row in page["EvaluationResults"]]
    assert actions == ACTIONS


def test_simulate_custom_policy_with_a_boundary(iam, rest):
    results = iam.simulate_custom_policy(
        PolicyInputList=[DOCUMENT], PermissionsBoundaryPolicyInputList=[BOUNDARY],
        ActionNames=["s3:GetObject", "s3:PutObject"],
        ContextEntries=[{"ContextKeyName": "aws:SourceIp", "ContextKeyType": "ip",
                         "ContextKeyValues": ["203.0.113.9"]}])["EvaluationResults"]
    by_action = {row["EvalActionName"]: row for row in results}
    assert by_action["s3:GetObject"]["EvalDecision"] == "allowed"
    assert by_action["s3:GetObject"]["PermissionsBoundaryDecisionDetail"] == {
        "AllowedByPermissionsBoundary": True}
    statements = {(statement["SourcePolicyId"], statement["SourcePolicyType"])
                  for statement in by_action["s3:GetObject"]["MatchedStatements"]}
    assert ("PolicyInputList.1", "none") in statements
    assert statements <= {("PolicyInputList.1", "none"),
                          ("PermissionsBoundaryPolicyInputList.1", "none")}
    assert by_action["s3:PutObject"]["EvalDecision"] == "implicitDeny"
    assert by_action["s3:PutObject"]["PermissionsBoundaryDecisionDetail"] == {
        "AllowedByPermissionsBoundary": False}
    same = _rest(rest, "custom", {
        "policy_input_list": [DOCUMENT], "permissions_boundary_policy_input_list": [BOUNDARY],
        "action_names": ["s3:GetObject", "s3:PutObject"],
        "context_entries": [{"key": "aws:SourceIp", "values": ["203.0.113.9"], "type": "ip"}]})
    assert [_as_rest(row) for row in results] == _rest_rows(same)


def test_context_keys_of_custom_and_principal_policies(iam, analyst, rest):
    extra = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ec2:*", "Resource": "*",
         "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]})
    custom = iam.get_context_keys_for_custom_policy(PolicyInputList=[DOCUMENT, extra])
    assert sorted(custom["ContextKeyNames"]) == ["aws:RequestedRegion", "aws:SourceIp"]
    principal = iam.get_context_keys_for_principal_policy(PolicySourceArn=analyst,
                                                          PolicyInputList=[extra])
    same = _rest(rest, "context-keys", {"policy_source_arn": analyst,
                                        "policy_input_list": [extra]})
    assert principal["ContextKeyNames"] == same["context_key_names"]
    assert sorted(principal["ContextKeyNames"]) == ["aws:RequestedRegion", "aws:SourceIp"]


def test_simulator_errors(iam):
    with pytest.raises(ClientError) as caught:
        iam.simulate_principal_policy(
            PolicySourceArn=f"arn:aws:iam::{WIRE_ACCOUNT}:user/nobody",
            ActionNames=["s3:GetObject"])
    assert caught.value.response["Error"]["Code"] == "NoSuchEntity"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(ClientError) as caught:
        iam.simulate_custom_policy(PolicyInputList=["{not json"], ActionNames=["s3:GetObject"])
    assert caught.value.response["Error"]["Code"] == "MalformedPolicyDocument"
