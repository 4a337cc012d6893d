"""The console's composite writes: a generated password, a replaced set of tags."""

from __future__ import annotations

import pytest

from accounts.services import password_policy_update, password_problems
from accounts.services.onboarding import password_generate

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


