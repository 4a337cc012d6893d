"""The console's selectors: user table columns, overview, and the dashboard's checks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.console_selectors import (
    group_member_table,
    security_recommendations,
    user_overview,
    user_table,
)
from accounts.services import group_add_user, group_create, user_create
from tests.factories import AccessKeyFactory, LoginProfileFactory, MfaDeviceFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def test_user_table_annotates_the_credential_columns(account):
    alice = user_create(account=account, name="alice")
    LoginProfileFactory(user=alice, password_changed_at=NOW - timedelta(days=5))
    MfaDeviceFactory(account=account, enabled_for=alice)
    AccessKeyFactory(user=alice, account=account, created_at=NOW - timedelta(days=40),
                     last_used_at=NOW - timedelta(days=2))
    AccessKeyFactory(user=alice, account=account, created_at=NOW - timedelta(days=90),
                     status="Inactive", last_used_at=NOW - timedelta(days=1))
    user_create(account=account, name="bob")
    alice_row, bob_row = user_table(account=account).order_by("name")
    assert alice_row.password_changed_at == NOW - timedelta(days=5)
    assert alice_row.oldest_active_key_at == NOW - timedelta(days=40)  # inactive keys aside
    assert alice_row.key_last_used_at == NOW - timedelta(days=1)  # any key's use counts
    assert alice_row.mfa_enabled and not bob_row.mfa_enabled
    assert bob_row.password_changed_at is None and bob_row.oldest_active_key_at is None


def test_user_overview_last_activity_is_the_latest_use(account):
    alice = user_create(account=account, name="alice")
    alice.password_last_used_at = NOW - timedelta(days=3)
    alice.save()
    AccessKeyFactory(user=alice, account=account, last_used_at=NOW - timedelta(days=1))
    overview = user_overview(alice)
    assert overview.last_activity == NOW - timedelta(days=1)
    assert not overview.mfa_enabled and overview.login_profile is None


def test_group_member_table(account):
    devs = group_create(account=account, name="devs")
    alice = user_create(account=account, name="alice")
    group_add_user(group=devs, user=alice)
    LoginProfileFactory(user=alice)
    (member,) = group_member_table(devs)
    assert member.has_login_profile and not member.mfa_enabled


def test_security_recommendations(account):
    assert security_recommendations(account, now=NOW) == {
        "root_mfa_enabled": False, "root_access_keys": [], "users_without_mfa": [],
        "users_without_mfa_count": 0, "stale_keys": [], "stale_key_count": 0,
    }
    alice = user_create(account=account, name="alice")
    LoginProfileFactory(user=alice)
    key = AccessKeyFactory(user=alice, account=account, created_at=NOW - timedelta(days=91))
    AccessKeyFactory(user=alice, account=account, created_at=NOW - timedelta(days=95),
                     status="Inactive")
    found = security_recommendations(account, now=NOW)
    assert found["users_without_mfa"] == [alice]
    assert [(f.key, f.reasons) for f in found["stale_keys"]] == [
        (key, ("older than 90 days", "never used"))]
    MfaDeviceFactory(account=account, enabled_for=alice)
    assert security_recommendations(account, now=NOW)["users_without_mfa_count"] == 0
