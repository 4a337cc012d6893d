"""Account settings: the alias (AWS's rules, unique) and the password policy (AWS's ranges)."""

from __future__ import annotations

import pytest

from accounts.models import Account, PasswordPolicy
from accounts.services import account_alias_set, password_policy_update

pytestmark = pytest.mark.django_db
URL = "/account/settings/"


def test_the_page_shows_the_alias_and_the_default_policy(root_client, account):
    html = root_client.get(URL).content.decode()
    assert "111111111111" in html and 'value="acme"' in html
    assert "AWS default password policy" in html
    assert "http://testserver/signin/?account=acme" in html


def test_change_the_alias(root_client, account):
    response = root_client.post(URL, {"action": "set_alias", "alias": "acme-corp"})
    assert response.status_code == 302
    assert Account.objects.get(pk=account.pk).alias == "acme-corp"


@pytest.mark.parametrize("alias, message", [
    ("AB", "Ensure this value has at least 3 characters"),
    ("Bad_Alias", "lowercase letters, digits and single hyphens"),
    ("a--b", "lowercase letters, digits and single hyphens"),
    ("-abc", "lowercase letters, digits and single hyphens"),
])
def test_an_invalid_alias_is_reported_beside_the_field_keeping_it(root_client, account, alias,
                                                                   message):
    response = root_client.post(URL, {"action": "set_alias", "alias": alias})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and f'value="{alias}"' in html
    assert Account.objects.get(pk=account.pk).alias == "acme"


def test_an_alias_taken_by_another_account_is_refused(root_client, account, other_account):
    response = root_client.post(URL, {"action": "set_alias", "alias": "globex"})
    assert response.status_code == 409  # EntityAlreadyExists, as the REST API answers
    assert "The account alias globex already exists." in response.content.decode()


def test_remove_the_alias(root_client, account):
    root_client.post(URL, {"action": "remove_alias"})
    assert Account.objects.get(pk=account.pk).alias is None
    assert "Create alias" in root_client.get(URL).content.decode()


def test_save_a_password_policy_with_every_field(root_client, account):
    form = root_client.get(URL, {"edit": "policy"}).content.decode()
    assert 'name="minimum_password_length"' in form and 'value="8"' in form
    response = root_client.post(URL, {
        "action": "save_policy", "minimum_password_length": "14",
        "require_uppercase_characters": "on", "require_lowercase_characters": "on",
        "require_numbers": "on", "require_symbols": "on",
        "expire_passwords": "on", "max_password_age": "90", "hard_expiry": "on",
        "allow_users_to_change_password": "on",
        "prevent_reuse": "on", "password_reuse_prevention": "5",
    })
    assert response.status_code == 302
    policy = PasswordPolicy.objects.get(account=account)
    assert policy.minimum_password_length == 14 and policy.require_symbols
    assert policy.max_password_age == 90 and policy.hard_expiry
    assert policy.password_reuse_prevention == 5 and policy.allow_users_to_change_password
    html = root_client.get(URL).content.decode()
    assert "Passwords expire after 90 days" in html and "The last 5 passwords" in html


@pytest.mark.parametrize("field, value, message", [
    ("minimum_password_length", "5", "greater than or equal to 6"),
    ("minimum_password_length", "129", "less than or equal to 128"),
    ("max_password_age", "1096", "less than or equal to 1095"),
    ("password_reuse_prevention", "25", "less than or equal to 24"),
])
def test_out_of_range_values_are_reported_beside_the_field(root_client, account, field, value,
                                                           message):
    data = {"action": "save_policy", "minimum_password_length": "10", "expire_passwords": "on",
            "max_password_age": "30", "prevent_reuse": "on", "password_reuse_prevention": "3"}
    response = root_client.post(URL, {**data, field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and f'value="{value}"' in html
    assert not PasswordPolicy.objects.filter(account=account).exists()


def test_turning_on_expiry_needs_a_number_of_days(root_client, account):
    response = root_client.post(URL, {"action": "save_policy", "minimum_password_length": "8",
                                      "expire_passwords": "on"})
    assert response.status_code == 400
    assert "Enter after how many days" in response.content.decode()


def test_unticked_limits_are_not_saved(root_client, account):
    root_client.post(URL, {"action": "save_policy", "minimum_password_length": "8",
                           "max_password_age": "30", "hard_expiry": "on"})
    policy = PasswordPolicy.objects.get(account=account)
    assert policy.max_password_age is None and not policy.hard_expiry


def test_reset_to_the_default_policy(root_client, account):
    password_policy_update(account=account, minimum_password_length=12)
    root_client.post(URL, {"action": "delete_policy"})
    assert not PasswordPolicy.objects.filter(account=account).exists()


def test_settings_of_another_account_are_untouched(root_client, account, other_account):
    account_alias_set(account=other_account, alias="globex-two")
    root_client.post(URL, {"action": "remove_alias"})
    assert Account.objects.get(pk=other_account.pk).alias == "globex-two"


def test_a_reader_sees_the_settings_with_the_changes_disabled(reader_client, account):
    """The buttons a reader may not use are disabled with AWS's denial as their reason."""
    password_policy_update(account=account, minimum_password_length=12)
    html = reader_client.get(URL).content.decode()
    assert 'name="alias"' not in html and "acme" in html
    assert "is not authorized to perform: iam:CreateAccountAlias" in html
    assert "is not authorized to perform: iam:UpdateAccountPasswordPolicy" in html
    assert 'value="delete_policy"' not in html
    edit = reader_client.get(URL, {"edit": "policy"}).content.decode()
    assert 'name="minimum_password_length"' not in edit
