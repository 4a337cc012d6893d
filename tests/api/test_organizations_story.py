"""Issue 17's story through the REST API alone: the management account's administrator
creates an organization and an account; an SCP denying iam:CreateUser attached to the
account's OU refuses CreateUser (`POST /api/v1/users/`) to the administrator working in the
member account, naming the SCP, while the management account's own CreateUser works;
detaching the SCP restores it."""

from __future__ import annotations

import pytest

from .helpers import error
from .organizations_support import DENY_CREATE_USER, ORGS, SCP, admin_caller, assumed_api

pytestmark = pytest.mark.django_db


def test_an_scp_on_the_ou_refuses_create_user_in_the_member_account(admin, account):
    assert admin.post(f"{ORGS}/organization/", {}).status_code == 201
    root_id = admin.get(f"{ORGS}/roots/").json()["results"][0]["id"]
    assert admin.post(f"{ORGS}/roots/{root_id}/policy-types/{SCP}/").status_code == 200
    ou = admin.post(f"{ORGS}/organizational-units/",
                    {"parent_id": root_id, "name": "Workloads"}).json()["id"]
    status = admin.post(f"{ORGS}/accounts/", {"email": "dev@example.com",
                                              "account_name": "Development"}).json()
    assert status["state"] == "SUCCEEDED"
    member_id = status["account_id"]
    assert admin.post(f"{ORGS}/accounts/{member_id}/move/", {
        "source_parent_id": root_id, "destination_parent_id": ou}).status_code == 204

    member_admin = assumed_api(admin_caller(account), member_id)
    assert member_admin.post("/api/v1/users/", {"name": "first"}).status_code == 201

    policy = admin.post(f"{ORGS}/policies/", {"name": "DenyCreateUser", "type": SCP,
                                              "content": DENY_CREATE_USER}).json()
    attachment = f"{ORGS}/policies/{policy['id']}/targets/{ou}/"
    assert admin.post(attachment).status_code == 204

    refused = member_admin.post("/api/v1/users/", {"name": "second"})
    assert error(refused) == (403, "AccessDenied")
    message = refused.json()["message"]
    assert "iam:CreateUser" in message
    assert message.endswith(
        f"with an explicit deny in a service control policy: {policy['arn']}")
    assert f"arn:aws:sts::{member_id}:assumed-role/OrganizationAccountAccessRole/" in message
    # The management account is exempt from SCPs.
    assert admin.post("/api/v1/users/", {"name": "still-works"}).status_code == 201

    assert admin.delete(attachment).status_code == 204
    assert member_admin.post("/api/v1/users/", {"name": "second"}).status_code == 201
