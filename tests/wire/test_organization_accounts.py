"""Member accounts over boto3, and the issue's story as AWS behaves: the management
account's administrator creates an account, assumes OrganizationAccountAccessRole in it and
creates an IAM user there; an SCP denying iam:CreateUser on the account's OU refuses that
call on the wire, naming the SCP, while the management account's own CreateUser works;
detaching it restores the call."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from .conftest import client
from .sts_support import session
from .test_organizations import error

SCP = "SERVICE_CONTROL_POLICY"
DENY_CREATE_USER = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})


@pytest.fixture(scope="module")
def admin(make_user, wire_url):
    """The management account's administrator (an IAM user with AdministratorAccess)."""
    _, keys = make_user("org-admin", "AdministratorAccess")
    return keys


@pytest.fixture(scope="module")
def member_id(org, org_root):
    """An account created in the organization (CreateAccount, which completes at once)."""
    status = org.create_account(Email="dev@example.com", AccountName="Development")[
        "CreateAccountStatus"]
    assert status["State"] == "SUCCEEDED" and status["Id"].startswith("car-")
    described = org.describe_create_account_status(CreateAccountRequestId=status["Id"])
    assert described["CreateAccountStatus"]["AccountId"] == status["AccountId"]
    return status["AccountId"]


def _member_session(wire_url, admin, member_id, service: str):
    sts = client("sts", wire_url, admin)
    credentials = sts.assume_role(
        RoleArn=f"arn:aws:iam::{member_id}:role/OrganizationAccountAccessRole",
        RoleSessionName="admin")["Credentials"]
    return session(service, wire_url, credentials)


def test_accounts_are_listed_described_and_moved(org, org_root, member_id):
    accounts = {a["Id"]: a for a in org.list_accounts()["Accounts"]}
    assert set(accounts) >= {"123456789012", member_id}
    assert accounts[member_id]["Name"] == "Development"
    assert accounts[member_id]["JoinedMethod"] == "CREATED"
    assert org.describe_account(AccountId=member_id)["Account"]["Email"] == "dev@example.com"
    unit = org.create_organizational_unit(ParentId=org_root, Name="Movers")[
        "OrganizationalUnit"]["Id"]
    org.move_account(AccountId=member_id, SourceParentId=org_root, DestinationParentId=unit)
    assert [a["Id"] for a in org.list_accounts_for_parent(ParentId=unit)["Accounts"]] == [
        member_id]
    assert org.list_parents(ChildId=member_id)["Parents"] == [
        {"Id": unit, "Type": "ORGANIZATIONAL_UNIT"}]
    with pytest.raises(ClientError) as caught:  # not its parent any more
        org.move_account(AccountId=member_id, SourceParentId=org_root, DestinationParentId=unit)
    assert error(caught)[0] == "AccountNotFoundException"
    with pytest.raises(ClientError) as caught:
        org.move_account(AccountId=member_id, SourceParentId="ou-zzzz-zzzzzzzz",
                         DestinationParentId=unit)
    assert error(caught)[0] == "SourceParentNotFoundException"
    with pytest.raises(ClientError) as caught:
        org.move_account(AccountId=member_id, SourceParentId=unit,
                         DestinationParentId="ou-zzzz-zzzzzzzz")
    assert error(caught)[0] == "DestinationParentNotFoundException"
    org.move_account(AccountId=member_id, SourceParentId=unit, DestinationParentId=org_root)
    org.delete_organizational_unit(OrganizationalUnitId=unit)
    with pytest.raises(ClientError) as caught:
        org.describe_account(AccountId="999999999999")
    assert error(caught)[0] == "AccountNotFoundException"


def test_tags_on_an_account(org, member_id):
    org.tag_resource(ResourceId=member_id, Tags=[{"Key": "env", "Value": "dev"}])
    assert org.list_tags_for_resource(ResourceId=member_id)["Tags"] == [
        {"Key": "env", "Value": "dev"}]
    org.untag_resource(ResourceId=member_id, TagKeys=["env"])
    assert org.list_tags_for_resource(ResourceId=member_id)["Tags"] == []



