"""Instance profiles: list, create, get, delete (with its role taken out), and the one role a
profile holds: add it (which hands the role to EC2: iam:PassRole), take it out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.operations import Operation, register
from iamconsole.validators import validate_name, validate_path, validate_tags
from policies.authorization import Requirement
from policies.condition_keys import PASSED_TO_EC2, tag_context

from ..kinds import INSTANCE_PROFILE, ROLE
from ..models import InstanceProfile, Role
from ..selectors import instance_profile_list
from ..services import (
    instance_profile_add_role,
    instance_profile_create,
    instance_profile_delete,
    instance_profile_remove_role,
)
from .entities import EntityOperation
from .tags import TagInstanceProfile


@dataclass(kw_only=True, eq=False)
class InstanceProfileOperation(EntityOperation):
    """An operation on one instance profile, named by instance_profile_name."""

    kind = INSTANCE_PROFILE
    instance_profile_name: str


@register
@dataclass(kw_only=True, eq=False)
class ListInstanceProfiles(Operation):
    """ListInstanceProfiles: the account's instance profiles with their role, under a path
    prefix if given."""

    read_only = True
    path_prefix: str | None = None

    def perform(self) -> QuerySet[InstanceProfile]:
        return instance_profile_list(account=self.caller.account, path_prefix=self.path_prefix)


@register
@dataclass(kw_only=True, eq=False)
class CreateInstanceProfile(Operation):
    """CreateInstanceProfile: a new, empty instance profile (AIPA... ID), with tags if given
    (which also needs TagInstanceProfile, as AWS requires)."""

    instance_profile_name: str
    path: str = "/"
    tags: Mapping[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        validate_name(self.instance_profile_name, "instance profile")
        validate_path(self.path)
        validate_tags(self.tags)

    def resource(self) -> str:
        return self.arn("instance-profile", self.path, self.instance_profile_name)

    def context(self) -> Mapping[str, Any]:
        return tag_context(self.tags)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield TagInstanceProfile.primary(self.resource(), tag_context(self.tags))

    def perform(self) -> InstanceProfile:
        return instance_profile_create(account=self.caller.account,
                                       name=self.instance_profile_name, path=self.path,
                                       tags=self.tags)


@register
@dataclass(kw_only=True, eq=False)
class GetInstanceProfile(InstanceProfileOperation):
    """GetInstanceProfile: the profile and the role it holds, if any."""

    read_only = True

    def perform(self) -> InstanceProfile:
        return self.entity


@dataclass(kw_only=True, eq=False)
class ProfileRoleOperation(InstanceProfileOperation):
    """An operation on an instance profile (the authorized resource) about one role."""

    role_name: str
    role: Role | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.role = self.lookup(lambda: ROLE.find(self.caller.account, self.role_name),
                                self.entity.arn)


@register
@dataclass(kw_only=True, eq=False)
class AddRoleToInstanceProfile(ProfileRoleOperation):
    """AddRoleToInstanceProfile: put the role in the profile (one role at most). EC2 then
    hands the role to instances, so AWS also requires iam:PassRole on the role with
    iam:PassedToService=ec2.amazonaws.com."""

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        yield self.requirement("iam:PassRole", self.role.arn, PASSED_TO_EC2)

    def perform(self) -> InstanceProfile:
        return instance_profile_add_role(instance_profile=self.entity, role=self.role)


@register
@dataclass(kw_only=True, eq=False)
class RemoveRoleFromInstanceProfile(ProfileRoleOperation):
    """RemoveRoleFromInstanceProfile: take the role out of the profile (both remain)."""

    def perform(self) -> InstanceProfile:
        return instance_profile_remove_role(instance_profile=self.entity, role=self.role)


@register
@dataclass(kw_only=True, eq=False)
class DeleteInstanceProfile(InstanceProfileOperation):
    """DeleteInstanceProfile: refused with DeleteConflict while it holds a role;
    `with_dependents` first performs RemoveRoleFromInstanceProfile (the role itself stays)."""

    with_dependents: bool = False

    def implied(self) -> Iterable[Operation]:
        if self.with_dependents and self.entity.role is not None:
            yield self.also(RemoveRoleFromInstanceProfile,
                            instance_profile_name=self.entity.name,
                            role_name=self.entity.role.name)

    def perform(self) -> None:
        instance_profile_delete(instance_profile=self.entity)
