"""The users list: columns, search, path prefix, sort, pages, empty state, deleting users."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import IamUser
from accounts.services import access_key_create, group_add_user, group_create, user_create
from accounts.views.users.listing import IamUserListView
from policies.services import inline_policy_put, policy_create
from tests.factories import (
    AccessKeyFactory,
    GroupMembershipFactory,
    IamUserFactory,
    InlinePolicyFactory,
    LoginProfileFactory,
    MfaDeviceFactory,
)
from tests.helpers import is_fragment
from tests.policies.policy_views_support import S3_READ, guarded_client

pytestmark = pytest.mark.django_db
URL = "/users/"


def test_the_list_shows_each_user_with_its_columns(root_client, account):
    alice = user_create(account=account, name="alice", path="/eng/")
    group_add_user(group=group_create(account=account, name="devs"), user=alice)
    LoginProfileFactory(user=alice, password_changed_at=timezone.now() - timedelta(days=12))
    MfaDeviceFactory(account=account, enabled_for=alice)
    AccessKeyFactory(user=alice, created_at=timezone.now() - timedelta(days=30),
                     last_used_at=timezone.now() - timedelta(days=3))
    user_create(account=account, name="bob")
    html = root_client.get(URL).content.decode()
    assert "Users <span class=\"count\">(2)</span>" in html
    row = html[html.index('value="alice"'):html.index('value="bob"')]
    assert "<code>/eng/</code>" in row
    assert ">devs</a>" in row
    assert "3 days ago" in row  # last activity: the key's use
    assert "✔ Virtual" in row
    assert "12 days" in row and "30 days" in row
    bob_row = html[html.index('value="bob"'):]
    assert "No console access" in bob_row and "No active key" in bob_row
    assert "2 of 5000 users allowed" in html


def test_search_answers_the_table_fragment_for_htmx(root_client, account):
    user_create(account=account, name="alice")
    user_create(account=account, name="bob")
    response = root_client.get(URL, {"q": "ALI"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and is_fragment(response)
    html = response.content.decode()
    assert 'value="alice"' in html and 'value="bob"' not in html
    assert "(1)" in html


def test_the_groups_column_names_three_groups_then_counts_the_rest(root_client, account):
    alice = user_create(account=account, name="alice")
    for name in ("ops", "devs", "admins", "qa", "billing"):
        group_add_user(group=group_create(account=account, name=name), user=alice)
    user_create(account=account, name="bob")
    html = root_client.get(URL).content.decode()
    row = html[html.index('value="alice"'):html.index('value="bob"')]
    assert ('<a href="/groups/details/admins/">admins</a>, '
            '<a href="/groups/details/billing/">billing</a>, '
            '<a href="/groups/details/devs/">devs</a> <span class="muted">+2 more</span>') in row
    assert ">ops<" not in row
    assert '<span class="muted">None</span>' in html[html.index('value="bob"'):]


def test_a_filtered_list_still_counts_every_user_against_the_quota(root_client, account):
    for name in ("alice", "bob", "carol"):
        user_create(account=account, name=name)
    html = root_client.get(URL, {"q": "ALI"}).content.decode()
    assert "Users <span class=\"count\">(1)</span>" in html
    assert "3 of 5000 users allowed" in html


def test_path_prefix_filter_and_no_match_message(root_client, account):
    user_create(account=account, name="alice", path="/eng/")
    user_create(account=account, name="bob", path="/ops/")
    html = root_client.get(URL, {"path_prefix": "/eng/"}).content.decode()
    assert 'value="alice"' in html and 'value="bob"' not in html
    html = root_client.get(URL, {"q": "zzz"}).content.decode()
    assert "No users match these filters" in html


def test_sorting_and_pages(root_client, account):
    for n in range(12):
        user_create(account=account, name=f"user{n:02d}")
    page = root_client.get(URL, {"sort": "-name", "per_page": 10}).content.decode()
    assert page.index('value="user11"') < page.index('value="user02"')
    assert 'value="user01"' not in page
    assert "page 1 of 2" in page
    second = root_client.get(URL, {"sort": "-name", "per_page": 10, "page": 2}).content.decode()
    assert 'value="user01"' in second and 'value="user11"' not in second


@pytest.mark.parametrize("column", ["key_age", "password_age"])
def test_an_age_column_ascends_from_the_youngest(root_client, account, column):
    """Sorting "Access key age" or "Password age" up lists 5 days before 400 days."""
    now = timezone.now()
    for name, days in (("old", 400), ("young", 5)):
        user = user_create(account=account, name=name)
        AccessKeyFactory(user=user, created_at=now - timedelta(days=days))
        LoginProfileFactory(user=user, password_changed_at=now - timedelta(days=days))
    up = root_client.get(URL, {"sort": column}).content.decode()
    assert up.index('value="young"') < up.index('value="old"')
    assert 'aria-sort="ascending"' in up
    down = root_client.get(URL, {"sort": f"-{column}"}).content.decode()
    assert down.index('value="old"') < down.index('value="young"')


def order_of(html: str, *names: str) -> list[str]:
    return sorted(names, key=lambda name: html.index(f'value="{name}"'))


def test_last_activity_sorts_by_the_later_of_password_and_key_use(root_client, account):
    """"Last activity" sorts like the column reads: the later of the password's and the keys'
    last use, users never active last whichever way."""
    now = timezone.now()
    by_key = user_create(account=account, name="by-key")
    AccessKeyFactory(user=by_key, last_used_at=now - timedelta(days=2))
    by_password = user_create(account=account, name="by-password")
    by_password.password_last_used_at = now - timedelta(days=30)
    by_password.save()
    both = user_create(account=account, name="both")
    both.password_last_used_at = now - timedelta(days=90)
    both.save()
    AccessKeyFactory(user=both, last_used_at=now - timedelta(days=10))
    user_create(account=account, name="never")
    names = ("by-key", "by-password", "both", "never")
    recent_first = root_client.get(URL, {"sort": "-last_activity"}).content.decode()
    assert order_of(recent_first, *names) == ["by-key", "both", "by-password", "never"]
    oldest_first = root_client.get(URL, {"sort": "last_activity"}).content.decode()
    assert order_of(oldest_first, *names) == ["by-password", "both", "by-key", "never"]
    assert 'aria-sort="ascending"' in oldest_first


def test_mfa_sorts_users_with_a_device_together(root_client, account):
    for name in ("bob", "carol"):
        user_create(account=account, name=name)
    MfaDeviceFactory(account=account, enabled_for=user_create(account=account, name="dave"))
    with_mfa_first = root_client.get(URL, {"sort": "-mfa"}).content.decode()
    assert order_of(with_mfa_first, "bob", "carol", "dave") == ["dave", "bob", "carol"]
    without_first = root_client.get(URL, {"sort": "mfa"}).content.decode()
    assert order_of(without_first, "bob", "carol", "dave") == ["bob", "carol", "dave"]


@pytest.mark.parametrize("column", ["password_age", "key_age"])
def test_users_without_the_credential_come_last_both_ways(root_client, account, column):
    """A user with no console password or no active key sorts after those with one, up or
    down, on SQLite as on PostgreSQL (whose defaults put NULLs at opposite ends)."""
    now = timezone.now()
    for name, days in (("old", 400), ("young", 5)):
        user = user_create(account=account, name=name)
        AccessKeyFactory(user=user, created_at=now - timedelta(days=days))
        LoginProfileFactory(user=user, password_changed_at=now - timedelta(days=days))
    user_create(account=account, name="none")
    for sort in (column, f"-{column}"):
        html = root_client.get(URL, {"sort": sort}).content.decode()
        names = [name for name in ("old", "young", "none") if f'value="{name}"' in html]
        order = sorted(names, key=lambda name: html.index(f'value="{name}"'))
        assert order[-1] == "none", (sort, order)


def test_sorting_by_name_keeps_a_plain_ordering_for_the_index(rf, account):
    """NOT NULL columns are not wrapped in NULLS LAST, which the name index cannot serve."""
    view = IamUserListView()
    for sort, expected in (("name", "name"), ("-name", "-name")):
        view.request = rf.get(URL, {"sort": sort})
        assert view.ordering() == (sort, expected)


def test_an_empty_account_shows_the_empty_state_with_the_create_button(root_client):
    html = root_client.get(URL).content.decode()
    assert "No users" in html and "<table" not in html
    assert 'href="/users/create/"' in html


def test_other_accounts_users_are_never_listed(root_client, other_account):
    user_create(account=other_account, name="stranger")
    assert "stranger" not in root_client.get(URL).content.decode()
    assert root_client.get("/users/details/stranger/").status_code == 404


def _users(account, count):
    for _ in range(count):
        user = IamUserFactory(account=account)
        GroupMembershipFactory(user=user)
        AccessKeyFactory(user=user)
        LoginProfileFactory(user=user)
        MfaDeviceFactory(account=account, enabled_for=user)


@pytest.mark.parametrize("rows", [5, 500])
def test_the_list_runs_a_bounded_number_of_queries(root_client, account, rows,
                                                   django_assert_max_num_queries):
    _users(account, rows)
    with django_assert_max_num_queries(8):
        response = root_client.get(URL, {"per_page": 100})
    assert response.status_code == 200
    assert response.content.decode().count('name="names"') == min(rows, 100)


def test_a_reader_sees_the_list_but_cannot_create(reader_client, account):
    html = reader_client.get(URL).content.decode()
    assert "reader" in html
    assert ('disabled title="User: arn:aws:iam::111111111111:user/reader is not authorized to '
            'perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/*') in html
    response = reader_client.get("/users/create/")
    assert response.status_code == 403
    assert "iam:CreateUser" in response.content.decode()


# -- deleting -----------------------------------------------------------------------------
def test_deleting_a_user_lists_its_blockers_and_needs_the_name(root_client, account):
    alice = user_create(account=account, name="alice")
    access_key_create(user=alice)
    InlinePolicyFactory(user=alice, name="inline-one")
    url = "/users/details/alice/delete/"
    page = root_client.get(url).content.decode()
    assert "Access key: AKIA" in page and "Inline policy: inline-one" in page
    wrong = root_client.post(url, {"confirm": "alicE"})
    assert wrong.status_code == 400 and "Type the user name, alice" in wrong.content.decode()
    assert IamUser.objects.filter(name="alice").exists()
    response = root_client.post(url, {"confirm": "alice"})
    assert response.status_code == 302 and response["Location"] == "/users/"
    assert not IamUser.objects.filter(name="alice").exists()
    assert "User alice deleted." in root_client.get("/users/").content.decode()


def test_deleting_a_user_of_another_account_is_not_found(root_client, other_account):
    user_create(account=other_account, name="stranger")
    assert root_client.post("/users/details/stranger/delete/",
                            {"confirm": "stranger"}).status_code == 404
    assert IamUser.objects.filter(name="stranger").exists()


def test_bulk_delete_confirms_with_the_word_delete(root_client, account, other_account):
    alice = user_create(account=account, name="alice")
    access_key_create(user=alice)
    user_create(account=account, name="bob")
    user_create(account=other_account, name="carol")
    url = "/users/delete/"
    page = root_client.get(url, {"names": ["alice", "bob", "carol"]}).content.decode()
    assert "Delete 2 users?" in page and "Access key: AKIA" in page and "carol" not in page
    refused = root_client.post(url, {"names": ["alice", "bob"], "confirm": "yes"})
    assert refused.status_code == 400
    assert IamUser.objects.filter(account=account).count() == 2
    done = root_client.post(url, {"names": ["alice", "bob", "carol"], "confirm": "delete"})
    assert done.status_code == 302
    assert not IamUser.objects.filter(account=account).exists()
    assert IamUser.objects.filter(name="carol").exists()


def test_bulk_delete_with_nothing_selected_says_so(root_client):
    page = root_client.get("/users/delete/").content.decode()
    assert "Select the users to delete on the list first." in page


def test_deleting_a_user_removes_its_policies_with_its_boundary(account):
    """Removing a user's inline policies carries its boundary as iam:PermissionsBoundary, so
    "never change the holders of AdminBoundary" refuses deleting such a user with them."""
    boundary = policy_create(account=account, name="AdminBoundary", policy_document=S3_READ)
    alice = user_create(account=account, name="alice", permissions_boundary=boundary)
    inline_policy_put(entity=alice, name="inline-one", policy_document=S3_READ)
    client = guarded_client(account, "iam:DeleteUserPolicy",
                            {"ArnEquals": {"iam:PermissionsBoundary": boundary.arn}})
    response = client.post("/users/details/alice/delete/", {"confirm": "alice"})
    assert response.status_code == 403
    assert (f"iam:DeleteUserPolicy on resource: {alice.arn} with an explicit deny"
            in response.content.decode())
    assert IamUser.objects.filter(pk=alice.pk).exists()
