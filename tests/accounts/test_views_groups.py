"""User groups: list, create, members, permissions, deleting; isolation and bounded queries."""

from __future__ import annotations

import json

import pytest

from accounts.models import GroupMembership, IamGroup
from accounts.services import group_add_user, group_create, user_create
from policies.models import InlinePolicy, PolicyAttachment
from policies.services import policy_attach
from tests.factories import (
    GroupMembershipFactory,
    IamGroupFactory,
    IamUserFactory,
    InlinePolicyFactory,
    PolicyAttachmentFactory,
)
from tests.helpers import is_fragment

pytestmark = pytest.mark.django_db
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
GOOD = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}, indent=2)


def test_the_list_shows_counts_and_searches_by_htmx(root_client, account, aws_policy):
    devs = group_create(account=account, name="devs", path="/eng/")
    group_add_user(group=devs, user=user_create(account=account, name="alice"))
    policy_attach(policy=aws_policy("ReadOnlyAccess"), entity=devs)
    group_create(account=account, name="ops")
    html = root_client.get("/groups/").content.decode()
    assert "User groups <span class=\"count\">(2)</span>" in html
    row = html[html.index('value="devs"'):html.index('value="ops"')]
    assert "<code>/eng/</code>" in row and "<td>1</td>" in row and "1 managed" in row
    response = root_client.get("/groups/", {"q": "op"}, HTTP_HX_REQUEST="true")
    assert is_fragment(response)
    assert 'value="ops"' in response.content.decode()
    assert 'value="devs"' not in response.content.decode()


def test_an_empty_list_offers_to_create_a_group(root_client):
    html = root_client.get("/groups/").content.decode()
    assert "No user groups" in html and 'href="/groups/create/"' in html


def test_other_accounts_groups_are_invisible(root_client, other_account):
    group_create(account=other_account, name="theirs")
    assert "theirs" not in root_client.get("/groups/").content.decode()
    assert root_client.get("/groups/details/theirs/").status_code == 404


def test_create_a_group_with_users_and_policies(root_client, account):
    user_create(account=account, name="alice")
    page = root_client.get("/groups/create/").content.decode()
    assert 'name="users" value="alice"' in page
    response = root_client.post("/groups/create/", {"name": "devs", "path": "/",
                                                    "users": ["alice"], "policies": [READ_ONLY]})
    assert response.status_code == 302
    assert response["Location"] == "/groups/details/devs/?tab=users"
    group = IamGroup.objects.get(account=account, name="devs")
    assert list(group.users.values_list("name", flat=True)) == ["alice"]
    assert PolicyAttachment.objects.filter(group=group, policy__arn=READ_ONLY).exists()


