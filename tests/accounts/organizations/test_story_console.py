"""Issue 17's story in the console: the management account's administrator signs in, switches
to OrganizationAccountAccessRole in an account the organization created and creates a user
there; once an SCP denying iam:CreateUser binds the account's OU the same form is refused
with the SCP named, while the management account's own CreateUser still works; detaching the
SCP restores it."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client

from accounts.models import IamUser
from accounts.services import login_profile_create, user_create
from policies.services import policy_attach_to_user

from .test_operations_tree import DENY_CREATE_USER, run
from .test_story import SCP, admin, story  # noqa: F401  (fixtures)

PASSWORD = "Admin-Password-2026!"
CREATE = {"step": 4, "nav": "create", "path": "/", "permission_option": "policies",
          "policies": ""}


@pytest.fixture
def console_admin(account, aws_policy):
    """The management account's administrator, with a console password."""
    user = user_create(account=account, name="console-admin")
    policy_attach_to_user(user=user, policy=aws_policy("AdministratorAccess"))
    login_profile_create(user=user, password=PASSWORD)
    return user


def signed_in(admin_user) -> Client:
    client = Client()
    response = client.post("/signin/", {"mode": "iam", "account": "111111111111",
                                        "user_name": admin_user.name, "password": PASSWORD})
    assert response.status_code == 302
    return client


def create_user(client: Client, name: str):
    return client.post("/users/create/", {**CREATE, "name": name})


def test_an_scp_on_the_ou_refuses_the_console_create_user_with_the_scp_named(
        console_admin, admin, story):  # noqa: F811
    member_id = story["member_id"]
    member = signed_in(console_admin)
    switched = member.post("/switch-role/", {"account": member_id,
                                             "role_name": "OrganizationAccountAccessRole"})
    assert switched.status_code == 302
    assert create_user(member, "first").status_code == 302
    assert IamUser.objects.filter(account__account_id=member_id, name="first").exists()

    policy = run(admin, "CreatePolicy", name="DenyCreateUser", content=DENY_CREATE_USER,
                 type=SCP)["Policy"]["PolicySummary"]
    run(admin, "AttachPolicy", policy_id=policy["Id"], target_id=story["ou"])
    refused = create_user(member, "second")
    text = unescape(refused.content.decode())
    assert f"arn:aws:sts::{member_id}:assumed-role/OrganizationAccountAccessRole/" in text
    assert "is not authorized to perform: iam:CreateUser" in text
    assert f"with an explicit deny in a service control policy: {policy['Arn']}" in text
    assert not IamUser.objects.filter(account__account_id=member_id, name="second").exists()

    # The management account is exempt from SCPs: its own console still creates users.
    management = signed_in(console_admin)
    assert create_user(management, "at-home").status_code == 302
    assert IamUser.objects.filter(account__account_id="111111111111", name="at-home").exists()

    run(admin, "DetachPolicy", policy_id=policy["Id"], target_id=story["ou"])
    assert create_user(member, "second").status_code == 302
    assert IamUser.objects.filter(account__account_id=member_id, name="second").exists()
