"""Permissions boundaries of users and roles: set and remove."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from accounts.kinds import ROLE, USER
from accounts.operations.entities import EntityOperation
from iamconsole.exceptions import NoSuchEntity
from iamconsole.operations import per_kind

from ..condition_keys import boundary_context
from ..selectors import policy_get
from ..services import permissions_boundary_delete, permissions_boundary_put


@dataclass(kw_only=True, eq=False)
class PutPermissionsBoundary(EntityOperation):
    """set or replace the permissions boundary: authorized with the new boundary as
    iam:PermissionsBoundary."""

    protects_service_linked = True

    permissions_boundary: str
    policy: Any = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        try:
            self.policy = policy_get(account=self.caller.account, arn=self.permissions_boundary)
        except NoSuchEntity:
            # The boundary is a condition key: a caller refused this boundary learns nothing
            # about whether it exists.
            self.caller.authorize(self.requirement())
            raise

    def context(self) -> Mapping[str, Any]:
        return boundary_context(self.permissions_boundary)

    def perform(self) -> Any:
        return permissions_boundary_put(entity=self.entity, policy=self.policy)


@dataclass(kw_only=True, eq=False)
class DeletePermissionsBoundary(EntityOperation):
    """remove the permissions boundary: authorized with the boundary removed as
    iam:PermissionsBoundary."""

    protects_service_linked = True

    def perform(self) -> Any:
        return permissions_boundary_delete(entity=self.entity)


PutUserPermissionsBoundary, PutRolePermissionsBoundary = per_kind(
    PutPermissionsBoundary, "Put{}PermissionsBoundary", (USER, ROLE)
)
DeleteUserPermissionsBoundary, DeleteRolePermissionsBoundary = per_kind(
    DeletePermissionsBoundary, "Delete{}PermissionsBoundary", (USER, ROLE)
)
