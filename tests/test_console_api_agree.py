"""The console and the REST API enforce the same decisions for the same principal."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from accounts.models import IamUser
from accounts.services import access_key_create, user_create
from policies.services import (
    inline_policy_put,
    permissions_boundary_put,
    policy_attach_to_user,
    policy_create,
)
from tests.api.helpers import Api
from tests.documents import document_text
from tests.helpers import sign_in

CREATE_DENIAL = (
    "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: iam:CreateUser on "
    "resource: arn:aws:iam::111111111111:user/bob because no identity-based policy allows the "
    "iam:CreateUser action"
)




def callers(account, user):
    """The same identity through the console (session) and the API (access key)."""
    console = sign_in(Client(), user)
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
    boundary = policy_create(account=account, name="NoDeleteUser", policy_document=document_text(
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
    inline_policy_put(entity=alice, name="NoGroups", policy_document=document_text(
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


def _console_names(console, path: str, params: dict[str, str]) -> set[str]:
    html = console.get(path, params).content.decode()
    return set(re.findall(r'<input type="checkbox" name="names" value="([^"]+)"', html))


def _api_names(api, path: str, params: dict[str, str], key: str = "name") -> set[str]:
    response = api.get(f"{path}?{urlencode({**params, 'limit': 1000})}")
    assert response.status_code == 200, response.content
    return {row[key] for row in response.json()["results"]}


@pytest.mark.parametrize("params", [
    {"q": "AR"}, {"path_prefix": "/eng/"}, {"path_prefix": "eng/"}, {"name_contains": "o"},
    {"q": "a", "path_prefix": "/ops/"},
])
def test_the_same_filters_find_the_same_users_in_both(account, alice, aws_policy, params):
    for name, path in (("carol", "/eng/"), ("bob", "/ops/"), ("oscar", "/ops/"),
                       ("mark", "/eng/team/")):
        user_create(account=account, name=name, path=path)
    policy_attach_to_user(user=alice, policy=aws_policy("IAMReadOnlyAccess"))
    console, api = callers(account, alice)
    in_console = _console_names(console, "/users/", params)
    assert in_console == _api_names(api, "/api/v1/users/", params)
    assert in_console  # every case finds someone, so the comparison means something


@pytest.mark.parametrize("params", [
    {"type": "customer"}, {"type": "customer", "usage": "unused"},
    {"type": "customer", "path_prefix": "/teams/"}, {"scope": "Local", "only_attached": "true"},
])
def test_the_same_filters_find_the_same_policies_in_both(account, alice, aws_policy, params):
    statement = {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}
    used = policy_create(account=account, name="Used", policy_document=document_text(statement),
                         path="/teams/")
    policy_create(account=account, name="Spare", policy_document=document_text(statement))
    policy_attach_to_user(user=alice, policy=used)
    policy_attach_to_user(user=alice, policy=aws_policy("IAMReadOnlyAccess"))
    console, api = callers(account, alice)
    html = console.get("/policies/", {**params, "per_page": 100}).content.decode()
    in_console = set(re.findall(r'name="arn" value="arn:aws:iam::\d+:policy/(?:[^"]*/)?([^"/]+)"',
                                html))
    assert in_console == _api_names(api, "/api/v1/policies/", params, key="policy_name")
    assert in_console
