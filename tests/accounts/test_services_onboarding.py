"""The console's composite writes: create a user with everything, replace tags."""

from __future__ import annotations

import pytest

from accounts.models import IamUser, LoginProfile
from accounts.services import (
    group_add_user,
    group_create,
    password_policy_update,
    password_problems,
    user_create,
)
from accounts.services.onboarding import password_generate, user_create_with_access
from accounts.services.tag_sets import tags_replace
from iamconsole.exceptions import (
    InvalidInput,
    NoSuchEntity,
    PasswordPolicyViolation,
)
from policies.models import PolicyAttachment
from policies.services import permissions_boundary_put, policy_attach

pytestmark = pytest.mark.django_db


def test_user_create_with_access_writes_everything(account, aws_policy):
    devs = group_create(account=account, name="devs")
    user = user_create_with_access(
        account=account, name="alice", path="/eng/", password="Sup3r-Secret-Pass!",
        password_reset_required=True, groups=[devs], policies=[aws_policy("ReadOnlyAccess")],
        permissions_boundary=aws_policy("PowerUserAccess"), tags={"team": "red"},
    )
    assert user.arn == "arn:aws:iam::111111111111:user/eng/alice"
    assert LoginProfile.objects.get(user=user).password_reset_required
    assert list(user.groups.all()) == [devs]
    assert PolicyAttachment.objects.get(user=user).policy.name == "ReadOnlyAccess"
    assert user.permissions_boundary.name == "PowerUserAccess" and user.tags == {"team": "red"}


def test_a_bad_password_creates_nothing(account):
    with pytest.raises(PasswordPolicyViolation):
        user_create_with_access(account=account, name="alice", password="short")
    assert not IamUser.objects.filter(name="alice").exists()


def test_a_group_of_another_account_creates_nothing(account, other_account):
    theirs = group_create(account=other_account, name="theirs")
    with pytest.raises(InvalidInput):
        user_create_with_access(account=account, name="alice", groups=[theirs])
    assert not IamUser.objects.filter(name="alice").exists()


def test_copy_from_adds_groups_managed_policies_and_boundary(account, aws_policy):
    model = user_create(account=account, name="model")
    devs = group_create(account=account, name="devs")
    group_add_user(group=devs, user=model)
    policy_attach(policy=aws_policy("ReadOnlyAccess"), entity=model)
    permissions_boundary_put(entity=model, policy=aws_policy("PowerUserAccess"))
    user = user_create_with_access(account=account, name="copy", copy_from=model,
                                   groups=[devs])
    assert list(user.groups.all()) == [devs]  # not added twice
    assert PolicyAttachment.objects.filter(user=user).count() == 1
    assert user.permissions_boundary.name == "PowerUserAccess"


def test_copy_from_another_account_is_refused(account, other_account):
    stranger = user_create(account=other_account, name="stranger")
    with pytest.raises(NoSuchEntity):
        user_create_with_access(account=account, name="alice", copy_from=stranger)


@pytest.mark.parametrize("policy", [
    {},
    {"minimum_password_length": 40, "require_symbols": True, "require_numbers": True,
     "require_uppercase_characters": True, "require_lowercase_characters": True},
])
def test_generated_passwords_satisfy_the_policy(account, policy):
    if policy:
        password_policy_update(account=account, **policy)
    passwords = {password_generate(account=account) for _ in range(20)}
    assert len(passwords) == 20
    for password in passwords:
        assert len(password) >= max(20, policy.get("minimum_password_length", 0))
        assert password_problems(account=account, password=password) == []


def test_tags_replace_untags_removed_keys_and_sets_the_rest(account):
    user = user_create(account=account, name="alice", tags={"team": "red", "old": "x"})
    tags_replace(resource=user, tags={"team": "blue", "env": "prod"})
    user.refresh_from_db()
    assert user.tags == {"team": "blue", "env": "prod"}
    tags_replace(resource=user, tags={})
    user.refresh_from_db()
    assert user.tags == {}


def test_tags_replace_checks_the_whole_set_first(account):
    user = user_create(account=account, name="alice", tags={"team": "red"})
    with pytest.raises(InvalidInput):
        tags_replace(resource=user, tags={"env": "prod", "aws:bad": "x"})
    user.refresh_from_db()
    assert user.tags == {"team": "red"}
