"""Managed policies: list, create, get, delete (with its dependents, if asked), and who uses
them. AWS-managed policies can be read and attached, never changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from accounts.kinds import GROUP, ROLE, USER
from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, register
from iamconsole.trail.changes import policy_change_data
from iamconsole.validators import validate_description, validate_name, validate_path, validate_tags

from ..authorization import Requirement
from ..condition_keys import tag_context
from ..models import ManagedPolicy
from ..selectors import policy_entities, policy_get_with_usage, policy_list
from ..services import policy_create, policy_delete
from .attached import DetachGroupPolicy, DetachRolePolicy, DetachUserPolicy
from .boundaries import DeleteRolePermissionsBoundary, DeleteUserPermissionsBoundary
from .policy import PolicyOperation
from .tags import TagPolicy
from .versions import DeletePolicyVersion

SCOPES = ("All", "AWS", "Local")
USAGES = ("PermissionsPolicy", "PermissionsBoundary")
# What deleting a policy with its dependents removes, by the key ListEntitiesForPolicy lists
# them under: detaching it (named as iam:PolicyARN) and removing it as a boundary.
DETACHES = (("users", DetachUserPolicy, USER), ("groups", DetachGroupPolicy, GROUP),
            ("roles", DetachRolePolicy, ROLE))
UNBOUNDS = (("boundary_users", DeleteUserPermissionsBoundary, USER),
            ("boundary_roles", DeleteRolePermissionsBoundary, ROLE))


@register
@dataclass(kw_only=True, eq=False)
class ListPolicies(Operation):
    """ListPolicies: the account's own policies and AWS's (`scope` All, AWS or Local), only
    those in use if `only_attached` (attached to an identity or bounding one; only the one
    or the other with `policy_usage_filter` PermissionsPolicy or PermissionsBoundary), under
    a path prefix if given; with usage counts."""

    read_only = True
    scope: str = "All"
    only_attached: bool = False
    path_prefix: str | None = None
    policy_usage_filter: str | None = None

    def validate(self) -> None:
        if self.scope not in SCOPES:
            raise InvalidInput(f"Scope must be one of {', '.join(SCOPES)}.", field="scope")
        if self.path_prefix:
            validate_path(self.path_prefix, policy=True, field="path_prefix")
        if self.policy_usage_filter is not None and self.policy_usage_filter not in USAGES:
            raise InvalidInput(f"PolicyUsageFilter must be one of {', '.join(USAGES)}.",
                               field="policy_usage_filter")

    def perform(self) -> QuerySet[ManagedPolicy]:
        usage = self.policy_usage_filter if self.only_attached else None
        policies = policy_list(account=self.caller.account,
                               scope=self.scope,  # type: ignore[arg-type]
                               only_attached=self.only_attached and usage is None,
                               path_prefix=self.path_prefix)
        if usage == "PermissionsPolicy":
            return policies.filter(attachment_count__gt=0)
        if usage == "PermissionsBoundary":
            return policies.filter(boundary_usage_count__gt=0)
        return policies


@register
@dataclass(kw_only=True, eq=False)
class CreatePolicy(Operation):
    """CreatePolicy: a customer-managed policy (ANPA... ID) whose document is version v1, the
    default; with tags it also needs TagPolicy, both with aws:RequestTag/... and aws:TagKeys.
    """

    policy_name: str
    policy_document: str | Mapping[str, Any]
    path: str = "/"
    description: str = ""
    tags: Mapping[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        validate_name(self.policy_name, "policy")
        validate_path(self.path, policy=True)
        validate_description(self.description)
        validate_tags(self.tags)

    def resource(self) -> str:
        return self.arn("policy", self.path, self.policy_name)

    def context(self) -> Mapping[str, Any]:
        return tag_context(self.tags)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield TagPolicy.primary(self.resource(), tag_context(self.tags))

    def perform(self) -> ManagedPolicy:
        policy = policy_create(account=self.caller.account, name=self.policy_name,
                               path=self.path, description=self.description, tags=self.tags,
                               policy_document=self.policy_document)
        return policy_get_with_usage(account=self.caller.account, arn=policy.arn)


@register
@dataclass(kw_only=True, eq=False)
class GetPolicy(PolicyOperation):
    """GetPolicy: the policy, with its usage counts in the account and its default version."""

    read_only = True

    def perform(self) -> ManagedPolicy:
        if hasattr(self.entity, "attachment_count"):  # found with its usage already
            return self.entity
        return policy_get_with_usage(account=self.caller.account, arn=self.entity.arn)


@register
@dataclass(kw_only=True, eq=False)
class ListEntitiesForPolicy(PolicyOperation):
    """ListEntitiesForPolicy: the account's users, groups and roles it is attached to, and
    the users and roles it bounds."""

    read_only = True

    def perform(self) -> dict[str, list[Any]]:
        return policy_entities(policy=self.entity, account=self.caller.account)


@register
@dataclass(kw_only=True, eq=False)
class DeletePolicy(PolicyOperation):
    """DeletePolicy: refused with DeleteConflict while the policy is attached, bounds a user
    or role, or has versions other than the default; `with_dependents` (the console's and the
    REST API's choice, not AWS's) first performs each removal AWS would need, as its own
    operation: Detach{User,Group,Role}Policy, Delete{User,Role}PermissionsBoundary and
    DeletePolicyVersion."""

    with_dependents: bool = False
    deleted_document: str = field(init=False, default="", repr=False)

    def implied(self) -> Iterable[Operation]:
        if not self.with_dependents:
            return
        arn = self.entity.arn
        used = policy_entities(policy=self.entity, account=self.caller.account)
        for key, detach, kind in DETACHES:
            for entity in used[key]:
                yield self.also(detach, policy_arn=arn, **{kind.name_field: entity.name})
        for key, unbound, kind in UNBOUNDS:
            for entity in used[key]:
                yield self.also(unbound, **{kind.name_field: entity.name})
        for number in self.entity.versions.filter(is_default=False).values_list("number",
                                                                                 flat=True):
            yield self.also(DeletePolicyVersion, policy_arn=arn, version_id=f"v{number}")

    def perform(self) -> None:
        self.deleted_document = policy_delete(policy=self.entity)

    def trail_additional_data(self, output: None) -> dict[str, Any]:
        return policy_change_data(self.deleted_document)
