"""POST /api/v1/simulate/principal: a user's, group's or role's real policies, exclusions,
edits for the simulation only, and account isolation."""


import pytest

from accounts.services import group_add_user, group_create, user_create
from policies.models import InlinePolicy
from policies.services import (
    inline_policy_put,
    permissions_boundary_put,
    policy_attach_to_group,
    policy_attach_to_role,
    policy_attach_to_user,
    policy_create,
)
from tests.documents import allow, deny, document, document_text
from tests.factories import RoleFactory
from tests.helpers import post_json, sign_in

URL = "/api/v1/simulate/principal"
ACCT = "111111111111"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


@pytest.fixture
def alice(account, aws_policy):
    """alice: ReadOnlyAccess via Readers (plus an inline policy there), her own inline deny,
    and a boundary that allows everything but iam:Delete*."""
    user = user_create(account=account, name="alice", tags={"team": "dev"})
    readers = group_create(account=account, name="Readers")
    policy_attach_to_group(group=readers, policy=aws_policy("ReadOnlyAccess"))
    inline_policy_put(entity=readers, name="Tagging", policy_document=document_text(
        allow("iam:TagUser", Sid="TagUsers")))
    group_add_user(group=readers, user=user)
    inline_policy_put(entity=user, name="NoSecrets", policy_document=document_text(
        deny("s3:GetObject", "arn:aws:s3:::secret/*", Sid="NoSecrets")))
    boundary = policy_create(account=account, name="NoDeletes", policy_document=document_text(
        {"Effect": "Allow", "NotAction": "iam:Delete*", "Resource": "*"}))
    permissions_boundary_put(entity=user, policy=boundary)
    user.refresh_from_db()
    return user


def simulate(client, **body):
    response = post_json(client, URL, body)
    assert response.status_code == 200, response.content
    return response.json()["evaluation_results"]


def decisions(results):
    return [(r["action"], r["decision"]) for r in results]


def test_a_users_own_group_and_boundary_policies_are_simulated(root_client, alice):
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=[
        "s3:GetObject", "iam:TagUser", "iam:CreateUser", "iam:DeleteUser"],
        action_resources={"s3:GetObject": ["arn:aws:s3:::public/a", "arn:aws:s3:::secret/a"]})
    assert [r["decision"] for r in results] == [
        "allowed", "explicitDeny", "allowed", "implicitDeny", "implicitDeny"]
    read, secret, tag, _create, delete = results
    assert {(m["source_policy_type"], m["source_policy_id"]) for m in read["matched_statements"]}\
        == {("aws-managed", READ_ONLY), ("boundary", alice.permissions_boundary.arn)}
    assert [(m["source_policy_type"], m["source_policy_id"], m["sid"])
            for m in secret["matched_statements"]] == [("user", "NoSecrets", "NoSecrets")]
    assert ("group", "Tagging") in {
        (m["source_policy_type"], m["source_policy_id"]) for m in tag["matched_statements"]}
    assert delete["decision_details"]["boundary"] == "implicitDeny"
    assert "ReadOnlyAccess (AWS managed policy, via group Readers)" in read["explanation"]


def test_a_role_is_simulated_with_its_policies_and_context(root_client, account, aws_policy):
    role = RoleFactory(account=account, name="Auditor", tags={"level": "2"})
    policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
    inline_policy_put(entity=role, name="Level2", policy_document=document_text(allow(
        "s3:ListBucket", Condition={"StringEquals": {"aws:PrincipalTag/level": "2",
                                                     "aws:PrincipalType": "AssumedRole"}})))
    results = simulate(root_client, policy_source_arn=role.arn,
                       action_names=["iam:ListRoles", "iam:CreateRole", "s3:ListBucket"])
    assert [r["decision"] for r in results] == ["allowed", "implicitDeny", "allowed"]
    assert results[2]["matched_statements"][0]["source_policy_type"] == "role"


