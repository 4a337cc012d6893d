"""Organizations' accounts: invitations and their acceptance, removal, leaving, deleting the
organization, tags and effective policies; authorization as organizations:<Operation>."""

from __future__ import annotations

import re

import pytest

from accounts.models import Account, OrganizationMember
from accounts.services.users import user_create
from accounts.signin import user_principal
from iamconsole.exceptions import AccessDenied
from iamconsole.operations.caller import Caller, root_caller

from .test_operations_tree import error, run

SCP = "SERVICE_CONTROL_POLICY"


@pytest.fixture
def mgmt(account):
    caller = root_caller(account)
    run(caller, "CreateOrganization")
    return caller


@pytest.fixture
def invited(mgmt, other_account):
    return run(mgmt, "InviteAccountToOrganization",
               target={"Id": "222222222222", "Type": "ACCOUNT"}, notes="Join us")["Handshake"]


def test_invitation_accepted_by_the_invited_account(mgmt, invited, other_account):
    assert re.fullmatch(r"h-[a-z0-9]{10}", invited["Id"]) and invited["State"] == "OPEN"
    assert error(mgmt, "InviteAccountToOrganization",
                 target={"Id": "222222222222", "Type": "ACCOUNT"}).code == \
        "DuplicateHandshakeException"
    guest = root_caller(other_account)
    listed = run(guest, "ListHandshakesForAccount")["Handshakes"]
    assert [h["Id"] for h in listed] == [invited["Id"]]
    accepted = run(guest, "AcceptHandshake", handshake_id=invited["Id"])["Handshake"]
    assert accepted["State"] == "ACCEPTED"
    assert error(guest, "AcceptHandshake", handshake_id=invited["Id"]).code == \
        "InvalidHandshakeTransitionException"
    accounts = run(mgmt, "ListAccounts")["Accounts"]
    assert {(a["Id"], a["JoinedMethod"]) for a in accounts} == {
        ("111111111111", "CREATED"), ("222222222222", "INVITED")}
    assert error(guest, "AcceptHandshake", handshake_id="h-0000000000").code == \
        "HandshakeNotFoundException"


def test_remove_leave_and_delete(mgmt, invited, other_account):
    guest = root_caller(other_account)
    run(guest, "AcceptHandshake", handshake_id=invited["Id"])
    assert error(mgmt, "DeleteOrganization").code == "OrganizationNotEmptyException"
    assert error(mgmt, "LeaveOrganization").code == "MasterCannotLeaveOrganizationException"
    assert error(mgmt, "RemoveAccountFromOrganization",
                 account_id="111111111111").code == "MasterCannotLeaveOrganizationException"
    run(guest, "LeaveOrganization")
    assert error(guest, "DescribeOrganization").code == "AWSOrganizationsNotInUseException"
    assert error(mgmt, "DescribeAccount", account_id="222222222222").code == \
        "AccountNotFoundException"
    run(mgmt, "DeleteOrganization")
    assert not OrganizationMember.objects.exists()


def test_remove_member(mgmt, invited, other_account):
    run(root_caller(other_account), "AcceptHandshake", handshake_id=invited["Id"])
    run(mgmt, "RemoveAccountFromOrganization", account_id="222222222222")
    assert [a["Id"] for a in run(mgmt, "ListAccounts")["Accounts"]] == ["111111111111"]


def test_create_account_with_a_used_email_fails_as_aws(mgmt):
    status = run(mgmt, "CreateAccount", email="root@acme.example",
                 account_name="Dup")["CreateAccountStatus"]
    assert (status["State"], status["FailureReason"]) == ("FAILED", "EMAIL_ALREADY_EXISTS")
    assert error(mgmt, "CreateAccount", email="not-an-email",
                 account_name="X").code == "InvalidInputException"
    assert error(mgmt, "DescribeCreateAccountStatus",
                 create_account_request_id="car-00000000").code == \
        "CreateAccountStatusNotFoundException"


