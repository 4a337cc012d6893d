"""POST /api/v1/simulate/principal with an organization: its SCPs bind a member account's
principals level by level, the RCPs of a resource's account bind whoever acts on it, the
management account is exempt, and `apply_organization_policies: false` leaves them out."""

from __future__ import annotations

from django.test import Client

from tests.helpers import post_json, sign_in
from tests.policies.organization_world import (
    MEMBER_ID,
    allow_only_s3_at_the_account,
)

URL = "/api/v1/simulate/principal"


def simulate(client: Client, **body) -> dict:
    response = post_json(client, URL, body)
    assert response.status_code == 200, response.content
    results = response.json()["evaluation_results"]
    assert len(results) == 1
    return results[0]


def test_the_ou_scp_denies_a_member_principal_naming_its_level(org_world):
    client = sign_in(Client(), org_world.member)
    result = simulate(client, policy_source_arn=org_world.dev.arn,
                      action_names=["ec2:TerminateInstances"])
    assert result["decision"] == "explicitDeny"
    levels = result["organization_policies"]["service_control_policies"]
    root_id = org_world.organization.root_id
    assert [(lv["level"], sorted(p["name"] for p in lv["policies"]), lv["decision"])
            for lv in levels] == [
        (f"Root ({root_id})", ["FullAWSAccess"], "allowed"),
        (f"OU Workloads ({org_world.ou_id})", ["DenyTerminate", "FullAWSAccess"], "explicitDeny"),
        (f"Account {MEMBER_ID}", ["FullAWSAccess"], "allowed"),
    ]
    assert [lv["target_id"] for lv in levels] == [root_id, org_world.ou_id, MEMBER_ID]
    assert result["explanation"] == (
        f"denied: DenyTerminate (service control policy, attached to OU Workloads "
        f"({org_world.ou_id})) statement 1 (Sid NoTerminate) explicitly denies "
        "ec2:TerminateInstances")
    assert result["denial_message"].endswith(
        f"with an explicit deny in a service control policy: {org_world.deny_terminate.arn}")
    assert result["matched_statements"][0]["source_policy_id"] == org_world.deny_terminate.arn
    assert result["matched_statements"][0]["source_policy_type"] == "scp"


def test_switching_the_organization_policies_off_allows_it(org_world):
    client = sign_in(Client(), org_world.member)
    result = simulate(client, policy_source_arn=org_world.dev.arn,
                      action_names=["ec2:TerminateInstances"],
                      apply_organization_policies=False)
    assert result["decision"] == "allowed"
    assert "organization_policies" not in result and "denial_message" not in result


def test_a_level_without_an_allow_is_named_with_aws_reason(org_world):
    allow_only_s3_at_the_account(org_world)
    client = sign_in(Client(), org_world.member)
    result = simulate(client, policy_source_arn=org_world.dev.arn,
                      action_names=["ec2:DescribeInstances"])
    assert result["decision"] == "implicitDeny"
    assert result["explanation"] == (
        f"denied: the service control policies of Account {MEMBER_ID} do not allow "
        "ec2:DescribeInstances")
    assert result["denial_message"].endswith(
        "because no service control policy allows the ec2:DescribeInstances action")
    levels = result["organization_policies"]["service_control_policies"]
    assert [lv["decision"] for lv in levels] == ["allowed", "allowed", "implicitDeny"]
    assert [p["name"] for p in levels[2]["policies"]] == ["OnlyS3"]


def test_typed_scp_levels_replace_the_organizations(org_world):
    client = sign_in(Client(), org_world.member)
    everything = {"Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    result = simulate(client, policy_source_arn=org_world.dev.arn,
                      action_names=["ec2:TerminateInstances"], scp_levels=[[everything]])
    assert result["decision"] == "allowed"
    levels = result["organization_policies"]["service_control_policies"]
    assert [(lv["level"], lv["target_id"]) for lv in levels] == [("Level 1 (root)", None)]


def test_the_management_account_is_not_bound_by_scps(org_world, root_client):
    result = simulate(root_client, policy_source_arn=org_world.admin.arn,
                      action_names=["ec2:TerminateInstances"])
    assert result["decision"] == "allowed"
    assert "organization_policies" not in result


def test_the_member_rcp_denies_a_principal_outside_the_organization(org_world):
    client = sign_in(Client(), org_world.outside)
    result = simulate(client, policy_source_arn=org_world.outsider.arn,
                      action_names=["sts:AssumeRole"], resource_arns=[org_world.shared.arn])
    assert result["decision"] == "explicitDeny"
    levels = result["organization_policies"]["resource_control_policies"]
    assert levels[-1]["level"] == f"Account {MEMBER_ID}"
    assert levels[-1]["decision"] == "explicitDeny"
    assert "Perimeter" in [p["name"] for p in levels[-1]["policies"]]
    assert "Perimeter (resource control policy, attached to Account 333333333333)" in (
        result["explanation"])
    assert result["denial_message"].endswith(
        f"with an explicit deny in a resource control policy: {org_world.perimeter.arn}")
    assert "service_control_policies" not in result["organization_policies"] or not (
        result["organization_policies"]["service_control_policies"])
    off = simulate(client, policy_source_arn=org_world.outsider.arn,
                   action_names=["sts:AssumeRole"], resource_arns=[org_world.shared.arn],
                   apply_organization_policies=False)
    assert off["decision"] == "allowed"


def test_a_principal_inside_the_organization_passes_the_rcp(org_world, root_client):
    result = simulate(root_client, policy_source_arn=org_world.admin.arn,
                      action_names=["sts:AssumeRole"], resource_arns=[org_world.shared.arn])
    assert result["decision"] == "allowed"
    levels = result["organization_policies"]["resource_control_policies"]
    assert [lv["decision"] for lv in levels] == ["allowed", "allowed", "allowed"]


def test_the_switch_must_be_a_boolean(org_world, root_client):
    response = post_json(root_client, URL, {
        "policy_source_arn": org_world.admin.arn, "action_names": ["s3:GetObject"],
        "apply_organization_policies": "no"})
    assert response.status_code == 400
    assert response.json()["field"] == "apply_organization_policies"


def test_bounded_queries(org_world, django_assert_max_num_queries):
    client = sign_in(Client(), org_world.outside)
    body = {"policy_source_arn": org_world.outsider.arn,
            "action_names": ["sts:AssumeRole", "s3:GetObject", "ec2:TerminateInstances"],
            "resource_arns": [org_world.shared.arn, f"arn:aws:iam::{MEMBER_ID}:role/Other",
                              "arn:aws:s3:::bucket/key"]}
    post_json(client, URL, body)  # warms this process's caches
    # The caller, the principal and its policies, its organization (1), the member account's
    # generation once per kind of service (2), each role's trust policy (3 pairs), the
    # trail event: nothing per action or per level.
    with django_assert_max_num_queries(17):
        assert post_json(client, URL, body).status_code == 200


def test_the_context_keys_of_the_organization_policies_are_listed(org_world):
    client = sign_in(Client(), org_world.member)
    body = {"policy_source_arn": org_world.dev.arn}
    keys = post_json(client, "/api/v1/simulate/context-keys", body).json()["context_keys"]
    used = {k["key"]: k["used_by"] for k in keys}
    assert org_world.perimeter.arn in used["aws:PrincipalOrgID"]
    off = post_json(client, "/api/v1/simulate/context-keys",
                    {**body, "apply_organization_policies": False}).json()
    assert "aws:PrincipalOrgID" not in off["context_key_names"]