def test_a_group_is_simulated_for_a_member(root_client, account, aws_policy):
    group = group_create(account=account, name="Ops")
    policy_attach_to_group(group=group, policy=aws_policy("AmazonEC2ReadOnlyAccess"))
    inline_policy_put(entity=group, name="OwnHome", policy_document=document_text(
        allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")))
    results = simulate(root_client, policy_source_arn=group.arn,
                       action_names=["ec2:DescribeInstances", "s3:GetObject"],
                       action_resources={"s3:GetObject": ["arn:aws:s3:::home/SimulatedUser/f"]})
    # Without a caller ARN the member is arn:aws:iam::<account>:user/SimulatedUser.
    assert [r["decision"] for r in results] == ["allowed", "allowed"]
    named = simulate(root_client, policy_source_arn=group.arn,
                     caller_arn=f"arn:aws:iam::{ACCT}:user/zed", action_names=["s3:GetObject"],
                     resource_arns=["arn:aws:s3:::home/SimulatedUser/f"])
    assert named[0]["decision"] == "implicitDeny"


def test_the_principal_fills_in_its_own_context_keys(root_client, alice):
    inline_policy_put(entity=alice, name="Home", policy_document=document_text(allow(
        "s3:PutObject", "arn:aws:s3:::home/${aws:username}/*",
        Condition={"StringEquals": {"aws:PrincipalTag/team": "dev"}})))
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=["s3:PutObject"],
                       resource_arns=["arn:aws:s3:::home/alice/a", "arn:aws:s3:::home/bob/a"])
    assert decisions(results) == [("s3:PutObject", "allowed"), ("s3:PutObject", "implicitDeny")]
    # A context entry overrides what the principal fills in.
    overridden = simulate(
        root_client, policy_source_arn=alice.arn, action_names=["s3:PutObject"],
        resource_arns=["arn:aws:s3:::home/alice/a"],
        context_entries=[{"key": "aws:PrincipalTag/team", "values": ["ops"]}])
    assert overridden[0]["decision"] == "implicitDeny"


@pytest.mark.parametrize("exclusion", [
    READ_ONLY, "arn:aws:iam::aws:policy/ReadOnly*", "arn:aws:iam::aws:policy/ReadOnlyAcces?",
])
def test_a_managed_policy_can_be_left_out_by_arn(root_client, alice, exclusion):
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=["s3:GetObject"],
                       policy_exclusions=[exclusion])
    assert results[0]["decision"] == "implicitDeny"


@pytest.mark.parametrize("exclusion", ["NoSecrets", "user/alice/NoSecrets", "user/ALICE/nosecrets"])
def test_an_inline_policy_can_be_left_out_by_name(root_client, alice, exclusion):
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=["s3:GetObject"],
                       resource_arns=["arn:aws:s3:::secret/a"], policy_exclusions=[exclusion])
    assert results[0]["decision"] == "allowed"


def test_leaving_out_the_boundary_and_a_group_inline_policy(root_client, alice):
    common = {"policy_source_arn": alice.arn, "action_names": ["iam:DeleteUser", "iam:TagUser"]}
    assert [r["decision"] for r in simulate(root_client, **common)] == ["implicitDeny", "allowed"]
    results = simulate(root_client, **common, policy_exclusions=[
        alice.permissions_boundary.arn, "group/Readers/Tagging"])
    assert [r["decision"] for r in results] == ["implicitDeny", "implicitDeny"]
    assert "boundary" not in results[0]["decision_details"]


def test_exclusions_that_match_nothing_are_ignored_and_malformed_ones_refused(root_client, alice):
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=["s3:GetObject"],
                       policy_exclusions=["Nothing", "arn:aws:iam::aws:policy/NoSuch"])
    assert results[0]["decision"] == "allowed"
    response = post_json(root_client, URL, {"policy_source_arn": alice.arn,
                                            "action_names": ["s3:GetObject"],
                                            "policy_exclusions": ["", "no spaces allowed"]})
    assert response.status_code == 400
    assert response.json()["field"] == "policy_exclusions[0]"


def test_an_edit_for_this_simulation_changes_the_decision_and_saves_nothing(root_client, alice):
    before = InlinePolicy.objects.get(user=alice, name="NoSecrets").document_text
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=["s3:GetObject"],
                       resource_arns=["arn:aws:s3:::secret/a"], policy_overrides={
                           "user/alice/NoSecrets": document(deny("s3:GetObject",
                                                                      "arn:aws:s3:::x/*"))})
    assert results[0]["decision"] == "allowed"
    assert InlinePolicy.objects.get(user=alice, name="NoSecrets").document_text == before
    assert "edited for this simulation" not in results[0]["explanation"]  # the allow decided


def test_an_edited_boundary_and_a_supplied_boundary(root_client, alice):
    boundary_arn = alice.permissions_boundary.arn
    edited = simulate(root_client, policy_source_arn=alice.arn, action_names=["iam:DeleteUser"],
                      policy_overrides={boundary_arn: document(allow("*"))},
                      policy_exclusions=["NoSecrets"])
    # ReadOnlyAccess does not grant iam:DeleteUser; the boundary now allows it.
    assert edited[0]["decision_details"]["boundary"] == "allowed"
    supplied = simulate(root_client, policy_source_arn=alice.arn, action_names=["s3:ListBucket"],
                        permissions_boundary_policy_input_list=[document(allow("iam:*"))])
    assert supplied[0]["decision"] == "implicitDeny"
    assert supplied[0]["decision_details"]["boundary"] == "implicitDeny"


