"""Account services: creation, alias and root password."""

import pytest
from django.contrib.auth.hashers import check_password

from accounts.services import (
    account_alias_delete,
    account_alias_set,
    account_create,
    account_root_password_set,
)
from iamconsole.exceptions import EntityAlreadyExists, InvalidInput

pytestmark = pytest.mark.django_db


def test_alias_rules_and_uniqueness(account, other_account):
    assert account_alias_set(account=account, alias="new-name").alias == "new-name"
    with pytest.raises(EntityAlreadyExists):
        account_alias_set(account=other_account, alias="new-name")
    for bad in ("ab", "Upper", "double--hyphen", "-start", "end-", "a" * 64):
        with pytest.raises(InvalidInput):
            account_alias_set(account=account, alias=bad)
    unaliased = account_alias_delete(account=account)
    assert unaliased.alias is None and unaliased.display_name == "111111111111"


def test_account_ids_are_twelve_digits_and_unique(account):
    with pytest.raises(EntityAlreadyExists):
        account_create(account_id="111111111111", root_email="x@y.example",
                       root_password="Another-Password-42")
    with pytest.raises(InvalidInput):
        account_create(account_id="12345", root_email="x@y.example",
                       root_password="Another-Password-42")


def test_root_password_change(account):
    account_root_password_set(account=account, password="Brand-New-Root-77")
    account.refresh_from_db()
    assert check_password("Brand-New-Root-77", account.root_password)
    with pytest.raises(InvalidInput):
        account_root_password_set(account=account, password="123")
