"""Tags of users, roles, instance profiles and MFA devices (and, in policies.operations,
managed policies): one behaviour for every taggable resource.

Tagging is authorized with aws:RequestTag/<key> and aws:TagKeys, untagging with aws:TagKeys,
as AWS does, so tag-based guardrails apply; AWS's rules (50 per resource, `aws:` reserved)
are the services'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import per_kind
from policies.authorization import tag_context

from ..kinds import INSTANCE_PROFILE, MFA_DEVICE, ROLE, USER
from ..services import tag_resource, untag_resource
from .entities import EntityOperation


@dataclass(kw_only=True, eq=False)
class ListTags(EntityOperation):
    """the resource's tags, as {key: value}."""

    read_only = True

    def perform(self) -> dict[str, str]:
        return dict(self.entity.tags)


@dataclass(kw_only=True, eq=False)
class TagResource(EntityOperation):
    """add tags or overwrite their values."""

    tags: Mapping[str, str] = field(default_factory=dict)

    def context(self) -> Mapping[str, Any]:
        return {**super().context(), **tag_context(self.tags)}

    def perform(self) -> Any:
        return tag_resource(resource=self.entity, tags=self.tags)


@dataclass(kw_only=True, eq=False)
class UntagResource(EntityOperation):
    """remove tags by key (keys the resource lacks are ignored)."""

    tag_keys: Sequence[str] = ()

    def validate(self) -> None:
        if not self.tag_keys:
            raise InvalidInput("Give the tag keys to remove.", field="tag_keys")

    def context(self) -> Mapping[str, Any]:
        return {**super().context(), "aws:TagKeys": list(self.tag_keys)}

    def perform(self) -> Any:
        return untag_resource(resource=self.entity, keys=self.tag_keys)


_TAGGABLE = (USER, ROLE, INSTANCE_PROFILE, MFA_DEVICE)
ListUserTags, ListRoleTags, ListInstanceProfileTags, ListMFADeviceTags = per_kind(
    ListTags, "List{}Tags", _TAGGABLE
)
TagUser, TagRole, TagInstanceProfile, TagMFADevice = per_kind(TagResource, "Tag{}", _TAGGABLE)
UntagUser, UntagRole, UntagInstanceProfile, UntagMFADevice = per_kind(
    UntagResource, "Untag{}", _TAGGABLE
)
