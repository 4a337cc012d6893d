"""Organizations' accounts in the REST API: created accounts and their requests, moves,
removal, leaving, and invitations (handshakes) accepted by the invited account."""

from __future__ import annotations

import pytest

from accounts.models import Account
from accounts.services import access_key_create

from .helpers import Api, error
from .organizations_support import ORGS

pytestmark = pytest.mark.django_db


def root_api(account: Account) -> Api:
    created = access_key_create(account=account)
    return Api(created.access_key.access_key_id, created.secret_access_key)


def test_create_an_account_and_read_its_request(admin, organization):
    response = admin.post(f"{ORGS}/accounts/", {"email": "qa@example.com",
                                                "account_name": "QA", "tags": {"env": "qa"}})
    assert response.status_code == 201, response.content
    status = response.json()
    assert status["state"] == "SUCCEEDED" and status["account_name"] == "QA"
    assert status["failure_reason"] is None and len(status["account_id"]) == 12
    assert admin.get(f"{ORGS}/create-account-status/{status['id']}/").json() == status
    assert admin.get(f"{ORGS}/resources/{status['account_id']}/tags/").json() == {
        "tags": {"env": "qa"}}
    account = admin.get(f"{ORGS}/accounts/{status['account_id']}/").json()
    assert account["name"] == "QA" and account["joined_method"] == "CREATED"
    assert error(admin.get(f"{ORGS}/create-account-status/car-nope1234/")) == (
        404, "CreateAccountStatusNotFoundException")


def test_an_email_in_use_fails_the_request_as_aws(admin, organization):
    response = admin.post(f"{ORGS}/accounts/", {"email": "dev@example.com",
                                                "account_name": "Again"})
    assert response.status_code == 201
    assert response.json()["state"] == "FAILED"
    assert response.json()["failure_reason"] == "EMAIL_ALREADY_EXISTS"


def test_bad_account_input_names_the_field(admin, organization):
    response = admin.post(f"{ORGS}/accounts/", {"account_name": "QA"})
    assert error(response) == (400, "InvalidInput") and response.json()["field"] == "email"
    response = admin.post(f"{ORGS}/accounts/", {"email": "not-an-email", "account_name": "QA"})
    assert error(response) == (400, "InvalidInputException")
    assert response.json()["reason"] == "INVALID_PATTERN"
    response = admin.post(f"{ORGS}/accounts/", {"email": "qa@example.com", "account_name": "QA",
                                                "tags": {"": "x"}})
    assert error(response) == (400, "InvalidInput") and response.json()["field"] == "tags"


def test_list_describe_move_and_remove_accounts(admin, organization):
    root_id, ou, member = organization["root_id"], organization["ou"], organization["member_id"]
    listed = admin.get(f"{ORGS}/accounts/").json()["results"]
    assert {a["id"] for a in listed} == {"111111111111", member}
    assert [a["id"] for a in admin.get(f"{ORGS}/parents/{ou}/accounts/").json()["results"]] \
        == [member]
    assert error(admin.get(f"{ORGS}/accounts/999999999999/")) == (
        404, "AccountNotFoundException")
    wrong_source = admin.post(f"{ORGS}/accounts/{member}/move/",
                              {"source_parent_id": root_id, "destination_parent_id": ou})
    assert error(wrong_source) == (404, "AccountNotFoundException")
    no_destination = admin.post(f"{ORGS}/accounts/{member}/move/",
                                {"source_parent_id": ou,
                                 "destination_parent_id": "ou-abcd-12345678"})
    assert error(no_destination) == (404, "DestinationParentNotFoundException")
    moved = admin.post(f"{ORGS}/accounts/{member}/move/",
                       {"source_parent_id": ou, "destination_parent_id": root_id})
    assert moved.status_code == 204
    assert admin.get(f"{ORGS}/parents/{ou}/accounts/").json()["results"] == []
    assert error(admin.post(f"{ORGS}/accounts/{member}/move/", {"source_parent_id": root_id})) \
        == (400, "InvalidInput")
    assert admin.delete(f"{ORGS}/accounts/{member}/").status_code == 204
    assert error(admin.get(f"{ORGS}/accounts/{member}/")) == (404, "AccountNotFoundException")


