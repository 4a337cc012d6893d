"""IAM groups: list, create, get (with members), rename or move, delete (with dependents)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from iamconsole.operations import Operation, register
from iamconsole.validators import validate_name, validate_path
from policies.authorization import Requirement
from policies.operations.attached import DetachGroupPolicy
from policies.operations.inline import DeleteGroupPolicy
from policies.selectors import attached_policies, inline_policy_list

from ..kinds import GROUP
from ..models import IamGroup
from ..selectors import group_list, group_members
from ..services import group_create, group_delete, group_update
from .entities import EntityOperation
from .memberships import RemoveUserFromGroup


@dataclass(kw_only=True, eq=False)
class GroupOperation(EntityOperation):
    """An operation on one group, named by group_name."""

    kind = GROUP
    group_name: str


@register
@dataclass(kw_only=True, eq=False)
class ListGroups(Operation):
    """ListGroups: the account's groups with their member and policy counts, under a path
    prefix if given."""

    read_only = True
    path_prefix: str | None = None

    def perform(self) -> QuerySet[IamGroup]:
        return group_list(account=self.caller.account, path_prefix=self.path_prefix)


@register
@dataclass(kw_only=True, eq=False)
class CreateGroup(Operation):
    """CreateGroup: a new group (AGPA... ID); names are unique ignoring case."""

    group_name: str
    path: str = "/"

    def validate(self) -> None:
        validate_name(self.group_name, "group")
        validate_path(self.path)

    def resource(self) -> str:
        return self.arn("group", self.path, self.group_name)

    def perform(self) -> IamGroup:
        return group_create(account=self.caller.account, name=self.group_name, path=self.path)


@register
@dataclass(kw_only=True, eq=False)
class GetGroup(GroupOperation):
    """GetGroup: the group and its members."""

    read_only = True

    def perform(self) -> tuple[IamGroup, QuerySet[Any]]:
        return self.entity, group_members(self.entity)


@register
@dataclass(kw_only=True, eq=False)
class UpdateGroup(GroupOperation):
    """UpdateGroup: rename or move a group; AWS requires the permission on the group as it
    is and as it will be."""

    new_group_name: str | None = None
    new_path: str | None = None

    def validate(self) -> None:
        if self.new_group_name is not None:
            validate_name(self.new_group_name, "group", field="name")
        if self.new_path is not None:
            validate_path(self.new_path, field="path")

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        new_arn = self.arn("group", self.new_path or self.entity.path,
                           self.new_group_name or self.entity.name)
        if new_arn != self.entity.arn:
            yield self.requirement(resource=new_arn)

    def perform(self) -> IamGroup:
        return group_update(group=self.entity, new_name=self.new_group_name,
                            new_path=self.new_path)


@register
@dataclass(kw_only=True, eq=False)
class DeleteGroup(GroupOperation):
    """DeleteGroup: refused with DeleteConflict while the group has members or policies;
    `with_dependents` first performs RemoveUserFromGroup, DeleteGroupPolicy and
    DetachGroupPolicy for each, as its own operation."""

    with_dependents: bool = False

    def implied(self) -> Iterable[Operation]:
        if not self.with_dependents:
            return
        name = self.entity.name
        for user_name in group_members(self.entity).values_list("name", flat=True):
            yield self.also(RemoveUserFromGroup, group_name=name, user_name=user_name)
        for policy_name in inline_policy_list(self.entity).values_list("name", flat=True):
            yield self.also(DeleteGroupPolicy, group_name=name, policy_name=policy_name)
        for arn in attached_policies(self.entity).values_list("arn", flat=True):
            yield self.also(DetachGroupPolicy, group_name=name, policy_arn=arn)

    def perform(self) -> None:
        group_delete(group=self.entity)
