"""The console's composite writes: a generated password, a replaced set of tags."""

from __future__ import annotations

import pytest

from accounts.services import password_policy_update, password_problems, user_create
from accounts.services.onboarding import password_generate
from accounts.services.tag_sets import tags_replace
from iamconsole.exceptions import InvalidInput

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
