"""The console's create flows as single writes: a user or a group with everything chosen for it."""

from __future__ import annotations

import secrets
import string
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from iamconsole.exceptions import NoSuchEntity
from policies.models import ManagedPolicy
from policies.services import policy_attach

from ..models import Account, IamGroup, IamUser, PasswordPolicy
from .groups import group_add_user, group_create
from .login_profiles import login_profile_create
from .password_policy import SYMBOLS, password_problems
from .users import user_create

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


def copied_permissions(source: IamUser) -> dict[str, Any]:
    """What "Copy permissions" takes from a user: its groups, managed policies and boundary.

    Inline policies are not copied, as in AWS's console.
    """
    return {
        "groups": list(IamGroup.objects.filter(memberships__user=source).order_by("name")),
        "policies": list(
            ManagedPolicy.objects.filter(attachments__user=source).order_by("name")
        ),
        # Read again: the caller's instance may predate a boundary change.
        "permissions_boundary": IamUser.objects.select_related("permissions_boundary")
        .get(pk=source.pk).permissions_boundary,
    }


@transaction.atomic
def user_create_with_access(
    *,
    account: Account,
    name: str,
    path: str = "/",
    password: str | None = None,
    password_reset_required: bool = False,
    groups: Sequence[IamGroup] = (),
    policies: Sequence[Any] = (),
    permissions_boundary: Any | None = None,
    tags: Mapping[str, str] | None = None,
    copy_from: IamUser | None = None,
) -> IamUser:
    """Create a user with its console password, groups, managed policies, boundary and tags.

    One transaction: if any part fails (password policy, quotas, a group of another account),
    nothing is created. `copy_from` adds that user's groups and managed policies, and its
    boundary unless one is given.
    """
    groups, policies = list(groups), list(policies)
    if copy_from is not None:
        if copy_from.account_id != account.pk:
            raise NoSuchEntity(f"The user with name {copy_from.name} cannot be found.",
                               field="copy_from")
        copied = copied_permissions(copy_from)
        groups += [g for g in copied["groups"] if g not in groups]
        policies += [p for p in copied["policies"] if p not in policies]
        permissions_boundary = permissions_boundary or copied["permissions_boundary"]
    user = user_create(
        account=account, name=name, path=path, tags=tags,
        permissions_boundary=permissions_boundary,
    )
    if password is not None:
        login_profile_create(
            user=user, password=password, password_reset_required=password_reset_required
        )
    for group in groups:
        group_add_user(group=group, user=user)
    for policy in policies:
        policy_attach(policy=policy, entity=user)
    return user


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


@transaction.atomic
def user_add_to_groups(*, user: IamUser, groups: Sequence[IamGroup]) -> None:
    """Add a user to several groups; past the groups-per-user limit it joins none of them."""
    for group in groups:
        group_add_user(group=group, user=user)
