"""Managed policies attached to users, groups and roles: list, attach, detach."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from accounts.kinds import KINDS
from accounts.operations.entities import EntityOperation
from iamconsole.exceptions import NoSuchEntity
from iamconsole.operations import per_kind
from iamconsole.validators import validate_path

from ..condition_keys import attachment_context
from ..models import ManagedPolicy
from ..selectors import attached_policies, policy_get
from ..services import policy_attach, policy_detach


@dataclass(kw_only=True, eq=False)
class ListAttachedPolicies(EntityOperation):
    """the managed policies attached to the entity, by name (under a path prefix if given)."""

    read_only = True
    path_prefix: str | None = None

    def validate(self) -> None:
        if self.path_prefix:
            validate_path(self.path_prefix, policy=True, field="path_prefix")
        super().validate()

    def perform(self) -> QuerySet[ManagedPolicy]:
        policies = attached_policies(self.entity)
        if self.path_prefix:
            policies = policies.filter(path__startswith=self.path_prefix)
        return policies


@dataclass(kw_only=True, eq=False)
class AttachmentOperation(EntityOperation):
    """An attach or detach: authorized with the policy as iam:PolicyARN (and the entity's
    boundary as iam:PermissionsBoundary), so a guardrail on one policy applies to it."""

    policy_arn: str
    policy: Any = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        try:
            self.policy = policy_get(account=self.caller.account, arn=self.policy_arn)
        except NoSuchEntity:
            # The policy ARN is a condition key: a caller refused this policy learns nothing
            # about whether it exists.
            self.caller.authorize(self.requirement())
            raise

    def context(self) -> Mapping[str, Any]:
        return attachment_context(self.entity, self.policy_arn)


@dataclass(kw_only=True, eq=False)
class AttachPolicy(AttachmentOperation):
    """attach a managed policy (attaching it again changes nothing)."""

    protects_service_linked = True

    def perform(self) -> ManagedPolicy:
        policy_attach(policy=self.policy, entity=self.entity)
        return self.policy


@dataclass(kw_only=True, eq=False)
class DetachPolicy(AttachmentOperation):
    """detach a managed policy (NoSuchEntity when it is not attached)."""

    protects_service_linked = True

    def perform(self) -> ManagedPolicy:
        policy_detach(policy=self.policy, entity=self.entity)
        return self.policy


ListAttachedUserPolicies, ListAttachedGroupPolicies, ListAttachedRolePolicies = per_kind(
    ListAttachedPolicies, "ListAttached{}Policies", KINDS
)
AttachUserPolicy, AttachGroupPolicy, AttachRolePolicy = per_kind(
    AttachPolicy, "Attach{}Policy", KINDS
)
DetachUserPolicy, DetachGroupPolicy, DetachRolePolicy = per_kind(
    DetachPolicy, "Detach{}Policy", KINDS
)
