"""Creating a role as the console's wizard does: trust, policies, boundary, instance profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from policies.services.attachments import policy_attach

from ..models import Account, InstanceProfile, Role
from .instance_profiles import instance_profile_create
from .roles import role_create


@dataclass(frozen=True)
class CreatedRole:
    """The new role and, for EC2, the instance profile created with it."""

    role: Role
    instance_profile: InstanceProfile | None


@transaction.atomic
def role_create_with_permissions(
    *,
    account: Account,
    name: str,
    trust_policy: str | Mapping[str, Any],
    path: str = "/",
    description: str = "",
    max_session_duration: int = 3600,
    tags: Mapping[str, str] | None = None,
    policies: Sequence[Any] = (),
    permissions_boundary: Any | None = None,
    create_instance_profile: bool = False,
) -> CreatedRole:
    """CreateRole, then AttachRolePolicy for each managed policy, in one transaction.

    With `create_instance_profile` (a role trusted by EC2, as the AWS console does) an
    instance profile with the role's name and path is created holding the role. Any failure
    (a policy over the per-role limit, a taken instance profile name) leaves nothing behind.
    """
    role = role_create(
        account=account,
        name=name,
        trust_policy=trust_policy,
        path=path,
        description=description,
        max_session_duration=max_session_duration,
        tags=tags,
        permissions_boundary=permissions_boundary,
    )
    for policy in policies:
        policy_attach(policy=policy, entity=role)
    profile = None
    if create_instance_profile:
        profile = instance_profile_create(account=account, name=name, path=path, role=role)
    return CreatedRole(role=role, instance_profile=profile)
