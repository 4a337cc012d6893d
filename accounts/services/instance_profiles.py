"""Services for instance profiles, which hold at most one role."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction

from iamconsole.exceptions import InvalidInput, LimitExceeded, NoSuchEntity
from iamconsole.identifiers import INSTANCE_PROFILE_ID_PREFIX
from iamconsole.services import (
    lock,
)
from iamconsole.validators import validate_name, validate_path, validate_tags

from ..models import Account, InstanceProfile, Role
from .named import Naming, named_create, named_delete

PROFILES = Naming(InstanceProfile, "instance profile", "instance-profile",
                  INSTANCE_PROFILE_ID_PREFIX, "Instance Profile {name} already exists.",
                  "IAM_QUOTA_INSTANCE_PROFILES", "InstanceProfilesPerAccount")


@transaction.atomic
def instance_profile_create(
    *,
    account: Account,
    name: str,
    path: str = "/",
    tags: Mapping[str, str] | None = None,
    role: Role | None = None,
    unique_id: str | None = None,
    created_at: datetime | None = None,
) -> InstanceProfile:
    """Create an instance profile (CreateInstanceProfile, `AIPA` ID), optionally with its role.

    `unique_id` and `created_at` let imports keep AWS's values.
    """
    validate_name(name, "instance profile")
    validate_path(path)
    tag_set = validate_tags(tags)
    profile = named_create(PROFILES, account=account, name=name, path=path, tags=tag_set,
                           unique_id=unique_id, created_at=created_at)
    if role is not None:
        profile = instance_profile_add_role(instance_profile=profile, role=role)
    return profile


@transaction.atomic
def instance_profile_add_role(*, instance_profile: InstanceProfile, role: Role) -> InstanceProfile:
    """Put a role in an instance profile (AddRoleToInstanceProfile); one role at most."""
    if role.account_id != instance_profile.account_id:
        raise InvalidInput("The role and the instance profile belong to different accounts.")
    profile = lock(instance_profile)
    if profile.role_id is not None:
        raise LimitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
    profile.role = role
    profile.save(update_fields=["role", "updated_at"])
    return profile


@transaction.atomic
def instance_profile_remove_role(
    *, instance_profile: InstanceProfile, role: Role
) -> InstanceProfile:
    """Take the role out of an instance profile (RemoveRoleFromInstanceProfile)."""
    profile = lock(instance_profile)
    if profile.role_id != role.pk:
        raise NoSuchEntity(
            f"Role {role.name} is not in instance profile {profile.name}.", field="role"
        )
    profile.role = None
    profile.save(update_fields=["role", "updated_at"])
    return profile


def instance_profile_dependents(instance_profile: InstanceProfile) -> list[dict[str, str]]:
    """What blocks DeleteInstanceProfile: the role it holds, if any."""
    role = instance_profile.role
    return [] if role is None else [{"type": "role", "name": role.name}]


@transaction.atomic
def instance_profile_delete(*, instance_profile: InstanceProfile) -> None:
    """Delete an instance profile (DeleteInstanceProfile); its role must be removed first."""
    named_delete(PROFILES, instance_profile, instance_profile_dependents)