"""Tags of users, roles, instance profiles, MFA devices and server certificates (and, in
policies.operations, customer-managed policies): one behaviour for every taggable resource.

List{Kind}Tags reads them; Tag{Kind} adds or overwrites, authorized with aws:RequestTag/<key>
and aws:TagKeys; Untag{Kind} removes by key, authorized with aws:TagKeys; so tag-based
guardrails apply alike to every kind and every front door. AWS's rules: at most 50 tags per
request and per resource (LimitExceeded past that), keys of 1-128 and values of 0-256
letters, digits, spaces and _.:/=+-@, keys ignoring case, and the `aws:` prefix reserved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from iamconsole.exceptions import InvalidInput, LimitExceeded
from iamconsole.operations import Caller, Operation, per_kind
from iamconsole.operations.registry import operation_named
from iamconsole.validators import TAGS_MAX, check_unique_tag_keys, validate_tag
from policies.condition_keys import tag_context

from ..kinds import INSTANCE_PROFILE, MFA_DEVICE, ROLE, SERVER_CERTIFICATE, USER, Kind
from ..services import tag_resource, untag_resource
from .entities import EntityOperation


def validate_tag_set(tags: Any) -> None:
    """A Tag* request's tags: 1 to 50, each valid, no key twice (ignoring case)."""
    if not isinstance(tags, Mapping):
        raise InvalidInput("Tags are an object mapping keys to values.", field="tags")
    if not tags:
        raise InvalidInput("Give at least one tag.", field="tags")
    if len(tags) > TAGS_MAX:
        raise InvalidInput(f"At most {TAGS_MAX} tags can be set in one request.", field="tags")
    for key, value in tags.items():
        validate_tag(key, value)
    check_unique_tag_keys(tags)


def validate_tag_keys(keys: Any) -> None:
    """An Untag* request's keys: 1 to 50 valid tag keys."""
    if isinstance(keys, str) or not isinstance(keys, Sequence) or not keys:
        raise InvalidInput("Give the tag keys to remove.", field="tag_keys")
    if len(keys) > TAGS_MAX:
        raise InvalidInput(f"At most {TAGS_MAX} tag keys can be removed in one request.",
                           field="tag_keys")
    for key in keys:
        try:
            validate_tag(key, "")
        except InvalidInput as exc:
            raise InvalidInput(exc.message, field="tag_keys") from exc


@dataclass(kw_only=True, eq=False)
class ListTags(EntityOperation):
    """the resource's tags, as {key: value}."""

    read_only = True

    def perform(self) -> dict[str, str]:
        return dict(self.entity.tags)


@dataclass(kw_only=True, eq=False)
class TagResource(EntityOperation):
    """add tags or overwrite their values (a key differing only in case keeps its case)."""

    tags: Mapping[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        validate_tag_set(self.tags)

    def context(self) -> Mapping[str, Any]:
        return {**super().context(), **tag_context(self.tags)}

    def perform(self) -> Any:
        if len(self.entity.tags or {}) + self.added() > TAGS_MAX:
            raise LimitExceeded(
                f"Cannot exceed quota for TagsPer{self.kind.noun}: {TAGS_MAX}", field="tags")
        return tag_resource(resource=self.entity, tags=self.tags)

    def added(self) -> int:
        """How many of the tags are new keys on the resource."""
        present = {key.lower() for key in self.entity.tags or {}}
        return sum(1 for key in self.tags if key.lower() not in present)


@dataclass(kw_only=True, eq=False)
class UntagResource(EntityOperation):
    """remove tags by key, ignoring case (keys the resource lacks are ignored)."""

    tag_keys: Sequence[str] = ()

    def validate(self) -> None:
        validate_tag_keys(self.tag_keys)

    def context(self) -> Mapping[str, Any]:
        return {**super().context(), "aws:TagKeys": list(self.tag_keys)}

    def perform(self) -> Any:
        return untag_resource(resource=self.entity, keys=self.tag_keys)


@dataclass(frozen=True)
class TagOperations:
    """The three tag operations of one kind of resource."""

    list: type[Operation]
    tag: type[Operation]
    untag: type[Operation]


def tag_operations(kind: Kind) -> TagOperations:
    """List{Kind}Tags, Tag{Kind} and Untag{Kind} of a taggable kind (a policy's too)."""
    return TagOperations(*(operation_named(kind.operation_name(pattern))
                           for pattern in ("List{}Tags", "Tag{}", "Untag{}")))


def tag_changes(caller: Caller, kind: Kind, identifier: str, current: dict[str, str],
                wanted: dict[str, str]) -> list[Operation]:
    """The operations turning `current` tags into `wanted` (a console save, an import):
    Untag* for the keys gone (or whose case changed), then Tag* for the tags new or changed."""
    operations = tag_operations(kind)
    target = {kind.name_field: identifier}
    removed = [key for key in current if key not in wanted]
    changed = {key: value for key, value in wanted.items() if current.get(key) != value}
    found: list[Operation] = []
    if removed:
        found.append(operations.untag(caller=caller, tag_keys=removed, **target))
    if changed:
        found.append(operations.tag(caller=caller, tags=changed, **target))
    return found


_TAGGABLE = (USER, ROLE, INSTANCE_PROFILE, MFA_DEVICE, SERVER_CERTIFICATE)
(ListUserTags, ListRoleTags, ListInstanceProfileTags, ListMFADeviceTags,
 ListServerCertificateTags) = per_kind(ListTags, "List{}Tags", _TAGGABLE)
TagUser, TagRole, TagInstanceProfile, TagMFADevice, TagServerCertificate = per_kind(
    TagResource, "Tag{}", _TAGGABLE
)
UntagUser, UntagRole, UntagInstanceProfile, UntagMFADevice, UntagServerCertificate = per_kind(
    UntagResource, "Untag{}", _TAGGABLE
)
