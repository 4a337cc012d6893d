"""The console's create-user flow: a generated console password."""

from __future__ import annotations

import secrets
import string

from ..models import Account, PasswordPolicy
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
