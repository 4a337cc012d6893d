"""The base of operations on one named resource: a user, group, role, instance profile..."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from iamconsole.operations import Operation
from policies.authorization import current_boundary_context

from ..kinds import USER, Kind


@dataclass(kw_only=True, eq=False)
class EntityOperation(Operation):
    """An operation on the resource named by the input field of its kind (user_name...).

    `prepare` finds it in the caller's account (NoSuchEntity after authorizing the ARN the
    name implies); the operation is authorized on its ARN with, for a user or role that has
    a permissions boundary, that boundary as iam:PermissionsBoundary, as AWS does.
    """

    kind: ClassVar[Kind]
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

    def context(self) -> Mapping[str, Any]:
        return current_boundary_context(self.entity)


@dataclass(kw_only=True, eq=False)
class UserOperation(EntityOperation):
    """An operation on one IAM user, named by user_name."""

    kind = USER
    user_name: str
