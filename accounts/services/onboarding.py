"""The console's create flows: generated passwords, and a group with everything chosen for it."""

from __future__ import annotations

import secrets
import string
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from policies.services import policy_attach

from ..models import Account, IamGroup, IamUser, PasswordPolicy
from .groups import group_add_user, group_create
from .password_policy import SYMBOLS, password_problems

GENERATED_LENGTH = 20
_SYMBOLS = "".join(sorted(SYMBOLS))
_ALPHABET = string.ascii_letters + string.digits + _SYMBOLS


def password_generate(*, account: Account) -> str:
    """A random console password satisfying the account's password policy (or AWS's default).

    At least 20 characters (longer if the policy asks), with every character class, so that
    any combination of the policy's Require* flags holds.
    """
    policy = PasswordPolicy.objects.filter(account=account).first()
    length = max(GENERATED_LENGTH, policy.minimum_password_length if policy else 0)
    while True:
        chars = [
            secrets.choice(string.ascii_uppercase),
            secrets.choice(string.ascii_lowercase),
            secrets.choice(string.digits),
            secrets.choice(_SYMBOLS),
        ] + [secrets.choice(_ALPHABET) for _ in range(length - 4)]
        secrets.SystemRandom().shuffle(chars)
        password = "".join(chars)
        # A random password practically never equals a name or the alias; check anyway.
        if not password_problems(account=account, password=password):
            return password


@transaction.atomic
def group_create_with_access(
    *,
    account: Account,
    name: str,
    path: str = "/",
    users: Sequence[IamUser] = (),
    policies: Sequence[Any] = (),
) -> IamGroup:
    """Create a group, add users to it and attach managed policies, all or nothing."""
    group = group_create(account=account, name=name, path=path)
    group_add_users(group=group, users=users)
    for policy in policies:
        policy_attach(policy=policy, entity=group)
    return group


@transaction.atomic
def group_add_users(*, group: IamGroup, users: Sequence[IamUser]) -> None:
    """Add several users to a group; one user at its groups-per-user limit adds none."""
    for user in users:
        group_add_user(group=group, user=user)
