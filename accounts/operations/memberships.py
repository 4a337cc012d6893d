"""Group membership: add a user to a group, remove it (authorized on the group, as AWS does)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iamconsole.exceptions import NoSuchEntity
from iamconsole.operations import register

from ..kinds import GROUP, USER
from ..services import group_add_user, group_remove_user
from .entities import EntityOperation


@dataclass(kw_only=True, eq=False)
class MembershipOperation(EntityOperation):
    """An operation on a group (the authorized resource) about one user."""

    kind = GROUP
    group_name: str
    user_name: str
    user: Any = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()
        self.user = self.lookup(lambda: USER.find(self.caller.account, self.user_name),
                                self.entity.arn)


@register
@dataclass(kw_only=True, eq=False)
class AddUserToGroup(MembershipOperation):
    """AddUserToGroup: make the user a member of the group (again changes nothing). With
    neither the group nor the user, AWS names the missing user."""

    def prepare(self) -> None:
        try:
            super().prepare()
        except NoSuchEntity:
            if self.entity is None:
                self.lookup(lambda: USER.find(self.caller.account, self.user_name),
                            self.implied_arn())
            raise

    def perform(self) -> Any:
        return group_add_user(group=self.entity, user=self.user)


@register
@dataclass(kw_only=True, eq=False)
class RemoveUserFromGroup(MembershipOperation):
    """RemoveUserFromGroup: end the user's membership of the group."""

    def perform(self) -> None:
        group_remove_user(group=self.entity, user=self.user)
