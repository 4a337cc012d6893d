"""Services for IAM groups and their memberships."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.identifiers import GROUP_ID_PREFIX
from iamconsole.services import (
    blockers_of,
    check_quota,
    clean,
    lock,
    save_new,
)
from iamconsole.validators import validate_name, validate_path

from ..models import Account, GroupMembership, IamGroup, IamUser
from .named import Naming, named_create, named_delete, named_rename

GROUPS = Naming(IamGroup, "group", "group", GROUP_ID_PREFIX,
                "Group with name {name} already exists.", "IAM_QUOTA_GROUPS", "GroupsPerAccount")


@transaction.atomic
def group_create(
    *,
    account: Account,
    name: str,
    path: str = "/",
    unique_id: str | None = None,
    created_at: datetime | None = None,
) -> IamGroup:
    """Create a group (CreateGroup) with an `AGPA` ID; names are unique ignoring case.

    `unique_id` and `created_at` let imports keep AWS's values.
    """
    validate_name(name, "group")
    validate_path(path)
    return named_create(GROUPS, account=account, name=name, path=path, unique_id=unique_id,
                        created_at=created_at)


@transaction.atomic
def group_update(
    *, group: IamGroup, new_name: str | None = None, new_path: str | None = None
) -> IamGroup:
    """Rename or move a group (UpdateGroup): the ARN changes, the unique ID stays."""
    group = lock(group)
    name = group.name if new_name is None else validate_name(new_name, "group", field="new_name")
    path = group.path if new_path is None else validate_path(new_path, field="new_path")
    return named_rename(GROUPS, group, name=name, path=path)


def group_dependents(group: IamGroup) -> list[dict[str, str]]:
    """What blocks DeleteGroup: members, inline policies and attached policies."""
    return [
        *blockers_of("member", group.memberships, "user__name"),
        *blockers_of("inline policy", group.inline_policies, "name"),
        *blockers_of("attached policy", group.policy_attachments, "policy__arn"),
    ]


@transaction.atomic
def group_delete(*, group: IamGroup) -> None:
    """Delete a group (DeleteGroup); refuses with DeleteConflict while it has dependents."""
    named_delete(GROUPS, group, group_dependents)


@transaction.atomic
def group_add_user(*, group: IamGroup, user: IamUser) -> GroupMembership:
    """Add a user to a group (AddUserToGroup); adding a member again changes nothing.

    The user's row is locked while counting, so racing requests cannot pass
    IAM_MAX_GROUPS_PER_USER.
    """
    if group.account_id != user.account_id:
        raise InvalidInput("The user and the group belong to different accounts.")
    user = lock(user)
    existing = GroupMembership.objects.filter(group=group, user=user).first()
    if existing is not None:
        return existing
    check_quota(
        setting="IAM_MAX_GROUPS_PER_USER",
        count=GroupMembership.objects.filter(user=user).count(),
        quota_name="GroupsPerUser",
    )
    membership = GroupMembership(group=group, user=user)
    clean(membership)
    save_new(membership, conflict=f"User {user.name} is already in group {group.name}.")
    invalidate_principal_policies(user.account_id)
    return membership


@transaction.atomic
def group_remove_user(*, group: IamGroup, user: IamUser) -> None:
    """Remove a user from a group (RemoveUserFromGroup)."""
    deleted, _ = GroupMembership.objects.filter(group=group, user=user).delete()
    if not deleted:
        raise NoSuchEntity(f"User {user.name} not in group {group.name}")
    invalidate_principal_policies(user.account_id)
