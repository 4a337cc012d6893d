"""The console's composite writes: create a user or group with everything, replace tags."""

from __future__ import annotations

import pytest

from accounts.models import GroupMembership, IamGroup
from accounts.services import (
    group_add_user,
    group_create,
    password_policy_update,
    password_problems,
    user_create,
)
from accounts.services.onboarding import (
    group_add_users,
    group_create_with_access,
    password_generate,
)
from accounts.services.tag_sets import tags_replace
from iamconsole.exceptions import (
    InvalidInput,
    LimitExceeded,
)

pytestmark = pytest.mark.django_db


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


def test_group_create_with_access_is_all_or_nothing(account, aws_policy, settings):
    alice = user_create(account=account, name="alice")
    group = group_create_with_access(account=account, name="devs", users=[alice],
                                     policies=[aws_policy("ReadOnlyAccess")])
    assert list(group.users.all()) == [alice]
    settings.IAM_MAX_ATTACHED_POLICIES_GROUP = 1
    with pytest.raises(LimitExceeded):
        group_create_with_access(account=account, name="ops", users=[alice], policies=[
            aws_policy("ReadOnlyAccess"), aws_policy("IAMUserChangePassword")])
    assert not IamGroup.objects.filter(name="ops").exists()
    assert GroupMembership.objects.filter(user=alice).count() == 1


def test_adding_several_members_is_all_or_nothing(account, settings):
    settings.IAM_MAX_GROUPS_PER_USER = 1
    alice = user_create(account=account, name="alice")
    devs = group_create(account=account, name="devs")
    ops = group_create(account=account, name="ops")
    group_add_user(group=ops, user=alice)
    bob = user_create(account=account, name="bob")
    with pytest.raises(LimitExceeded):
        group_add_users(group=devs, users=[bob, alice])
    assert not GroupMembership.objects.filter(group=devs).exists()


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