def test_move_account_errors(mgmt):
    root_id = run(mgmt, "ListRoots")["Roots"][0]["Id"]
    unit = run(mgmt, "CreateOrganizationalUnit", parent_id=root_id,
               name="A")["OrganizationalUnit"]
    assert error(mgmt, "MoveAccount", account_id="111111111111", source_parent_id="ou-x-y",
                 destination_parent_id=unit["Id"]).code == "SourceParentNotFoundException"
    assert error(mgmt, "MoveAccount", account_id="111111111111", source_parent_id=root_id,
                 destination_parent_id="ou-zzzz-zzzzzzzz").code == \
        "DestinationParentNotFoundException"
    assert error(mgmt, "MoveAccount", account_id="111111111111", source_parent_id=root_id,
                 destination_parent_id=root_id).code == "DuplicateAccountException"
    run(mgmt, "MoveAccount", account_id="111111111111", source_parent_id=root_id,
        destination_parent_id=unit["Id"])
    assert run(mgmt, "ListParents", child_id="111111111111")["Parents"] == [
        {"Id": unit["Id"], "Type": "ORGANIZATIONAL_UNIT"}]


def test_tags_on_root_ou_policy_and_account(mgmt):
    root_id = run(mgmt, "ListRoots")["Roots"][0]["Id"]
    unit = run(mgmt, "CreateOrganizationalUnit", parent_id=root_id, name="T",
               tags=[{"Key": "team", "Value": "a"}])["OrganizationalUnit"]
    for resource_id in (root_id, unit["Id"], "111111111111"):
        run(mgmt, "TagResource", resource_id=resource_id,
            tags=[{"Key": "env", "Value": "prod"}])
    assert run(mgmt, "ListTagsForResource", resource_id=unit["Id"])["Tags"] == [
        {"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "a"}]
    run(mgmt, "UntagResource", resource_id=unit["Id"], tag_keys=["team"])
    assert run(mgmt, "ListTagsForResource", resource_id=unit["Id"])["Tags"] == [
        {"Key": "env", "Value": "prod"}]
    assert run(mgmt, "ListTagsForResource", resource_id=root_id)["Tags"] == [
        {"Key": "env", "Value": "prod"}]
    assert error(mgmt, "TagResource", resource_id="p-FullAWSAccess",
                 tags=[{"Key": "a", "Value": "b"}]).reason == "IMMUTABLE_POLICY"
    assert error(mgmt, "TagResource", resource_id="999999999999",
                 tags=[{"Key": "a", "Value": "b"}]).code == "TargetNotFoundException"
    assert error(mgmt, "TagResource", resource_id=root_id, tags=[
        {"Key": "a", "Value": "b"}, {"Key": "a", "Value": "c"}]).reason == "DUPLICATE_TAG_KEY"


def test_effective_policy(mgmt):
    assert error(mgmt, "DescribeEffectivePolicy", policy_type=SCP).reason == \
        "INVALID_ENUM_POLICY_TYPE"
    assert error(mgmt, "DescribeEffectivePolicy", policy_type="TAG_POLICY").code == \
        "EffectivePolicyNotFoundException"


def test_organizations_actions_are_authorized(mgmt, account):
    """An IAM user of the management account without organizations:* permissions is refused
    with AWS's sentence, before any lookup."""
    nobody = Caller(user_principal(user_create(account=account, name="nobody")))
    with pytest.raises(AccessDenied) as denied:
        run(nobody, "ListRoots")
    assert "is not authorized to perform: organizations:ListRoots" in denied.value.message
    with pytest.raises(AccessDenied):
        run(nobody, "DescribePolicy", policy_id="p-00000000")
    assert Account.objects.count() == 1


def test_outside_an_organization_a_denied_caller_gets_access_denied(account):
    nobody = Caller(user_principal(user_create(account=account, name="nobody")))
    with pytest.raises(AccessDenied):
        run(nobody, "ListAccounts")
    assert error(root_caller(account), "ListAccounts").code == \
        "AWSOrganizationsNotInUseException"
