"""POST /api/v1/simulate/context-keys: the keys a principal's or supplied policies test."""

import json

from accounts.services import group_add_user, group_create, user_create
from policies.services import inline_policy_put, policy_attach_to_group
from tests.documents import allow, document
from tests.helpers import post_json

URL = "/api/v1/simulate/context-keys"


def keys(client, body):
    response = post_json(client, URL, body)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_keys_of_custom_policies_come_with_their_types(root_client):
    policy = document(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*", Condition={
        "IpAddress": {"aws:SourceIp": "10.0.0.0/8"},
        "ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]},
        "Bool": {"aws:MultiFactorAuthPresent": "true"},
        "StringLike": {"s3:prefix": "home/*"},
    }))
    body = keys(root_client, {"policy_input_list": [policy]})
    assert body["context_key_names"] == [
        "aws:MultiFactorAuthPresent", "aws:SourceIp", "aws:TagKeys", "aws:username", "s3:prefix"]
    types = {k["key"]: k["type"] for k in body["context_keys"]}
    assert types == {"aws:MultiFactorAuthPresent": "boolean", "aws:SourceIp": "ip",
                     "aws:TagKeys": "stringList", "aws:username": "string",
                     "s3:prefix": "string"}
    assert all(k["used_by"] == ["policy_input_list[0]"] for k in body["context_keys"])
    assert body["context_keys"][1]["description"] == "The requester's IP address"


def test_the_optional_documents_are_read_too(root_client):
    scp = document(allow("*", Condition={"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}))
    body = keys(root_client, {"policy_input_list": [], "scp_levels": [[scp]]})
    assert body["context_keys"] == [{
        "key": "aws:RequestedRegion", "type": "string",
        "description": "The Region the request was made to", "used_by": ["scp_levels[0][0]"],
    }]


def test_a_principals_keys_follow_its_groups_and_exclusions(root_client, account):
    user = user_create(account=account, name="alice")
    group = group_create(account=account, name="Office")
    inline_policy_put(entity=group, name="OfficeOnly", policy_document=json.dumps(document(allow(
        "*", Condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}))))
    group_add_user(group=group, user=user)
    body = keys(root_client, {"policy_source_arn": user.arn})
    assert body["context_keys"][0]["key"] == "aws:SourceIp"
    assert body["context_keys"][0]["used_by"] == ["OfficeOnly"]
    left_out = keys(root_client, {"policy_source_arn": user.arn,
                                  "policy_exclusions": ["group/Office/OfficeOnly"]})
    assert left_out["context_key_names"] == []


def test_managed_policies_of_a_principal(root_client, account, aws_policy):
    group = group_create(account=account, name="Readers")
    policy_attach_to_group(group=group, policy=aws_policy("ReadOnlyAccess"))
    body = keys(root_client, {"policy_source_arn": group.arn})
    assert body["context_keys"]
    assert {tuple(k["used_by"]) for k in body["context_keys"]} == {
        ("arn:aws:iam::aws:policy/ReadOnlyAccess",)}


def test_errors_are_named(root_client, account):
    missing = post_json(root_client, URL, {})
    assert (missing.status_code, missing.json()["field"]) == (400, "policy_input_list")
    broken = post_json(root_client, URL, {"policy_input_list": ["{"]})
    assert (broken.status_code, broken.json()["field"]) == (400, "policy_input_list[0]")
    outsider = post_json(root_client, URL, {
        "policy_source_arn": "arn:aws:iam::111111111111:user/nobody"})
    assert outsider.status_code == 404
