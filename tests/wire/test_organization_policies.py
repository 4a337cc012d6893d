"""SCPs and RCPs through a real boto3 Organizations client: policy types, the policies'
life, attachments and AWS's limits and errors (the management account's root user)."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from .test_organizations import error

DENY_CREATE_USER = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})
SCP = "SERVICE_CONTROL_POLICY"
RCP = "RESOURCE_CONTROL_POLICY"


@pytest.fixture(scope="module")
def root_id(org, org_root):
    org.enable_policy_type(RootId=org_root, PolicyType=SCP)
    return org_root


@pytest.fixture
def unit_id(org, root_id):
    made = org.create_organizational_unit(ParentId=root_id, Name="Sandbox")
    yield made["OrganizationalUnit"]["Id"]
    for policy in org.list_policies_for_target(TargetId=made["OrganizationalUnit"]["Id"],
                                               Filter=SCP)["Policies"]:
        if not policy["AwsManaged"]:
            org.detach_policy(PolicyId=policy["Id"], TargetId=made["OrganizationalUnit"]["Id"])
    org.delete_organizational_unit(OrganizationalUnitId=made["OrganizationalUnit"]["Id"])


def _scp(org, name: str, content: str = DENY_CREATE_USER) -> str:
    return org.create_policy(Name=name, Description="test", Content=content, Type=SCP)[
        "Policy"]["PolicySummary"]["Id"]


def test_enabling_a_policy_type_attaches_aws_full_access_to_the_root(org, root_id):
    root = org.list_roots()["Roots"][0]
    assert {"Type": SCP, "Status": "ENABLED"} in root["PolicyTypes"]
    attached = org.list_policies_for_target(TargetId=root_id, Filter=SCP)["Policies"]
    assert [(p["Id"], p["Name"], p["AwsManaged"]) for p in attached] == [
        ("p-FullAWSAccess", "FullAWSAccess", True)]
    with pytest.raises(ClientError) as caught:
        org.enable_policy_type(RootId=root_id, PolicyType=SCP)
    assert error(caught)[0] == "PolicyTypeAlreadyEnabledException"


def test_a_policy_of_a_type_not_enabled_cannot_be_attached(org, root_id):
    policy = org.create_policy(Name="DataPerimeter", Description="", Type=RCP, Content=json.dumps(
        {"Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
            "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcdefghij"}}}]}))
    policy_id = policy["Policy"]["PolicySummary"]["Id"]
    with pytest.raises(ClientError) as caught:
        org.attach_policy(PolicyId=policy_id, TargetId=root_id)
    assert error(caught)[0] == "PolicyTypeNotEnabledException"
    org.enable_policy_type(RootId=root_id, PolicyType=RCP)
    org.attach_policy(PolicyId=policy_id, TargetId=root_id)
    assert {p["Name"] for p in org.list_policies_for_target(
        TargetId=root_id, Filter=RCP)["Policies"]} == {"RCPFullAWSAccess", "DataPerimeter"}
    org.detach_policy(PolicyId=policy_id, TargetId=root_id)
    org.delete_policy(PolicyId=policy_id)
    org.disable_policy_type(RootId=root_id, PolicyType=RCP)
    assert {"Type": RCP, "Status": "ENABLED"} not in org.list_roots()["Roots"][0]["PolicyTypes"]


def test_a_policy_is_created_described_updated_listed_and_deleted(org, root_id):
    policy_id = _scp(org, "DenyCreateUser")
    described = org.describe_policy(PolicyId=policy_id)["Policy"]
    assert described["PolicySummary"]["Name"] == "DenyCreateUser"
    assert described["PolicySummary"]["Type"] == SCP
    assert json.loads(described["Content"]) == json.loads(DENY_CREATE_USER)
    updated = org.update_policy(PolicyId=policy_id, Name="NoNewUsers", Description="none")
    assert updated["Policy"]["PolicySummary"]["Name"] == "NoNewUsers"
    names = {p["Name"] for p in org.list_policies(Filter=SCP)["Policies"]}
    assert {"FullAWSAccess", "NoNewUsers"} <= names
    with pytest.raises(ClientError) as caught:
        _scp(org, "NoNewUsers")
    assert error(caught)[0] == "DuplicatePolicyException"
    org.delete_policy(PolicyId=policy_id)
    with pytest.raises(ClientError) as caught:
        org.describe_policy(PolicyId=policy_id)
    assert error(caught)[0] == "PolicyNotFoundException"


def test_aws_managed_policies_cannot_be_changed(org, root_id):
    with pytest.raises(ClientError) as caught:
        org.update_policy(PolicyId="p-FullAWSAccess", Name="Mine")
    assert error(caught)[0] in ("InvalidInputException", "ConstraintViolationException")


def test_attachments_follow_aws_rules(org, unit_id):
    policy_id = _scp(org, "DenyCreateUserOnOU")
    org.attach_policy(PolicyId=policy_id, TargetId=unit_id)
    with pytest.raises(ClientError) as caught:
        org.attach_policy(PolicyId=policy_id, TargetId=unit_id)
    assert error(caught)[0] == "DuplicatePolicyAttachmentException"
    targets = org.list_targets_for_policy(PolicyId=policy_id)["Targets"]
    assert [(t["TargetId"], t["Type"], t["Name"]) for t in targets] == [
        (unit_id, "ORGANIZATIONAL_UNIT", "Sandbox")]
    with pytest.raises(ClientError) as caught:
        org.delete_policy(PolicyId=policy_id)
    assert error(caught)[0] == "PolicyInUseException"
    org.detach_policy(PolicyId=policy_id, TargetId=unit_id)
    with pytest.raises(ClientError) as caught:
        org.detach_policy(PolicyId=policy_id, TargetId=unit_id)
    assert error(caught)[0] == "PolicyNotAttachedException"
    with pytest.raises(ClientError) as caught:
        org.attach_policy(PolicyId=policy_id, TargetId="ou-abcd-abcdefgh")
    assert error(caught)[0] == "TargetNotFoundException"
    org.delete_policy(PolicyId=policy_id)


def test_a_target_keeps_one_scp_and_holds_five_at_most(org, unit_id):
    with pytest.raises(ClientError) as caught:
        org.detach_policy(PolicyId="p-FullAWSAccess", TargetId=unit_id)
    assert error(caught) == ("ConstraintViolationException",
                             "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED")
    made = [_scp(org, f"Limit{index}") for index in range(5)]
    for policy_id in made[:4]:
        org.attach_policy(PolicyId=policy_id, TargetId=unit_id)
    with pytest.raises(ClientError) as caught:
        org.attach_policy(PolicyId=made[4], TargetId=unit_id)
    assert error(caught) == ("ConstraintViolationException",
                             "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED")
    for policy_id in made[:4]:
        org.detach_policy(PolicyId=policy_id, TargetId=unit_id)
    for policy_id in made:
        org.delete_policy(PolicyId=policy_id)


def test_policy_documents_are_checked_for_their_type(org, root_id):
    too_long = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*", "Sid": "x" * 5200}]})
    with pytest.raises(ClientError) as caught:
        _scp(org, "TooLong", too_long)
    assert error(caught)[0] in ("ConstraintViolationException", "InvalidInputException")
    with_principal = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "iam:CreateUser", "Resource": "*"}]})
    with pytest.raises(ClientError) as caught:
        _scp(org, "WithPrincipal", with_principal)
    assert error(caught)[0] == "MalformedPolicyDocumentException"
    assert "FullAWSAccess" in {p["Name"] for p in org.list_policies(Filter=SCP)["Policies"]}
    assert not {"TooLong", "WithPrincipal"} & {
        p["Name"] for p in org.list_policies(Filter=SCP)["Policies"]}
