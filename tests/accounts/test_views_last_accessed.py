"""The "Last accessed" tab of users, groups, roles and managed policies: each granted service,
the policies granting it, its last access from the trail, the tracked services' actions."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import IamUser
from accounts.services import group_add_user, group_create, role_create, user_create
from policies.services import inline_policy_put, policy_attach, policy_create
from tests.documents import EC2_TRUST
from tests.helpers import console_user, is_fragment, sign_in

pytestmark = pytest.mark.django_db
USE = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:ListUsers", "iam:GetUser", "s3:ListAllMyBuckets"],
     "Resource": "*"}]}


@pytest.fixture
def used(account):
    """dev (in group team, which holds policy dev-use) opened the users list; idle, also in
    the team, did nothing. Returns the policy."""
    policy = policy_create(account=account, name="dev-use", policy_document=USE)
    team = group_create(account=account, name="team")
    policy_attach(policy=policy, entity=team)
    dev = console_user(account, "dev")
    idle = user_create(account=account, name="idle")
    for user in (dev, idle):
        group_add_user(group=team, user=user)
    assert sign_in(Client(), dev).get("/users/").status_code == 200
    return policy


def _tab(client, url: str):
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and is_fragment(response)
    return response, response.content.decode()


def test_a_users_tab_shows_use_and_the_policies_granting(root_client, used):
    response, html = _tab(root_client, "/users/details/dev/?tab=last_accessed")
    services = {s["ServiceNamespace"]: s for s in response.context["last_accessed"]}
    assert set(services) == {"iam", "s3"}
    assert services["iam"]["LastAuthenticated"] is not None
    assert "LastAuthenticated" not in services["s3"]
    assert [p["PolicyName"] for p in services["s3"]["Policies"]] == ["dev-use"]
    assert "Not accessed in the tracking period" in html
    assert '<a href="/policies/details/arn:aws:iam::111111111111:policy/dev-use">dev-use</a>' \
        in html
    actions = {a["ActionName"]: a for a in services["iam"]["TrackedActionsLastAccessed"]}
    assert "LastAccessedTime" in actions["ListUsers"]
    assert "LastAccessedTime" not in actions["GetUser"]
    assert "<code>ListUsers</code>" in html


def test_a_groups_tab_names_the_member_who_used_it(root_client, used):
    response, html = _tab(root_client, "/groups/details/team/?tab=last_accessed")
    iam = next(s for s in response.context["last_accessed"] if s["ServiceNamespace"] == "iam")
    assert iam["LastAuthenticatedEntity"] == "arn:aws:iam::111111111111:user/dev"
    assert iam["TotalAuthenticatedEntities"] == 1
    assert "by the group's members" in html
    assert '<span title="arn:aws:iam::111111111111:user/dev">user dev</span>' in html


def test_a_policys_tab_covers_its_holders(root_client, used):
    response, html = _tab(root_client,
                          f"/policies/details/{used.arn}?tab=last_accessed")
    services = {s["ServiceNamespace"]: s for s in response.context["last_accessed"]}
    assert services["iam"]["LastAuthenticatedEntity"] == "arn:aws:iam::111111111111:user/dev"
    assert "Policies granting permissions" not in html


def test_a_roles_last_used_tab_lists_its_services(root_client, account):
    role = role_create(account=account, name="web", trust_policy=EC2_TRUST)
    inline_policy_put(entity=role, name="use", policy_document=USE)
    response, html = _tab(root_client, "/roles/details/web/?tab=last_used")
    assert {s["ServiceNamespace"] for s in response.context["last_accessed"]} == {"iam", "s3"}
    assert "Not accessed in the tracking period" in html


def test_a_reader_without_access_advisor_sees_the_denial(client, account, used):
    reader = console_user(account, "looker")
    inline_policy_put(entity=reader, name="get", policy_document={
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]})
    sign_in(client, reader)
    _, html = _tab(client, "/users/details/dev/?tab=last_accessed")
    assert "is not authorized to perform: iam:GenerateServiceLastAccessedDetails" in html


@pytest.mark.parametrize("members", [2, 30])
def test_the_tabs_run_a_bounded_number_of_queries(root_client, account, used, members, aws_policy,
                                                   django_assert_max_num_queries):
    # Every service granted: the policies granting them take three calls of 200 namespaces.
    policy_attach(policy=aws_policy("AdministratorAccess"), entity=IamUser.objects.get(name="dev"))
    team = group_create(account=account, name="crowd")
    policy_attach(policy=used, entity=team)
    for n in range(members):
        group_add_user(group=team, user=user_create(account=account, name=f"member{n}"))
    for url in ("/users/details/dev/?tab=last_accessed",
                "/groups/details/crowd/?tab=last_accessed",
                f"/policies/details/{used.arn}?tab=last_accessed"):
        with django_assert_max_num_queries(18):
            assert root_client.get(url, HTTP_HX_REQUEST="true").status_code == 200
