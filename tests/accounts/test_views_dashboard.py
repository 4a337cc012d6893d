"""The dashboard: account, usage against quotas and security recommendations with links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import IamUser
from accounts.services import group_create, login_profile_create, user_create
from policies.services import policy_create
from tests.factories import AccessKeyFactory, MfaDeviceFactory
from tests.helpers import console_user, sign_in
from tests.policies.policy_views_support import S3_READ_TEXT

pytestmark = pytest.mark.django_db


def test_the_account_and_counts_against_quotas(root_client, account):
    user_create(account=account, name="alice")
    group_create(account=account, name="devs")
    html = root_client.get("/").content.decode()
    assert "111111111111" in html and "acme" in html
    assert 'aria-label="1 of 5000 (0%)"' in html and 'aria-label="1 of 300 (0%)"' in html
    assert 'href="/users/">Users</a>' in html and 'href="/groups/">User groups</a>' in html


def test_the_customer_managed_policies_tile_opens_the_policies_it_counts(root_client, account,
                                                                        aws_policy):
    """Like AWS's: the list filtered to customer managed, not every AWS managed policy too."""
    aws_policy("ReadOnlyAccess")
    policy_create(account=account, name="Reports", policy_document=S3_READ_TEXT)
    html = root_client.get("/").content.decode()
    assert 'href="/policies/?type=customer">Customer managed policies</a>' in html
    assert 'aria-label="1 of 1500 (0%)"' in html
    listed = root_client.get("/policies/?type=customer")
    assert [policy.name for policy in listed.context["rows"]] == ["Reports"]


def test_a_fresh_account_is_warned_about_root_mfa_only(root_client):
    html = root_client.get("/").content.decode()
    assert "Add MFA for the root user" in html
    assert "The root user has no access keys" in html
    assert "Every user with a console password has MFA" in html
    assert "No active access key is older than 90 days" in html


def test_recommendations_name_what_to_fix_and_link_to_it(root_client, account):
    MfaDeviceFactory(account=account, is_root=True, enabled_at=timezone.now())
    AccessKeyFactory(user=None, account=account)
    alice = user_create(account=account, name="alice")
    login_profile_create(user=alice, password="Sup3r-Secret-Pass!")
    bob = user_create(account=account, name="bob")
    login_profile_create(user=bob, password="Sup3r-Secret-Pass!")
    MfaDeviceFactory(account=account, enabled_for=bob)
    old = AccessKeyFactory(user=bob, account=account,
                           created_at=timezone.now() - timedelta(days=120))
    AccessKeyFactory(user=alice, account=account,
                     created_at=timezone.now() - timedelta(days=200),
                     last_used_at=timezone.now() - timedelta(days=100))
    AccessKeyFactory(user=alice, account=account)  # new: not flagged
    html = root_client.get("/").content.decode()
    assert "The root user has MFA" in html
    assert "Delete the root user's access keys (1)" in html
    assert "1 user with a console password and no MFA" in html
    assert 'href="/users/details/alice/?tab=security_credentials">alice</a>' in html
    assert "Rotate or remove 2 access keys older than 90 days" in html
    assert f"{old.access_key_id}</code>, older than 90 days, never used" in html
    assert "older than 90 days, not used in 90 days" in html


def test_another_accounts_problems_are_not_reported(root_client, other_account):
    alice = user_create(account=other_account, name="alice")
    login_profile_create(user=alice, password="Sup3r-Secret-Pass!")
    html = root_client.get("/").content.decode()
    assert "Every user with a console password has MFA" in html


def test_a_user_without_read_access_sees_the_page_without_the_panels(client, account):
    user = console_user(account, "nobody")
    sign_in(client, IamUser.objects.get(pk=user.pk))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "not allowed to read the account summary" in html
    assert ("User: arn:aws:iam::111111111111:user/nobody is not authorized to perform: "
            "iam:GetAccountSummary on resource: *") in html
    assert "Add MFA for the root user" not in html


def test_create_user_is_disabled_with_the_denial_for_a_reader(root_client, client, account):
    """As on the users list: the button says why instead of leading to the denial page."""
    assert 'class="btn btn-primary" href="/users/create/">Create user</a>' in (
        root_client.get("/").content.decode())
    user = console_user(account, "nobody")
    sign_in(client, IamUser.objects.get(pk=user.pk))
    html = client.get("/").content.decode()
    assert 'href="/users/create/"' not in html
    assert ('disabled title="User: arn:aws:iam::111111111111:user/nobody is not authorized to '
            'perform: iam:CreateUser') in html


@pytest.mark.parametrize("rows", [5, 200])
def test_the_dashboard_runs_a_bounded_number_of_queries(root_client, account, rows,
                                                        django_assert_max_num_queries):
    for n in range(rows):
        user = user_create(account=account, name=f"user{n}")
        AccessKeyFactory(user=user, account=account,
                         created_at=timezone.now() - timedelta(days=100))
    # +1: the root caller's generation (SCPs bind a member's root user); +1: the guard rails
    # card's counts
    with django_assert_max_num_queries(26):
        assert root_client.get("/").status_code == 200
