"""Versions of managed policies: list, get, create (at most five), delete, set the default.

Version IDs are `v1`, `v2`... never reused; exactly one version is the default, the one in
effect. Each operation is authorized on the policy's ARN, as AWS does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from iamconsole.operations import register
from iamconsole.trail.changes import policy_change_data

from ..models import PolicyVersion
from ..selectors import policy_version_get, policy_version_list
from ..services import policy_version_create, policy_version_delete, policy_version_set_default
from ..services.managed import parse_version_id
from .policy import PolicyOperation


@dataclass(kw_only=True, eq=False)
class VersionOperation(PolicyOperation):
    """An operation on one version of a policy, named by version_id (`v2`)."""

    # Checked by the services once the caller is authorized (InvalidInput): a refused
    # caller learns nothing, whatever it asks.
    version_id: str


@register
@dataclass(kw_only=True, eq=False)
class ListPolicyVersions(PolicyOperation):
    """ListPolicyVersions: the policy's versions, newest first."""

    read_only = True

    def perform(self) -> QuerySet[PolicyVersion]:
        return policy_version_list(self.entity)


@register
@dataclass(kw_only=True, eq=False)
class GetPolicyVersion(VersionOperation):
    """GetPolicyVersion: one version with its document, as its author wrote it."""

    read_only = True

    def perform(self) -> PolicyVersion:
        parse_version_id(self.version_id)
        return policy_version_get(policy=self.entity, version_id=self.version_id)


@register
@dataclass(kw_only=True, eq=False)
class CreatePolicyVersion(PolicyOperation):
    """CreatePolicyVersion: a new version, the default if `set_as_default`; LimitExceeded
    while the policy has five (AWS's limit: delete one first)."""

    policy_document: str | Mapping[str, Any]
    set_as_default: bool = False

    def perform(self) -> PolicyVersion:
        return policy_version_create(policy=self.entity, policy_document=self.policy_document,
                                     set_as_default=self.set_as_default)

    def trail_additional_data(self, output: PolicyVersion) -> dict[str, Any]:
        # The default before against the new version, whether or not it became the default.
        return policy_change_data(getattr(output, "replaced_document", ""))


@register
@dataclass(kw_only=True, eq=False)
class DeletePolicyVersion(VersionOperation):
    """DeletePolicyVersion: delete a version other than the default (DeleteConflict)."""

    def perform(self) -> None:
        policy_version_delete(policy=self.entity, version_id=self.version_id)


@register
@dataclass(kw_only=True, eq=False)
class SetDefaultPolicyVersion(VersionOperation):
    """SetDefaultPolicyVersion: make a version the one in effect."""

    def perform(self) -> PolicyVersion:
        return policy_version_set_default(policy=self.entity, version_id=self.version_id)

    def trail_additional_data(self, output: PolicyVersion) -> dict[str, Any]:
        return policy_change_data(getattr(output, "replaced_document", ""),
                                  output.document_text)
