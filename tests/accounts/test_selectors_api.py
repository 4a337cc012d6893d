"""Selectors added for the REST API: the caller's account, MFA devices by name, login profiles."""

import pytest

from accounts.selectors import login_profile_get, mfa_device_get_by_name, principal_account
from accounts.services import login_profile_create, mfa_device_create_virtual, user_create
from accounts.signin import root_principal
from iamconsole.exceptions import NoSuchEntity
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def test_principal_account_is_found_by_primary_key_even_if_an_alias_looks_like_its_id(account):
    # Another account whose alias is this account's 12-digit ID must not be returned.
    AccountFactory(alias=account.account_id)
    assert principal_account(root_principal(account)) == account


def test_mfa_devices_are_found_by_name_ignoring_case_within_the_account(account, other_account):
    device = mfa_device_create_virtual(account=account, name="Phone").device
    assert mfa_device_get_by_name(account=account, name="phone") == device
    with pytest.raises(NoSuchEntity):
        mfa_device_get_by_name(account=other_account, name="phone")


def test_login_profile_get(account):
    user = user_create(account=account, name="alice")
    with pytest.raises(NoSuchEntity) as missing:
        login_profile_get(user)
    assert missing.value.message == "Login Profile for User alice cannot be found."
    profile = login_profile_create(user=user, password="Example-Passw0rd!")
    assert login_profile_get(user) == profile
