"""The base of operations on one named resource: a user, group, role, instance profile..."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from iamconsole.exceptions import IamError, UnmodifiableEntity
from iamconsole.operations import Operation
from policies.authorization import Requirement
from policies.condition_keys import current_boundary_context, tag_context
from policies.selectors import policy_get

from ..kinds import USER, Kind


def protected_role_message(role_name: str) -> str:
    """AWS's UnmodifiableEntity message for a change to a service-linked role."""
    return (f"Cannot perform the operation on the protected role '{role_name}' - "
            "this role is only modifiable by AWS")


@dataclass(kw_only=True, eq=False)
class EntityOperation(Operation):
    """An operation on the resource named by the input field of its kind (user_name...).

    `prepare` finds it in the caller's account (NoSuchEntity after authorizing the ARN the
    name implies); the operation is authorized on its ARN with, for a user or role that has
    a permissions boundary, that boundary as iam:PermissionsBoundary, as AWS does.
    """

    kind: ClassVar[Kind]
    # A change AWS refuses on a service-linked role, which only its service may change.
    protects_service_linked: ClassVar[bool] = False
    entity: Any = field(init=False, default=None, repr=False)

    @property
    def entity_name(self) -> str:
        """The name of the user, group or role acted on."""
        return getattr(self, self.kind.name_field)

    def implied_arn(self) -> str:
        """The ARN the name implies (on the default path) when no such entity exists."""
        return self.kind.implied_arn(self.caller.account_id, self.entity_name)

    def prepare(self) -> None:
        self.entity = self.lookup(self.find, self.implied_arn())

    def find(self) -> Any:
        """The resource named by the input (a read reuses what this request found)."""
        if not self.read_only:
            return self.kind.find(self.caller.account, self.entity_name)
        key = (self.kind.key, self.entity_name.lower())
        if key not in self.caller.found:
            self.caller.found[key] = self.kind.find(self.caller.account, self.entity_name)
        return self.caller.found[key]

    def resource(self) -> str:
        return self.kind.arn_of(self.entity)

    @classmethod
    def forbidden(cls, entity: Any) -> IamError | None:
        if cls.protects_service_linked and getattr(entity, "service_linked", False):
            return UnmodifiableEntity(protected_role_message(entity.name), field="role_name")
        return None

    def guard(self) -> None:
        if (error := self.forbidden(self.entity)) is not None:
            raise error

    def context(self) -> Mapping[str, Any]:
        return current_boundary_context(self.entity)


@dataclass(kw_only=True, eq=False)
class UserOperation(EntityOperation):
    """An operation on one IAM user, named by user_name."""

    kind = USER
    user_name: str


@dataclass(kw_only=True, eq=False)
class CreatePrincipal(Operation):
    """A create of a user or role, with a permissions boundary and tags if given.

    With tags it also needs Tag<Kind> (`tagging`), with a boundary
    Put<Kind>PermissionsBoundary (`bounding`), as AWS requires; each with the condition keys
    AWS sets (aws:RequestTag/..., aws:TagKeys, iam:PermissionsBoundary).
    """

    kind: ClassVar[Kind]
    tagging: ClassVar[type[Operation]]
    bounding: ClassVar[type[Operation]]
    path: str = "/"
    permissions_boundary: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    boundary: Any = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        if self.permissions_boundary:
            self.boundary = self.lookup(
                lambda: policy_get(account=self.caller.account, arn=self.permissions_boundary),
                self.resource(),
            )

    def resource(self) -> str:
        return self.arn(self.kind.key, self.path, getattr(self, self.kind.name_field))

    def boundary_context(self) -> dict[str, str]:
        return ({"iam:PermissionsBoundary": self.permissions_boundary}
                if self.permissions_boundary else {})

    def context(self) -> Mapping[str, Any]:
        return {**tag_context(self.tags), **self.boundary_context()}

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield self.tagging.primary(self.resource(), tag_context(self.tags))
        if self.permissions_boundary:
            yield self.bounding.primary(self.resource(), self.boundary_context())
