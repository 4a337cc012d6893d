"""Services for IAM users: create, rename or move, delete."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import EntityAlreadyExists, InvalidInput
from iamconsole.identifiers import USER_ID_PREFIX, iam_arn
from iamconsole.services import (
    blockers_of,
    check_quota,
    clean,
    delete_conflict,
    lock,
    lock_account,
    save_new,
    unique_id_for,
)
from iamconsole.validators import validate_name, validate_path, validate_tags
from policies.models import ManagedPolicy

from ..models import Account, IamUser


def _name_taken(account: Account | int, name: str, *, exclude_pk: int | None = None) -> bool:
    qs = IamUser.objects.filter(account=account, name__iexact=name)
    return qs.exclude(pk=exclude_pk).exists() if exclude_pk else qs.exists()


def check_boundary_policy(account_pk: int, policy: object) -> None:
    """A permissions boundary is a managed policy of the same account or an AWS-managed one."""
    if not isinstance(policy, ManagedPolicy) or policy.account_id not in (None, account_pk):
        raise InvalidInput(
            "A permissions boundary must be a managed policy of this account or AWS-managed.",
            field="permissions_boundary",
        )


@transaction.atomic
def user_create(
    *,
    account: Account,
    name: str,
    path: str = "/",
    tags: Mapping[str, str] | None = None,
    permissions_boundary: object | None = None,
    unique_id: str | None = None,
    created_at: datetime | None = None,
) -> IamUser:
    """Create an IAM user (CreateUser) with an `AIDA` ID; names are unique ignoring case.

    `unique_id` and `created_at` let imports keep AWS's values.
    """
    validate_name(name, "user")
    validate_path(path)
    tag_set = validate_tags(tags)
    if permissions_boundary is not None:
        check_boundary_policy(account.pk, permissions_boundary)
    account = lock_account(account)
    check_quota(
        setting="IAM_QUOTA_USERS", count=account.users.count(), quota_name="UsersPerAccount"
    )
    if _name_taken(account, name):
        raise EntityAlreadyExists(f"User with name {name} already exists.", field="name")
    user = IamUser(
        account=account,
        name=name,
        path=path,
        tags=tag_set,
        unique_id=unique_id_for(IamUser, USER_ID_PREFIX, unique_id),
        created_at=created_at or timezone.now(),
        arn=iam_arn(account.account_id, "user", path, name),
        permissions_boundary=permissions_boundary,
    )
    clean(user)
    save_new(user, conflict=f"User with name {name} already exists.")
    if permissions_boundary is not None:
        invalidate_principal_policies(account.pk)
    return user


@transaction.atomic
def user_update(
    *, user: IamUser, new_name: str | None = None, new_path: str | None = None
) -> IamUser:
    """Rename or move a user (UpdateUser): the ARN changes, the unique ID stays."""
    user = lock(user)
    name = user.name if new_name is None else validate_name(new_name, "user", field="new_name")
    path = user.path if new_path is None else validate_path(new_path, field="new_path")
    if name.lower() != user.name.lower() and _name_taken(user.account_id, name, exclude_pk=user.pk):
        raise EntityAlreadyExists(f"User with name {name} already exists.", field="new_name")
    user.name, user.path = name, path
    user.arn = iam_arn(user.account.account_id, "user", path, name)
    clean(user)
    save_new(user, conflict=f"User with name {name} already exists.", field="new_name")
    invalidate_principal_policies(user.account_id)
    return user


def user_dependents(user: IamUser) -> list[dict[str, str]]:
    """What blocks DeleteUser, in AWS's order: password, keys, MFA, policies, groups."""
    blockers: list[dict[str, str]] = []
    if hasattr(user, "login_profile"):
        blockers.append({"type": "login profile", "name": user.name})
    return [
        *blockers,
        *blockers_of("access key", user.access_keys, "access_key_id"),
        *blockers_of("MFA device", user.mfa_devices, "serial_number"),
        *blockers_of("inline policy", user.inline_policies, "name"),
        *blockers_of("attached policy", user.policy_attachments, "policy__arn"),
        *blockers_of("group membership", user.memberships, "group__name"),
    ]


@transaction.atomic
def user_delete(*, user: IamUser) -> None:
    """Delete a user (DeleteUser); refuses with DeleteConflict listing what still depends on it."""
    user = lock(user)
    blockers = user_dependents(user)
    if blockers:
        raise delete_conflict("user", user.name, blockers)
    account_pk = user.account_id
    user.delete()
    invalidate_principal_policies(account_pk)