def test_an_invalid_edit_is_named(root_client, alice):
    response = post_json(root_client, URL, {
        "policy_source_arn": alice.arn, "action_names": ["s3:GetObject"],
        "policy_overrides": {"NoSecrets": '{"Version": "2012-10-17", "Statement": ['}})
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["field"]) == ("MalformedPolicyDocument",
                                             "policy_overrides[NoSecrets]")


def test_extra_identity_policies_are_added_to_the_principals(root_client, alice):
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=["iam:CreateUser"],
                       policy_input_list=[document(allow("iam:CreateUser"))])
    assert results[0]["decision"] == "allowed"
    assert ("user", "policy_input_list[0]") in {
        (m["source_policy_type"], m["source_policy_id"])
        for m in results[0]["matched_statements"]}


def test_assume_role_uses_the_roles_trust_policy_as_the_console_does(root_client, account, alice):
    role = RoleFactory(account=account, name="Deployer", trust={
        "Version": "2012-10-17",
        "Statement": [{"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": alice.arn},
                       "Action": "sts:AssumeRole"}],
    })
    other = RoleFactory(account=account, name="Other")
    results = simulate(root_client, policy_source_arn=alice.arn, action_names=["sts:AssumeRole"],
                       resource_arns=[role.arn, other.arn])
    assert [r["decision"] for r in results] == ["allowed", "implicitDeny"]
    assert ("resource", role.arn, "Alice") in {
        (m["source_policy_type"], m["source_policy_id"], m["sid"])
        for m in results[0]["matched_statements"]}


def test_another_accounts_principal_cannot_be_simulated(root_client, other_account):
    outsider = user_create(account=other_account, name="outsider")
    response = post_json(root_client, URL, {"policy_source_arn": outsider.arn,
                                            "action_names": ["s3:GetObject"]})
    # Even the root user has no permission in another account.
    assert response.status_code == 403
    assert response.json()["code"] == "AccessDenied"
    missing = post_json(root_client, URL, {
        "policy_source_arn": f"arn:aws:iam::{ACCT}:user/nobody", "action_names": ["s3:GetObject"]})
    assert missing.status_code == 404
    assert missing.json()["code"] == "NoSuchEntity"


@pytest.mark.parametrize("body, field", [
    ({"action_names": ["s3:GetObject"]}, "policy_source_arn"),
    ({"policy_source_arn": "arn:aws:iam::111111111111:policy/P", "action_names": ["s3:GetObject"]},
     "policy_source_arn"),
    ({"policy_source_arn": "arn:aws:iam::111111111111:user/alice", "action_names": "s3:x"},
     "action_names"),
])
def test_invalid_principal_requests_are_named(root_client, alice, body, field):
    response = post_json(root_client, URL, body)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_a_user_may_simulate_only_the_principals_its_policy_names(client, account, alice):
    trainee = user_create(account=account, name="trainee")
    inline_policy_put(entity=trainee, name="SimulateSelf", policy_document=document_text(allow(
        "iam:SimulatePrincipalPolicy", "arn:aws:iam::*:user/${aws:username}")))
    sign_in(client, trainee)
    own = post_json(client, URL, {"policy_source_arn": trainee.arn,
                                  "action_names": ["iam:SimulatePrincipalPolicy"],
                                  "resource_arns": [trainee.arn]})
    assert own.status_code == 200
    assert own.json()["evaluation_results"][0]["decision"] == "allowed"
    others = post_json(client, URL, {"policy_source_arn": alice.arn,
                                     "action_names": ["s3:GetObject"]})
    assert others.status_code == 403
    assert f"iam:SimulatePrincipalPolicy on resource: {alice.arn}" in others.json()["message"]


def test_policies_attached_directly_are_reported_as_aws_or_user_managed(root_client, account,
                                                                        aws_policy):
    user = user_create(account=account, name="dev")
    policy_attach_to_user(user=user, policy=aws_policy("AmazonS3ReadOnlyAccess"))
    own = policy_create(account=account, name="Mine", policy_document=document_text(allow("sqs:*")))
    policy_attach_to_user(user=user, policy=own)
    results = simulate(root_client, policy_source_arn=user.arn,
                       action_names=["s3:GetObject", "sqs:SendMessage"])
    assert [r["matched_statements"][0]["source_policy_type"] for r in results] == [
        "aws-managed", "user-managed"]
