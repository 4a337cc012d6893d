"""Invitations over boto3: the management account invites an existing account, whose root
user accepts; the member leaves or is removed; the organization is deleted once empty."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import client
from .sts_support import OTHER_ACCOUNT, other_account
from .test_organizations import error


@pytest.fixture(scope="module")
def invited(wire_url, django_db_blocker):
    """An Organizations client of the root user of a standalone account (210987654321)."""
    with other_account(django_db_blocker) as keys:
        yield client("organizations", wire_url, keys)


def _invite(org) -> dict:
    return org.invite_account_to_organization(
        Target={"Id": OTHER_ACCOUNT, "Type": "ACCOUNT"}, Notes="Join us")["Handshake"]


def test_an_invited_account_accepts_then_leaves(org, org_root, invited):
    handshake = _invite(org)
    assert handshake["Id"].startswith("h-") and handshake["State"] == "OPEN"
    with pytest.raises(ClientError) as caught:
        _invite(org)
    assert error(caught)[0] == "DuplicateHandshakeException"
    listed = invited.list_handshakes_for_account()["Handshakes"]
    assert [h["Id"] for h in listed] == [handshake["Id"]]
    accepted = invited.accept_handshake(HandshakeId=handshake["Id"])["Handshake"]
    assert accepted["State"] == "ACCEPTED"
    with pytest.raises(ClientError) as caught:
        invited.accept_handshake(HandshakeId=handshake["Id"])
    assert error(caught)[0] in ("InvalidHandshakeTransitionException",
                                "HandshakeAlreadyInStateException")
    member = org.describe_account(AccountId=OTHER_ACCOUNT)["Account"]
    assert member["JoinedMethod"] == "INVITED"
    assert invited.describe_organization()["Organization"]["MasterAccountId"] == "123456789012"

    with pytest.raises(ClientError) as caught:
        org.delete_organization()
    assert error(caught)[0] == "OrganizationNotEmptyException"
    with pytest.raises(ClientError) as caught:
        org.leave_organization()
    assert error(caught)[0] in ("MasterCannotLeaveOrganizationException",
                                "ConstraintViolationException")
    invited.leave_organization()
    with pytest.raises(ClientError) as caught:
        invited.describe_organization()
    assert error(caught)[0] == "AWSOrganizationsNotInUseException"


def test_the_management_account_removes_a_member(org, org_root, invited):
    invited.accept_handshake(HandshakeId=_invite(org)["Id"])
    org.remove_account_from_organization(AccountId=OTHER_ACCOUNT)
    with pytest.raises(ClientError) as caught:
        org.describe_account(AccountId=OTHER_ACCOUNT)
    assert error(caught)[0] == "AccountNotFoundException"
    with pytest.raises(ClientError) as caught:
        org.remove_account_from_organization(AccountId="123456789012")
    assert error(caught)[0] in ("MasterCannotLeaveOrganizationException",
                                "ConstraintViolationException")


def test_an_empty_organization_is_deleted(org, org_root):
    org.delete_organization()
    with pytest.raises(ClientError) as caught:
        org.describe_organization()
    assert error(caught)[0] == "AWSOrganizationsNotInUseException"
