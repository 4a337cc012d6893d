"""Permissions boundaries of users and roles."""

from __future__ import annotations

from django.db import transaction

from accounts.models import IamUser, Role
from accounts.services.users import check_boundary_policy
from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import InvalidInput
from iamconsole.services import lock

from ..models import ManagedPolicy


def _check_entity(entity: object) -> None:
    if not isinstance(entity, (IamUser, Role)):
        raise InvalidInput("Only users and roles have a permissions boundary.")


@transaction.atomic
def permissions_boundary_put(*, entity: IamUser | Role, policy: ManagedPolicy) -> IamUser | Role:
    """Set a user's or role's boundary (PutUserPermissionsBoundary/PutRolePermissionsBoundary).

    The policy counts as used: it cannot be deleted while it is someone's boundary.
    """
    _check_entity(entity)
    check_boundary_policy(entity.account_id, policy)
    entity = lock(entity)
    if policy.account_id is not None:
        lock(policy)  # serializes with policy_delete
    entity.permissions_boundary = policy
    entity.save(update_fields=["permissions_boundary", "updated_at"])
    invalidate_principal_policies(entity.account_id)
    return entity


@transaction.atomic
def permissions_boundary_delete(*, entity: IamUser | Role) -> IamUser | Role:
    """Remove the boundary (DeleteUserPermissionsBoundary/DeleteRolePermissionsBoundary)."""
    _check_entity(entity)
    entity = lock(entity)
    entity.permissions_boundary = None
    entity.save(update_fields=["permissions_boundary", "updated_at"])
    invalidate_principal_policies(entity.account_id)
    return entity
