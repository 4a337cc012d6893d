"""Inline policies of users, groups and roles: list, get, put (create or replace), delete."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from accounts.kinds import KINDS
from accounts.operations.entities import EntityOperation
from iamconsole.operations import per_kind
from iamconsole.trail.changes import policy_change_data
from iamconsole.validators import validate_name

from ..models import InlinePolicy
from ..selectors import inline_policy_get, inline_policy_list
from ..services import inline_policy_delete, inline_policy_put


@dataclass(kw_only=True, eq=False)
class ListInlinePolicies(EntityOperation):
    """the names and documents of the entity's inline policies."""

    read_only = True

    def perform(self) -> QuerySet[InlinePolicy]:
        return inline_policy_list(self.entity)


@dataclass(kw_only=True, eq=False)
class NamedInlinePolicyOperation(EntityOperation):
    """An operation on one inline policy of the entity, named by policy_name (AWS's name
    rules: 1 to 128 of letters, digits and +=,.@_-)."""

    policy_name: str

    def validate(self) -> None:
        validate_name(self.policy_name, "inline policy", field="policy_name")


@dataclass(kw_only=True, eq=False)
class GetInlinePolicy(NamedInlinePolicyOperation):
    """one inline policy of the entity, by name (ignoring case)."""

    read_only = True

    def perform(self) -> InlinePolicy:
        return inline_policy_get(entity=self.entity, name=self.policy_name)


@dataclass(kw_only=True, eq=False)
class PutInlinePolicy(NamedInlinePolicyOperation):
    """create an inline policy, or replace the document of the one with that name."""

    protects_service_linked = True

    policy_document: str | Mapping[str, Any]

    def perform(self) -> InlinePolicy:
        return inline_policy_put(entity=self.entity, name=self.policy_name,
                                 policy_document=self.policy_document)

    def trail_additional_data(self, output: InlinePolicy) -> dict[str, Any]:
        return policy_change_data(getattr(output, "replaced_document", ""))


@dataclass(kw_only=True, eq=False)
class DeleteInlinePolicy(NamedInlinePolicyOperation):
    """delete an inline policy by name."""

    protects_service_linked = True

    deleted_document: str = field(init=False, default="", repr=False)

    def perform(self) -> None:
        self.deleted_document = inline_policy_delete(entity=self.entity, name=self.policy_name)

    def trail_additional_data(self, output: None) -> dict[str, Any]:
        return policy_change_data(self.deleted_document)


ListUserPolicies, ListGroupPolicies, ListRolePolicies = per_kind(
    ListInlinePolicies, "List{}Policies", KINDS
)
GetUserPolicy, GetGroupPolicy, GetRolePolicy = per_kind(GetInlinePolicy, "Get{}Policy", KINDS)
PutUserPolicy, PutGroupPolicy, PutRolePolicy = per_kind(PutInlinePolicy, "Put{}Policy", KINDS)
DeleteUserPolicy, DeleteGroupPolicy, DeleteRolePolicy = per_kind(
    DeleteInlinePolicy, "Delete{}Policy", KINDS
)