def test_the_management_account_cannot_leave_or_be_removed(admin, organization):
    assert error(admin.post(f"{ORGS}/leave/")) == (409, "MasterCannotLeaveOrganizationException")
    assert error(admin.delete(f"{ORGS}/accounts/111111111111/")) == (
        409, "MasterCannotLeaveOrganizationException")


def test_a_member_account_leaves(member_admin, organization):
    assert member_admin.get(f"{ORGS}/accounts/").json()["code"] == "AccessDeniedException"
    assert member_admin.post(f"{ORGS}/leave/").status_code == 204
    assert error(member_admin.get(f"{ORGS}/organization/")) == (
        404, "AWSOrganizationsNotInUseException")


def test_invite_and_accept(admin, organization, other_account):
    response = admin.post(f"{ORGS}/handshakes/", {"target_id": "222222222222",
                                                  "notes": "Welcome"})
    assert response.status_code == 201, response.content
    handshake = response.json()
    assert handshake["state"] == "OPEN" and handshake["action"] == "INVITE"
    assert {"id": "222222222222", "type": "ACCOUNT"} in handshake["parties"]
    again = admin.post(f"{ORGS}/handshakes/", {"target_id": "root@globex.example",
                                               "target_type": "EMAIL"})
    assert error(again) == (409, "DuplicateHandshakeException")
    invited = root_api(other_account)
    listed = invited.get(f"{ORGS}/handshakes/").json()["results"]
    assert [h["id"] for h in listed] == [handshake["id"]]
    accepted = invited.post(f"{ORGS}/handshakes/{handshake['id']}/accept/")
    assert accepted.status_code == 200 and accepted.json()["state"] == "ACCEPTED"
    assert error(invited.post(f"{ORGS}/handshakes/{handshake['id']}/accept/"))[0] == 409
    assert invited.get(f"{ORGS}/organization/").json()["id"] == \
        admin.get(f"{ORGS}/organization/").json()["id"]
    member = admin.get(f"{ORGS}/accounts/222222222222/").json()
    assert member["joined_method"] == "INVITED"
    assert error(admin.post(f"{ORGS}/handshakes/", {"target_id": "222222222222"})) == (
        409, "DuplicateAccountException")
    assert invited.post(f"{ORGS}/leave/").status_code == 204


def test_invitation_errors(admin, organization, other_account):
    assert error(admin.post(f"{ORGS}/handshakes/", {"target_id": "999999999999"})) == (
        404, "AccountNotFoundException")
    response = admin.post(f"{ORGS}/handshakes/", {"target_id": "x", "target_type": "PHONE"})
    assert error(response) == (400, "InvalidInput") and response.json()["field"] == "target_type"
    invited = root_api(other_account)
    assert error(invited.post(f"{ORGS}/handshakes/h-nope123456/accept/")) == (
        404, "HandshakeNotFoundException")


def test_account_lists_run_bounded_queries(admin, organization, other_account,
                                           django_assert_max_num_queries):
    for index in range(4):
        admin.post(f"{ORGS}/accounts/", {"email": f"a{index}@example.com",
                                         "account_name": f"A{index}"})
    admin.post(f"{ORGS}/handshakes/", {"target_id": "222222222222"})
    invited = root_api(other_account)
    for api, path in ((admin, "/accounts/"),
                      (admin, f"/parents/{organization['root_id']}/accounts/"),
                      (admin, f"/parents/{organization['root_id']}/children/?type=ACCOUNT"),
                      (invited, "/handshakes/")):
        with django_assert_max_num_queries(7):
            response = api.get(ORGS + path)
        assert response.status_code == 200 and response.json()["results"]