@pytest.mark.parametrize("key", ["a\x00b", "tab\there", "semi;colon"])
def test_a_tag_outside_the_models_pattern_is_refused_and_not_stored(org, member_id, key):
    with pytest.raises(ClientError) as caught:
        org.tag_resource(ResourceId=member_id, Tags=[{"Key": key, "Value": "x"}])
    assert error(caught)[0] == "InvalidInputException"
    assert "pattern" in caught.value.response["Error"]["Message"]
    assert org.list_tags_for_resource(ResourceId=member_id)["Tags"] == []

def test_a_member_account_cannot_manage_the_organization(wire_url, admin, member_id, org_root):
    member_org = _member_session(wire_url, admin, member_id, "organizations")
    assert member_org.describe_organization()["Organization"]["MasterAccountId"] == (
        "123456789012")
    with pytest.raises(ClientError) as caught:
        member_org.create_organizational_unit(ParentId=org_root, Name="Mine")
    assert error(caught)[0] == "AccessDeniedException"
    with pytest.raises(ClientError) as caught:
        member_org.list_accounts()
    assert error(caught)[0] == "AccessDeniedException"


def test_an_scp_on_the_accounts_ou_refuses_create_user_there_only(
        org, org_root, wire_url, admin, member_id, iam):
    member_iam = _member_session(wire_url, admin, member_id, "iam")
    member_iam.create_user(UserName="before-scp")
    org.enable_policy_type(RootId=org_root, PolicyType=SCP)
    unit = org.create_organizational_unit(ParentId=org_root, Name="Workloads")[
        "OrganizationalUnit"]["Id"]
    org.move_account(AccountId=member_id, SourceParentId=org_root, DestinationParentId=unit)
    policy = org.create_policy(Name="DenyCreateUser", Description="", Type=SCP,
                               Content=DENY_CREATE_USER)["Policy"]["PolicySummary"]
    org.attach_policy(PolicyId=policy["Id"], TargetId=unit)

    with pytest.raises(ClientError) as caught:
        member_iam.create_user(UserName="under-scp")
    assert caught.value.response["Error"]["Code"] == "AccessDenied"
    message = caught.value.response["Error"]["Message"]
    assert "iam:CreateUser" in message
    assert "with an explicit deny in a service control policy" in message
    assert policy["Arn"] in message
    iam.create_user(UserName="management-still-creates")  # the management account is exempt
    # SimulatePrincipalPolicy weighs the organization's SCPs as AWS's simulator does.
    simulated = {result["EvalActionName"]: result for result in
                 member_iam.simulate_principal_policy(
                     PolicySourceArn=f"arn:aws:iam::{member_id}:role/"
                                     "OrganizationAccountAccessRole",
                     ActionNames=["iam:CreateUser", "iam:ListUsers"])["EvaluationResults"]}
    assert simulated["iam:CreateUser"]["EvalDecision"] == "explicitDeny"
    assert simulated["iam:CreateUser"]["OrganizationsDecisionDetail"] == {
        "AllowedByOrganizations": False}
    assert simulated["iam:ListUsers"]["EvalDecision"] == "allowed"
    assert simulated["iam:ListUsers"]["OrganizationsDecisionDetail"] == {
        "AllowedByOrganizations": True}

    org.detach_policy(PolicyId=policy["Id"], TargetId=unit)
    member_iam.create_user(UserName="after-scp")
    org.move_account(AccountId=member_id, SourceParentId=unit, DestinationParentId=org_root)
    org.delete_organizational_unit(OrganizationalUnitId=unit)


def test_the_effective_policy_is_asked_of_a_type_that_has_one(org, member_id):
    with pytest.raises(ClientError) as caught:
        org.describe_effective_policy(PolicyType="TAG_POLICY", TargetId=member_id)
    assert error(caught)[0] in ("EffectivePolicyNotFoundException",
                                "PolicyTypeNotEnabledException", "InvalidInputException")
