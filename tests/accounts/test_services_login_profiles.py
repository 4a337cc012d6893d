"""Console passwords and the account password policy."""

import pytest
from django.contrib.auth.hashers import check_password

from accounts.models import IamUser, LoginProfile, PasswordPolicy
from accounts.selectors import password_expires_at, password_policy_get
from accounts.services import (
    login_profile_change_password,
    login_profile_create,
    login_profile_delete,
    login_profile_record_use,
    login_profile_update,
    password_policy_delete,
    password_policy_update,
    password_problems,
)
from iamconsole.exceptions import (
    EntityAlreadyExists,
    InvalidInput,
    NoSuchEntity,
    PasswordPolicyViolation,
)
from tests.factories import IamUserFactory

pytestmark = pytest.mark.django_db
GOOD = "Sup3r-Secret-Pass!"


def test_create_hashes_the_password(account):
    user = IamUserFactory(account=account)
    profile = login_profile_create(user=user, password=GOOD, password_reset_required=True)
    assert profile.password != GOOD and profile.check_password(GOOD)
    assert profile.password_reset_required
    with pytest.raises(EntityAlreadyExists):
        login_profile_create(user=user, password=GOOD)


@pytest.mark.parametrize(
    "password",
    ["short1A!", "alllowercase", "ALLUPPER123", "1234567890", "x" * 129],
)
def test_default_policy_needs_eight_characters_of_three_kinds(account, password):
    if password == "short1A!":
        assert password_problems(account=account, password=password) == []
        return
    with pytest.raises(PasswordPolicyViolation) as exc:
        login_profile_create(user=IamUserFactory(account=account), password=password)
    assert exc.value.field == "password" and exc.value.details


def test_default_policy_refuses_the_account_email(account):
    assert password_problems(account=account, password="root@acme.example")


def test_custom_policy_rules(account):
    password_policy_update(
        account=account, minimum_password_length=12, require_symbols=True,
        require_numbers=True, require_uppercase_characters=True,
        require_lowercase_characters=True,
    )
    assert len(password_problems(account=account, password="abc")) == 4
    assert len(password_problems(account=account, password="ABC")) == 4
    assert password_problems(account=account, password="Abcdefghij1!") == []
    user = IamUserFactory(account=account, name="Abcdefghij1!")
    assert password_problems(account=account, password="Abcdefghij1!", user=user) == [
        "Passwords must not be the user name."
    ]


def test_update_resets_unspecified_fields_like_aws(account):
    password_policy_update(account=account, minimum_password_length=20, hard_expiry=True)
    policy = password_policy_update(account=account, max_password_age=90)
    assert policy.minimum_password_length == 6 and not policy.hard_expiry
    assert policy.max_password_age == 90 and policy.expire_passwords
    assert PasswordPolicy.objects.count() == 1


@pytest.mark.parametrize(
    "field, value",
    [("minimum_password_length", 5), ("minimum_password_length", 129),
     ("max_password_age", 1096), ("password_reuse_prevention", 25), ("bogus", 1)],
)
def test_policy_ranges(account, field, value):
    with pytest.raises(InvalidInput):
        password_policy_update(account=account, **{field: value})


def test_delete_policy_restores_the_default(account):
    with pytest.raises(NoSuchEntity):
        password_policy_delete(account=account)
    password_policy_update(account=account, minimum_password_length=30)
    password_policy_delete(account=account)
    assert password_policy_get(account) is None


def test_reuse_prevention(account):
    password_policy_update(account=account, password_reuse_prevention=2,
                           allow_users_to_change_password=True)
    user = IamUserFactory(account=account)
    login_profile_create(user=user, password="First-Pass-1")
    login_profile_update(user=user, password="Second-Pass-2")
    with pytest.raises(PasswordPolicyViolation):
        login_profile_update(user=user, password="First-Pass-1")
    login_profile_update(user=user, password="Third-Pass-3")
    # Only the last two are remembered for reuse.
    login_profile_update(user=user, password="First-Pass-1")


def test_update_password_and_flag(account):
    user = IamUserFactory(account=account)
    with pytest.raises(NoSuchEntity):
        login_profile_update(user=user, password=GOOD)
    login_profile_create(user=user, password=GOOD)
    profile = login_profile_update(user=user, password="An0ther-Pass!",
                                   password_reset_required=True)
    assert check_password("An0ther-Pass!", profile.password) and profile.password_reset_required


def test_change_own_password(account):
    user = IamUserFactory(account=account)
    login_profile_create(user=user, password=GOOD, password_reset_required=True)
    with pytest.raises(InvalidInput):
        login_profile_change_password(user=user, old_password="wrong", new_password="N3w-Pass-99")
    profile = login_profile_change_password(user=user, old_password=GOOD,
                                            new_password="N3w-Pass-99")
    assert not profile.password_reset_required and profile.check_password("N3w-Pass-99")


def test_expiry_and_last_use(account):
    user = IamUserFactory(account=account)
    profile = login_profile_create(user=user, password=GOOD)
    assert password_expires_at(profile, None) is None
    policy = password_policy_update(account=account, max_password_age=30)
    assert (password_expires_at(profile, policy) - profile.password_changed_at).days == 30
    login_profile_record_use(user=user)
    assert IamUser.objects.get(pk=user.pk).password_last_used_at is not None


def test_delete_login_profile(account):
    user = IamUserFactory(account=account)
    login_profile_create(user=user, password=GOOD)
    login_profile_delete(user=user)
    assert not LoginProfile.objects.exists()
    with pytest.raises(NoSuchEntity):
        login_profile_delete(user=user)
