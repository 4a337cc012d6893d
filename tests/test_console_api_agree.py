"""The console and the REST API enforce the same decisions for the same principal."""

import json

import pytest
from django.test import Client

from accounts.models import IamUser
from accounts.services import access_key_create, login_profile_create, user_create
from policies.services import (
    inline_policy_put,
    permissions_boundary_put,
    policy_attach_to_user,
    policy_create,
)
from tests.api.conftest import Api

PASSWORD = "Same-Rules-Everywhere-1!"
CREATE_DENIAL = (
    "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: iam:CreateUser on "
    "resource: arn:aws:iam::111111111111:user/bob because no identity-based policy allows the "
    "iam:CreateUser action"
)


def doc(*statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


@pytest.fixture
def alice(account):
    user = user_create(account=account, name="alice")
    login_profile_create(user=user, password=PASSWORD)
    return user


def callers(account, user):
    """The same identity through the console (session) and the API (access key)."""
    console = Client()
    response = console.post("/signin/", {"mode": "iam", "account": account.account_id,
                                         "user_name": user.name, "password": PASSWORD})
    assert response.status_code == 302
    key = access_key_create(user=user)
    return console, Api(key.access_key.access_key_id, key.secret_access_key)


def test_read_only_lists_everywhere_and_creates_nowhere(account, alice, aws_policy):
    policy_attach_to_user(user=alice, policy=aws_policy("IAMReadOnlyAccess"))
    console, api = callers(account, alice)
    assert console.get("/users/").status_code == 200
    assert api.get("/api/v1/users/").status_code == 200

    page = console.post("/users/create/", {"name": "bob", "step": "review", "action": "create"})
    assert page.status_code == 403
    api_response = api.post("/api/v1/users/", {"name": "bob"})
    assert api_response.status_code == 403
    assert api_response.json()["code"] == "AccessDenied"
    assert api_response.json()["message"] == CREATE_DENIAL
    assert not IamUser.objects.filter(name="bob").exists()


def test_a_boundary_blocks_deleting_users_in_both(account, alice, aws_policy):
    policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
    boundary = policy_create(account=account, name="NoDeleteUser", policy_document=doc(
        {"Effect": "Allow", "NotAction": "iam:DeleteUser", "Resource": "*"}))
    permissions_boundary_put(entity=alice, policy=boundary)
    user_create(account=account, name="victim")
    console, api = callers(account, alice)
    page = console.post("/users/details/victim/delete/", {"confirm": "victim"})
    assert page.status_code == 403
    assert b"because no permissions boundary allows the iam:DeleteUser action" in page.content
    response = api.delete("/api/v1/users/victim/")
    assert response.status_code == 403
    assert response.json()["message"].endswith(
        "because no permissions boundary allows the iam:DeleteUser action")
    assert IamUser.objects.filter(name="victim").exists()


def test_an_explicit_deny_wins_in_both(account, alice, aws_policy):
    policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
    inline_policy_put(entity=alice, name="NoGroups", policy_document=doc(
        {"Effect": "Deny", "Action": "iam:CreateGroup", "Resource": "*"}))
    console, api = callers(account, alice)
    page = console.post("/groups/create/", {"name": "Ops"})
    assert page.status_code == 403
    assert b"with an explicit deny in an identity-based policy" in page.content
    response = api.post("/api/v1/groups/", {"name": "Ops"})
    assert response.status_code == 403
    assert response.json()["message"].endswith(
        "with an explicit deny in an identity-based policy")
    # Everything else AdministratorAccess allows still works through both.
    assert api.post("/api/v1/users/", {"name": "carol"}).status_code == 201
