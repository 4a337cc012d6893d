"""A user's page: summary, tabs (page or htmx fragment), groups, bounded queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import GroupMembership
from accounts.services import group_add_user, group_create, login_profile_create, user_create
from policies.services import inline_policy_put, permissions_boundary_put, policy_attach
from tests.factories import (
    AccessKeyFactory,
    GroupMembershipFactory,
    IamGroupFactory,
    IamUserFactory,
    InlinePolicyFactory,
    PolicyAttachmentFactory,
)
from tests.helpers import TRAIL_QUERIES, console_user, is_fragment, sign_in

pytestmark = pytest.mark.django_db
URL = "/users/details/alice/"


@pytest.fixture
def alice(account):
    return user_create(account=account, name="alice", path="/eng/")


def test_summary_shows_arn_id_creation_path_and_access(root_client, alice):
    login_profile_create(user=alice, password="Sup3r-Secret-Pass!", password_reset_required=True)
    html = root_client.get(URL).content.decode()
    assert f'data-copy="{alice.arn}"' in html
    assert alice.unique_id in html and "<code>/eng/</code>" in html
    assert "✔ Enabled" in html and "Must reset password" in html
    assert "Not enabled" in html  # MFA
    assert 'aria-selected="true">Permissions' in html


def test_permissions_tab_lists_direct_inline_group_and_boundary_policies(
        root_client, account, alice, aws_policy):
    policy_attach(policy=aws_policy("IAMUserChangePassword"), entity=alice)
    InlinePolicyFactory(user=alice, name="own-inline")
    devs = group_create(account=account, name="devs")
    group_add_user(group=devs, user=alice)
    policy_attach(policy=aws_policy("ReadOnlyAccess"), entity=devs)
    InlinePolicyFactory(user=None, group=devs, name="group-inline")
    permissions_boundary_put(entity=alice, policy=aws_policy("PowerUserAccess"))
    html = root_client.get(URL, {"tab": "permissions"}).content.decode()
    assert "IAMUserChangePassword" in html and "own-inline" in html
    assert "Customer inline" in html
    assert html.count('href="/groups/details/devs/?tab=permissions"') == 2
    assert "ReadOnlyAccess" in html and "group-inline" in html
    assert "Permissions boundary <span class=\"muted\">(set)</span>" in html
    assert "PowerUserAccess" in html
    assert "&quot;Version&quot;: &quot;2012-10-17&quot;" in html  # the JSON, expandable in place


@pytest.mark.parametrize("tab, expected", [
    ("groups", "User groups membership"),
    ("tags", "Manage tags"),
    ("security_credentials", "Access keys"),
    ("permissions", "Permissions policies"),
])
def test_each_tab_is_an_htmx_fragment(root_client, alice, tab, expected):
    response = root_client.get(URL, {"tab": tab}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and is_fragment(response)
    html = response.content.decode()
    assert expected in html
    assert 'aria-selected="true">' in html and "Summary" not in html


def test_an_unknown_tab_falls_back_to_permissions(root_client, alice):
    html = root_client.get(URL, {"tab": "nope"}).content.decode()
    assert "Permissions policies" in html


def test_a_missing_user_is_not_found(root_client):
    response = root_client.get("/users/details/nobody/")
    assert response.status_code == 404 and "NoSuchEntity" in response.content.decode()


def _load(account, user, rows):
    for _ in range(rows):
        group = IamGroupFactory(account=account)
        GroupMembershipFactory(user=user, group=group)
        PolicyAttachmentFactory(user=None, group=group, account=account)
        InlinePolicyFactory(user=None, group=group)
        PolicyAttachmentFactory(user=user, account=account)
        InlinePolicyFactory(user=user)
        IamUserFactory(account=account)
    user.tags = {f"key{n}": "value" for n in range(min(rows, 50))}
    user.save()
    AccessKeyFactory(user=user)
    AccessKeyFactory(user=user)


@pytest.mark.parametrize("rows", [5, 500])
@pytest.mark.parametrize("tab", ["permissions", "groups", "tags", "security_credentials"])
def test_each_tab_runs_a_bounded_number_of_queries(root_client, account, alice, rows, tab,
                                                   django_assert_max_num_queries):
    _load(account, alice, rows)
    # 14: the root caller's generation (SCPs)
    with django_assert_max_num_queries(14 + TRAIL_QUERIES):
        response = root_client.get(URL, {"tab": tab})
    assert response.status_code == 200


# -- groups tab ---------------------------------------------------------------------------
def test_add_user_to_groups_with_the_picker(root_client, account, alice, other_account):
    group_create(account=account, name="devs")
    group_create(account=account, name="ops")
    group_create(account=other_account, name="theirs")
    page = root_client.get(URL + "groups/add/").content.decode()
    assert 'name="groups" value="devs"' in page and 'name="groups" value="ops"' in page
    assert "theirs" not in page
    response = root_client.post(URL + "groups/add/", {"groups": ["devs", "theirs"]})
    assert response.status_code == 302 and response["Location"] == URL + "?tab=groups"
    assert list(alice.groups.values_list("name", flat=True)) == ["devs"]
    again = root_client.get(URL + "groups/add/").content.decode()
    assert 'name="groups" value="devs"' not in again  # already a member


def test_adding_to_no_group_keeps_the_page_with_an_error(root_client, alice):
    response = root_client.post(URL + "groups/add/", {})
    assert response.status_code == 400
    assert "Select at least one group." in response.content.decode()


def test_the_groups_quota_error_is_shown_and_nothing_is_added(root_client, account, alice,
                                                              settings):
    settings.IAM_MAX_GROUPS_PER_USER = 1
    group_create(account=account, name="devs")
    group_create(account=account, name="ops")
    response = root_client.post(URL + "groups/add/", {"groups": ["devs", "ops"]})
    assert response.status_code == 409  # LimitExceeded, as the API answers
    html = response.content.decode()
    assert "Cannot exceed quota for GroupsPerUser: 1" in html
    assert 'checked' in html  # the selection is kept
    assert not GroupMembership.objects.filter(user=alice).exists()


def test_remove_user_from_a_group(root_client, account, alice):
    devs = group_create(account=account, name="devs")
    group_add_user(group=devs, user=alice)
    response = root_client.post(URL + "groups/remove/", {"group": "devs"})
    assert response.status_code == 302
    assert not alice.groups.exists()




def test_managed_policies_link_to_their_policy_page(root_client, alice, aws_policy):
    policy_attach(policy=aws_policy("ReadOnlyAccess"), entity=alice)
    html = root_client.get(URL).content.decode()
    url = reverse("policies:policy_detail", kwargs={"arn": aws_policy("ReadOnlyAccess").arn})
    assert f'href="{url}"' in html


def test_a_denied_tab_shows_the_denial_and_keeps_the_address(client, account, alice):
    """htmx: the denial goes to the messages, and the tab's URL is not pushed to the address."""
    reader = console_user(account, "reader")
    inline_policy_put(entity=reader, name="get-only", policy_document={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["iam:GetUser", "iam:ListAttachedUserPolicies",
                                                     "iam:ListUserPolicies",
                                                     "iam:ListGroupsForUser"],
                       "Resource": "*"}],
    })
    sign_in(client, reader)
    response = client.get(URL, {"tab": "security_credentials"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#messages"
    assert response["HX-Push-Url"] == "false"
    assert "iam:ListAccessKeys" in response.content.decode()
