"""Guard rails as operations: the console's own (AWS has none), under the `iamconsole`
service.

A rail is a saved simulation of its subject, so every operation on one needs what simulating
it needs: iam:SimulatePrincipalPolicy on its subject (a user's, role's or group's ARN; a
changed subject on the new one too), on * to list or check them all, as opening the simulator
does. A rail set to block can refuse other people's changes, so the writes also need an
action of our own (AWS has none): iamconsole:CreateGuardRail, iamconsole:UpdateGuardRail,
iamconsole:DeleteGuardRail on the subject, iamconsole:CheckGuardRails on *. IAMReadOnlyAccess
grants the simulation, not these: a read-only caller sees the rails and changes none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, register

from ..authorization import Requirement
from ..guard_rails import Outcome
from ..guard_rails.selectors import guard_rail_get, guard_rail_list
from ..models import GuardRail
from ..services import guard_rail_create, guard_rail_delete, guard_rail_update, guard_rails_check
from ..services.guard_rails import SUBJECT
from .simulation import SimulatePrincipalPolicy, account_pk


def _subject(value: Any) -> str:
    """The subject's ARN, checked before it is authorized on."""
    if not isinstance(value, str) or not SUBJECT.match(value.strip()):
        raise InvalidInput("The subject must be the ARN of a user, a role or a group (every "
                           "member of it) of this account.", field="subject")
    return value.strip()


@dataclass(kw_only=True, eq=False)
class GuardRailOperation(Operation):
    """An operation of the console's own on guard rails, authorized as the simulator."""

    service = "iamconsole"

    def requirements(self) -> Iterable[Requirement]:
        # What simulating the subject needs, then the operation's own action.
        yield self.requirement(action=SimulatePrincipalPolicy.action)
        if self.action != SimulatePrincipalPolicy.action:
            yield self.requirement()


@register
@dataclass(kw_only=True, eq=False)
class CreateGuardRail(GuardRailOperation):
    """Save an expectation, checked at once: `subject` can (`expected="allowed"`) or cannot
    (`"denied"`) perform `action_name` on `resource_arn` with the `context_entries` keys."""

    name: str
    subject: str
    action_name: str
    expected: str
    resource_arn: str = "*"
    context_entries: dict[str, Any] | None = None
    mode: str = "warn"
    description: str = ""

    def validate(self) -> None:
        self.subject = _subject(self.subject)

    def resource(self) -> str:
        return self.subject

    def perform(self) -> GuardRail:
        principal = self.caller.principal
        return guard_rail_create(
            account=self.caller.account, name=self.name, subject=self.subject,
            action=self.action_name, expected=self.expected, resource=self.resource_arn,
            context=self.context_entries, mode=self.mode, description=self.description,
            created_by=principal.arn if principal is not None else "")


@dataclass(kw_only=True, eq=False)
class OneGuardRail(GuardRailOperation):
    """An operation on one of the account's rails, by its ID."""

    rail_id: int | str
    rail: GuardRail | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        # A rail that does not exist answers NoSuchEntity only to a caller allowed on *.
        self.rail = self.lookup(
            lambda: guard_rail_get(account_pk=account_pk(self.caller), pk=self.rail_id), "*")

    def resource(self) -> str:
        return self.rail.subject if self.rail is not None else "*"


@register
@dataclass(kw_only=True, eq=False)
class GetGuardRail(OneGuardRail):
    """One rail with its latest status."""

    read_only = True
    action = SimulatePrincipalPolicy.action

    def perform(self) -> GuardRail:
        assert self.rail is not None
        return self.rail


@register
@dataclass(kw_only=True, eq=False)
class UpdateGuardRail(OneGuardRail):
    """Change a rail (its mode, expectation, subject...): the fields given; it is checked
    again."""

    changes: dict[str, Any] = field(default_factory=dict)

    FIELDS = ("name", "description", "subject", "action", "resource", "context", "expected",
              "mode")

    def validate(self) -> None:
        if not isinstance(self.changes, dict):
            raise InvalidInput("The changes must be an object.", field=None)
        unknown = sorted(set(self.changes) - set(self.FIELDS))
        if unknown:
            raise InvalidInput(f"{unknown[0]} cannot be changed.", field=unknown[0])
        if "subject" in self.changes:
            self.changes["subject"] = _subject(self.changes["subject"])

    def requirements(self) -> Iterable[Requirement]:
        yield from super().requirements()
        subject = self.changes.get("subject")
        if subject and self.rail is not None and subject != self.rail.subject:
            yield self.requirement(action=SimulatePrincipalPolicy.action, resource=subject)
            yield self.requirement(resource=subject)

    def perform(self) -> GuardRail:
        assert self.rail is not None
        return guard_rail_update(rail=self.rail, **self.changes)


@register
@dataclass(kw_only=True, eq=False)
class DeleteGuardRail(OneGuardRail):
    """Delete a rail."""

    def perform(self) -> GuardRail:
        assert self.rail is not None
        guard_rail_delete(rail=self.rail)
        return self.rail


@register
@dataclass(kw_only=True, eq=False)
class ListGuardRails(GuardRailOperation):
    """The account's rails with their latest status."""

    read_only = True
    action = SimulatePrincipalPolicy.action

    def perform(self) -> QuerySet[GuardRail]:
        return guard_rail_list(account_pk=account_pk(self.caller))


@register
@dataclass(kw_only=True, eq=False)
class CheckGuardRails(GuardRailOperation):
    """Check every rail of the account now (as a change would) and store the statuses."""

    def perform(self) -> list[Outcome]:
        return guard_rails_check(account=self.caller.account)

    def trail_response(self, output: Any) -> Any:
        return {"checked": len(output), "broken": [o.rail.name for o in output if not o.holds]}
