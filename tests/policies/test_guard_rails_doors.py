"""Guard rails through the doors: the REST API's CRUD and check, a block's 409 with our own
code, a warning's header, validation errors, and an organization's SCP refused by a member
account's rail."""

from __future__ import annotations

import json

import pytest

from accounts.models import OrganizationPolicyAttachment
from iamconsole.exceptions import GuardRailViolation
from iamconsole.operations import OPERATIONS
from iamconsole.operations.caller import root_caller
from policies.models import GuardRail, PolicyAttachment
from policies.services import policy_attach
from tests.api.helpers import basic, user_with_key

from .guard_rails_support import arn, build, last_event_pk, latest_events, rail

pytestmark = pytest.mark.django_db
URL = "/api/v1/guard-rails/"


@pytest.fixture
def world(account):
    return build(account)


@pytest.fixture
def api(client, account, world):
    _, created = user_with_key(account, "operator", "AdministratorAccess")
    auth = basic(created.access_key.access_key_id, created.secret_access_key)

    def call(method: str, path: str, body=None):
        kwargs = {"HTTP_AUTHORIZATION": auth}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(path, **kwargs)
    return call


def test_rest_crud_and_check(api, account):
    body = {"name": "alice-reads", "subject": arn(account, "user/alice"),
            "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv",
            "expected": "allowed", "mode": "block"}
    created = api("post", URL, body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["last_status"], data["mode"], data["created_by"]) == (
        "holds", "block", arn(account, "user/operator"))
    rail_id = data["id"]
    assert api("get", f"{URL}{rail_id}/").json()["name"] == "alice-reads"
    assert [r["name"] for r in api("get", URL).json()["results"]] == ["alice-reads"]
    changed = api("patch", f"{URL}{rail_id}/", {"mode": "warn", "expected": "denied"})
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["mode"], changed.json()["last_status"]) == ("warn", "broken")
    assert changed.json()["resource"] == "arn:aws:s3:::reports/q1.csv"  # left as it was
    checked = api("post", f"{URL}check/")
    assert checked.status_code == 200
    assert (checked.json()["checked"], checked.json()["holds"]) == (1, 0)
    assert api("delete", f"{URL}{rail_id}/").status_code == 204
    assert api("get", f"{URL}{rail_id}/").status_code == 404


@pytest.mark.parametrize("change, field", [
    ({"name": ""}, "name"),
    ({"subject": "arn:aws:s3:::bucket"}, "subject"),
    ({"action": "s3:*"}, "action"),
    ({"resource": "bucket"}, "resource"),
    ({"resource": "arn:aws:s3"}, "resource"),
    ({"subject": "policies/create/"}, "subject"),
    ({"context": {"nokey": ["x"]}}, "context"),
    ({"context": {"aws:SourceIp": []}}, "context.aws:SourceIp"),
    ({"expected": "maybe"}, "expected"),
])
def test_rest_validation_names_the_field(api, account, change, field):
    body = {"name": "r", "subject": arn(account, "user/alice"), "action": "s3:GetObject",
            "expected": "allowed", **change}
    response = api("post", URL, body)
    assert response.status_code == 400, response.json()
    assert response.json()["field"] == field
    assert not GuardRail.objects.exists()


def test_rest_unknown_subject_and_duplicates(api, account):
    body = {"name": "r", "subject": arn(account, "user/nobody"), "action": "s3:GetObject",
            "expected": "allowed"}
    assert api("post", URL, body).json()["code"] == "NoSuchEntity"
    body["subject"] = arn(account, "user/alice")
    assert api("post", URL, body).status_code == 201
    duplicate = api("post", URL, {**body, "name": "R"})
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "EntityAlreadyExists")


def test_rest_block_answers_409_guard_rail_violation(api, account, world):
    rail(account, "no-create-user", "user/alice", "iam:CreateUser", "denied")
    since = last_event_pk()
    response = api("post", "/api/v1/users/alice/attached-policies/",
                   {"policy_arn": world["all"].arn})
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "GuardRailViolation"
    assert response.json()["details"][0]["name"] == "no-create-user"
    assert not PolicyAttachment.objects.filter(user=world["alice"]).exists()
    assert [(e.event_name, e.error_code) for e in latest_events(since)] == [
        ("AttachUserPolicy", "GuardRailViolation")]


def test_rest_warn_answers_with_a_header(api, account, world):
    rail(account, "no-create-user", "user/alice", "iam:CreateUser", "denied", mode="warn")
    response = api("post", "/api/v1/users/alice/attached-policies/",
                   {"policy_arn": world["all"].arn})
    assert response.status_code < 300, response.content
    assert response["X-Guard-Rail-Warnings"] == "no-create-user"


def test_an_scp_is_refused_by_a_member_accounts_rail(account, other_account):
    member = build(other_account)
    policy_attach(policy=member["all"], entity=member["alice"])
    mgmt = root_caller(account)

    def org(operation, **inputs):
        return OPERATIONS[f"organizations:{operation}"](caller=mgmt, **inputs).run()

    org("CreateOrganization")
    handshake = org("InviteAccountToOrganization",
                    target={"Id": other_account.account_id, "Type": "ACCOUNT"})["Handshake"]
    OPERATIONS["organizations:AcceptHandshake"](
        caller=root_caller(other_account), handshake_id=handshake["Id"]).run()
    root_id = org("ListRoots")["Roots"][0]["Id"]
    org("EnablePolicyType", root_id=root_id, policy_type="SERVICE_CONTROL_POLICY")
    rail(other_account, "alice-creates-users", "user/alice", "iam:CreateUser", "allowed")
    deny = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})
    scp = org("CreatePolicy", name="NoUsers", content=deny, description="",
              type="SERVICE_CONTROL_POLICY")["Policy"]["PolicySummary"]
    with pytest.raises(GuardRailViolation):
        org("AttachPolicy", policy_id=scp["Id"], target_id=other_account.account_id)
    assert not OrganizationPolicyAttachment.objects.filter(
        policy__policy_id=scp["Id"]).exists()


def test_an_account_has_at_most_so_many_rails(api, account, monkeypatch):
    monkeypatch.setattr("policies.services.guard_rails.MAX_GUARD_RAILS", 1)
    body = {"name": "one", "subject": arn(account, "user/alice"), "action": "s3:GetObject",
            "expected": "allowed"}
    assert api("post", URL, body).status_code == 201
    refused = api("post", URL, {**body, "name": "two"})
    assert (refused.status_code, refused.json()["code"]) == (409, "LimitExceeded")
