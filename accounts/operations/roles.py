"""IAM roles: list, create, get, update (description, session duration; the description
alone), replace the trust policy, delete (with its dependents, if asked), and the instance
profiles holding a role."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, register
from iamconsole.trail.changes import policy_change_data
from iamconsole.validators import (
    validate_description,
    validate_max_session_duration,
    validate_name,
    validate_role_path,
    validate_tags,
)
from policies.operations.attached import DetachRolePolicy
from policies.operations.boundaries import PutRolePermissionsBoundary
from policies.operations.inline import DeleteRolePolicy
from policies.selectors import attached_policies, inline_policy_list

from ..kinds import ROLE
from ..models import InstanceProfile, Role
from ..selectors import instance_profile_list, role_list
from ..services import role_create, role_delete, role_update, role_update_trust_policy
from .entities import CreatePrincipal, EntityOperation
from .instance_profiles import DeleteInstanceProfile, RemoveRoleFromInstanceProfile
from .tags import TagRole


@dataclass(kw_only=True, eq=False)
class RoleOperation(EntityOperation):
    """An operation on one role, named by role_name."""

    kind = ROLE
    role_name: str


@register
@dataclass(kw_only=True, eq=False)
class ListRoles(Operation):
    """ListRoles: the account's roles, under a path prefix if given."""

    read_only = True
    path_prefix: str | None = None

    def perform(self) -> QuerySet[Role]:
        return role_list(account=self.caller.account, path_prefix=self.path_prefix)


@register
@dataclass(kw_only=True, eq=False)
class CreateRole(CreatePrincipal):
    """CreateRole: a new role (AROA... ID) with its trust policy, and a permissions boundary
    and tags if given (which also need TagRole and PutRolePermissionsBoundary)."""

    kind = ROLE
    tagging = TagRole
    bounding = PutRolePermissionsBoundary
    role_name: str
    assume_role_policy_document: str | Mapping[str, Any]
    description: str = ""
    max_session_duration: int = 3600

    def validate(self) -> None:
        validate_name(self.role_name, "role")
        validate_role_path(self.path)
        validate_description(self.description)
        validate_max_session_duration(self.max_session_duration)
        validate_tags(self.tags)

    def perform(self) -> Role:
        return role_create(
            account=self.caller.account, name=self.role_name,
            trust_policy=self.assume_role_policy_document, path=self.path,
            description=self.description, max_session_duration=self.max_session_duration,
            tags=self.tags, permissions_boundary=self.boundary,
        )


@register
@dataclass(kw_only=True, eq=False)
class GetRole(RoleOperation):
    """GetRole: one role, by name (ignoring case), with its trust policy and boundary."""

    read_only = True

    def perform(self) -> Role:
        return self.entity


@register
@dataclass(kw_only=True, eq=False)
class UpdateRole(RoleOperation):
    """UpdateRole: change the description or the maximum session duration."""

    description: str | None = None
    max_session_duration: int | None = None

    def validate(self) -> None:
        if self.description is None and self.max_session_duration is None:
            raise InvalidInput("Give a description or a maximum session duration.")
        if self.description is not None:
            validate_description(self.description)
        if self.max_session_duration is not None:
            validate_max_session_duration(self.max_session_duration)

    def perform(self) -> Role:
        return role_update(role=self.entity, description=self.description,
                           max_session_duration=self.max_session_duration)


@register
@dataclass(kw_only=True, eq=False)
class UpdateRoleDescription(RoleOperation):
    """UpdateRoleDescription: AWS's older twin of UpdateRole for the description alone (a
    service-linked role's too); returns the role."""

    description: str

    def validate(self) -> None:
        validate_description(self.description)

    def perform(self) -> Role:
        return role_update(role=self.entity, description=self.description)


@register
@dataclass(kw_only=True, eq=False)
class UpdateAssumeRolePolicy(RoleOperation):
    """UpdateAssumeRolePolicy: replace the role's trust policy (its text kept exactly)."""

    protects_service_linked = True

    policy_document: str | Mapping[str, Any]
    replaced_trust: str = field(init=False, default="", repr=False)

    def perform(self) -> Role:
        self.replaced_trust = self.entity.trust_policy
        return role_update_trust_policy(role=self.entity, trust_policy=self.policy_document)

    def trail_additional_data(self, output: Role) -> dict[str, Any]:
        return policy_change_data(self.replaced_trust)


@register
@dataclass(kw_only=True, eq=False)
class ListInstanceProfilesForRole(RoleOperation):
    """ListInstanceProfilesForRole: the instance profiles holding the role, by name."""

    read_only = True

    def perform(self) -> QuerySet[InstanceProfile]:
        return instance_profile_list(account=self.caller.account, role=self.entity)


def created_with(profile_name: str, role_name: str) -> bool:
    """Whether an instance profile is the one the console creates with a role (its name)."""
    return profile_name.lower() == role_name.lower()


@register
@dataclass(kw_only=True, eq=False)
class DeleteRole(RoleOperation):
    """DeleteRole: refused with DeleteConflict while the role is in instance profiles or has
    policies; `with_dependents` (the console's and the REST API's choice, not AWS's) first
    performs each removal AWS would need, as its own operation: RemoveRoleFromInstanceProfile
    for each profile (and DeleteInstanceProfile for the one created with the role, as the AWS
    console does), DeleteRolePolicy, DetachRolePolicy. A boundary does not block DeleteRole.
    A service-linked role is refused (UnmodifiableEntity): DeleteServiceLinkedRole deletes it."""

    protects_service_linked = True

    with_dependents: bool = False

    def implied(self) -> Iterable[Operation]:
        if not self.with_dependents:
            return
        name = self.entity.name
        profiles = instance_profile_list(account=self.caller.account, role=self.entity)
        for profile_name in list(profiles.values_list("name", flat=True)):
            yield self.also(RemoveRoleFromInstanceProfile, instance_profile_name=profile_name,
                            role_name=name)
            if created_with(profile_name, name):
                yield self.also(DeleteInstanceProfile, instance_profile_name=profile_name)
        for policy_name in list(inline_policy_list(self.entity).values_list("name", flat=True)):
            yield self.also(DeleteRolePolicy, role_name=name, policy_name=policy_name)
        for arn in list(attached_policies(self.entity).values_list("arn", flat=True)):
            yield self.also(DetachRolePolicy, role_name=name, policy_arn=arn)

    def perform(self) -> None:
        role_delete(role=self.entity)