def test_create_errors_keep_the_name_and_the_selection(root_client, account):
    group_create(account=account, name="Devs")
    response = root_client.post("/groups/create/", {"name": "devs", "path": "/",
                                                    "policies": [READ_ONLY]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Group with name devs already exists." in html and 'value="devs"' in html
    assert f'name="policies" value="{READ_ONLY}"' in html and "checked" in html
    bad = root_client.post("/groups/create/", {"name": "a b", "path": "x"}).content.decode()
    assert "may contain only letters" in bad and "A path is / or starts and ends with /" in bad


def test_a_failing_attachment_creates_no_group(root_client, settings):
    settings.IAM_MAX_ATTACHED_POLICIES_GROUP = 1
    response = root_client.post("/groups/create/", {
        "name": "devs", "path": "/",
        "policies": [READ_ONLY, "arn:aws:iam::aws:policy/IAMUserChangePassword"]})
    assert response.status_code == 409  # the LimitExceeded shown beside the form
    assert "Cannot exceed quota for PoliciesPerGroup: 1" in response.content.decode()
    assert not IamGroup.objects.filter(name="devs").exists()


def test_detail_lists_members_and_tabs_are_fragments(root_client, account):
    devs = group_create(account=account, name="devs")
    group_add_user(group=devs, user=user_create(account=account, name="alice"))
    html = root_client.get("/groups/details/devs/").content.decode()
    assert f'data-copy="{devs.arn}"' in html and devs.unique_id in html
    assert 'href="/users/details/alice/"' in html
    response = root_client.get("/groups/details/devs/", {"tab": "permissions"},
                               HTTP_HX_REQUEST="true")
    assert is_fragment(response) and "Permissions policies" in response.content.decode()


def test_add_and_remove_members(root_client, account, other_account):
    group_create(account=account, name="devs")
    user_create(account=account, name="alice")
    user_create(account=other_account, name="stranger")
    page = root_client.get("/groups/details/devs/users/add/").content.decode()
    assert 'name="users" value="alice"' in page and "stranger" not in page
    assert root_client.post("/groups/details/devs/users/add/", {}).status_code == 400
    response = root_client.post("/groups/details/devs/users/add/",
                                {"users": ["alice", "stranger"]})
    assert response.status_code == 302
    assert list(GroupMembership.objects.values_list("user__name", flat=True)) == ["alice"]
    root_client.post("/groups/details/devs/users/remove/", {"user": "alice"})
    assert not GroupMembership.objects.exists()


def test_group_permissions_attach_inline_and_detach(root_client, account):
    group = group_create(account=account, name="devs")
    base = "/groups/details/devs/"
    root_client.post(base + "policies/attach/", {"policies": [READ_ONLY]})
    assert PolicyAttachment.objects.filter(group=group).count() == 1
    bad = root_client.post(base + "inline-policies/create/",
                           {"policy_name": "ec2", "policy_document": GOOD.replace("ec2:", "")})
    assert bad.status_code == 400 and "The policy was not saved" in bad.content.decode()
    root_client.post(base + "inline-policies/create/",
                     {"policy_name": "ec2", "policy_document": GOOD})
    assert InlinePolicy.objects.get(group=group).document_text == GOOD
    html = root_client.get(base, {"tab": "permissions"}).content.decode()
    assert "ReadOnlyAccess" in html and "ec2" in html and "Directly" in html
    root_client.post(base + "policies/detach/", {"policy_arn": READ_ONLY})
    root_client.post(base + "inline-policies/ec2/delete/")
    assert not PolicyAttachment.objects.filter(group=group).exists()
    assert not InlinePolicy.objects.filter(group=group).exists()


def test_delete_a_group_with_its_members_and_policies(root_client, account):
    devs = group_create(account=account, name="devs")
    group_add_user(group=devs, user=user_create(account=account, name="alice"))
    InlinePolicyFactory(user=None, group=devs, name="inline-x")
    page = root_client.get("/groups/details/devs/delete/").content.decode()
    assert "Member: alice" in page and "Inline policy: inline-x" in page
    assert root_client.post("/groups/details/devs/delete/", {"confirm": "dev"}).status_code == 400
    assert root_client.post("/groups/details/devs/delete/",
                            {"confirm": "devs"}).status_code == 302
    assert not IamGroup.objects.filter(name="devs").exists()
    assert account.users.filter(name="alice").exists()  # the member stays


def test_bulk_delete_groups(root_client, account, other_account):
    group_create(account=account, name="a")
    group_create(account=account, name="b")
    group_create(account=other_account, name="c")
    page = root_client.get("/groups/delete/", {"names": ["a", "b", "c"]}).content.decode()
    assert "Delete 2 groups?" in page
    root_client.post("/groups/delete/", {"names": ["a", "b", "c"], "confirm": "DELETE"})
    assert not IamGroup.objects.filter(account=account).exists()
    assert IamGroup.objects.filter(name="c").exists()


@pytest.mark.parametrize("rows", [5, 500])
def test_the_group_list_runs_a_bounded_number_of_queries(root_client, account, rows,
                                                         django_assert_max_num_queries):
    for _ in range(rows):
        group = IamGroupFactory(account=account)
        GroupMembershipFactory(group=group, user=IamUserFactory(account=account))
        PolicyAttachmentFactory(user=None, group=group, account=account)
    with django_assert_max_num_queries(8):
        response = root_client.get("/groups/", {"per_page": 100})
    assert response.content.decode().count('name="names"') == min(rows, 100)


@pytest.mark.parametrize("rows", [5, 500])
@pytest.mark.parametrize("tab", ["users", "permissions"])
def test_the_group_page_runs_a_bounded_number_of_queries(root_client, account, rows, tab,
                                                         django_assert_max_num_queries):
    group = group_create(account=account, name="devs")
    for _ in range(rows):
        GroupMembershipFactory(group=group, user=IamUserFactory(account=account))
        PolicyAttachmentFactory(user=None, group=group, account=account)
        InlinePolicyFactory(user=None, group=group)
    with django_assert_max_num_queries(12):
        response = root_client.get("/groups/details/devs/", {"tab": tab})
    assert response.status_code == 200
