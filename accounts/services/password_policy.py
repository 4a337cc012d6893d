"""The account password policy and the check of console passwords against it."""

from __future__ import annotations

import string
from collections.abc import Iterable

from django.contrib.auth.hashers import check_password
from django.db import transaction

from iamconsole.exceptions import InvalidInput, NoSuchEntity, PasswordPolicyViolation
from iamconsole.services import clean, lock

from ..models import Account, IamUser, PasswordPolicy

# The characters AWS counts as symbols in passwords.
SYMBOLS = set("!@#$%^&*()_+-=[]{}|'")
PASSWORD_MAX = 128
_FIELDS = {
    "minimum_password_length",
    "require_symbols",
    "require_numbers",
    "require_uppercase_characters",
    "require_lowercase_characters",
    "allow_users_to_change_password",
    "max_password_age",
    "password_reuse_prevention",
    "hard_expiry",
}


@transaction.atomic
def password_policy_update(*, account: Account, **fields: object) -> PasswordPolicy:
    """Set the account password policy (UpdateAccountPasswordPolicy).

    As in AWS, fields not given return to their defaults rather than keeping earlier values.
    """
    unknown = set(fields) - _FIELDS
    if unknown:
        raise InvalidInput(f"Unknown password policy setting: {sorted(unknown)[0]}.")
    lock(account)
    policy = PasswordPolicy.objects.filter(account=account).first() or PasswordPolicy(
        account=account
    )
    defaults = PasswordPolicy(account=account)
    for name in _FIELDS:
        setattr(policy, name, fields.get(name, getattr(defaults, name)))
    clean(policy)
    policy.save()
    return policy


@transaction.atomic
def password_policy_delete(*, account: Account) -> None:
    """Remove the custom password policy (DeleteAccountPasswordPolicy): AWS's default applies."""
    deleted, _ = PasswordPolicy.objects.filter(account=account).delete()
    if not deleted:
        raise NoSuchEntity("The account policy with name PasswordPolicy cannot be found.")


def _classes(password: str) -> dict[str, bool]:
    return {
        "uppercase": any(c in string.ascii_uppercase for c in password),
        "lowercase": any(c in string.ascii_lowercase for c in password),
        "numbers": any(c in string.digits for c in password),
        "symbols": any(c in SYMBOLS for c in password),
    }


def password_problems(
    *,
    account: Account,
    password: str,
    user: IamUser | None = None,
    previous_hashes: Iterable[str] = (),
) -> list[str]:
    """Every rule of the account's password policy (or AWS's default) the password breaks."""
    policy = PasswordPolicy.objects.filter(account=account).first()
    problems: list[str] = []
    if len(password) > PASSWORD_MAX:
        problems.append(f"Passwords have at most {PASSWORD_MAX} characters.")
    classes = _classes(password)
    if policy is None:
        # AWS's default policy: 8 characters, three of the four character types, not the
        # account's name or email address.
        if len(password) < 8:
            problems.append("Passwords must be at least 8 characters long.")
        if sum(classes.values()) < 3:
            problems.append(
                "Passwords must mix at least three of: uppercase letters, lowercase letters, "
                "numbers and symbols."
            )
        forbidden = {account.account_id, account.root_email.lower(), (account.alias or "")}
        if password.lower() in forbidden - {""}:
            problems.append("Passwords must not be the account's name, alias or email address.")
    else:
        if len(password) < policy.minimum_password_length:
            problems.append(
                f"Passwords must be at least {policy.minimum_password_length} characters long."
            )
        for flag, kind, label in (
            ("require_uppercase_characters", "uppercase", "an uppercase letter"),
            ("require_lowercase_characters", "lowercase", "a lowercase letter"),
            ("require_numbers", "numbers", "a number"),
            ("require_symbols", "symbols", "a symbol (!@#$%^&*()_+-=[]{}|')"),
        ):
            if getattr(policy, flag) and not classes[kind]:
                problems.append(f"Passwords must contain {label}.")
        if policy.password_reuse_prevention:
            recent = list(previous_hashes)[: policy.password_reuse_prevention]
            if any(check_password(password, old) for old in recent):
                problems.append(
                    f"Passwords cannot reuse any of the last "
                    f"{policy.password_reuse_prevention} passwords."
                )
    if user is not None and password.lower() == user.name.lower():
        problems.append("Passwords must not be the user name.")
    return problems


def password_validate(
    *,
    account: Account,
    password: str,
    user: IamUser | None = None,
    previous_hashes: Iterable[str] = (),
) -> None:
    """Raise PasswordPolicyViolation listing every broken rule, or return quietly."""
    problems = password_problems(
        account=account, password=password, user=user, previous_hashes=previous_hashes
    )
    if problems:
        raise PasswordPolicyViolation(
            "Password does not conform to the account password policy: " + " ".join(problems),
            field="password",
            details=problems,
        )
