"""Evaluating guard rails with console authorization's own code, and re-checking them when a
change alters an account's decisions.

Each rail is decided by `policies.authorization.check` for a console session of its subject
(a user, a session of a role, or each member of a group), with the policy set `pin_policies`
loads: identity policies, boundary, the organization's SCPs and RCPs, a role's trust policy
for sts:AssumeRole. Inside the transaction of a change, the account's generation token is
already the new one, so the sets are read afresh, with the change in them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Case, CharField, Value, When
from django.utils import timezone

from accounts.models import GroupMembership, IamUser, Role
from iamconsole.exceptions import GuardRailViolation
from iamconsole.principal import Principal

from ..authorization import PinnedPolicies, Requirement, check, pin_policies
from ..models import GuardRail

SESSION_NAME = "GuardRailCheck"


@dataclass(frozen=True)
class Outcome:
    """A rail's result: whether it holds, and why not (the principal and its decision)."""

    rail: GuardRail
    holds: bool
    detail: str

    @property
    def status(self) -> str:
        return "holds" if self.holds else "broken"

    def as_dict(self) -> dict[str, str]:
        """What an event's warning and a refusal's details list for a broken rail."""
        return {"name": self.rail.name, "expectation": self.rail.sentence,
                "mode": self.rail.mode, "detail": self.detail}


def _principal(kind: str, entity: IamUser | Role, account_id: str, now: datetime) -> Principal:
    """A console session of the user or role, as it would call (signed in with MFA)."""
    if kind == "user":
        return Principal(kind="user", account_id=account_id, arn=entity.arn,
                         unique_id=entity.unique_id, name=entity.name,
                         account_pk=entity.account_id, entity_pk=entity.pk,
                         mfa_authenticated_at=now, secure_transport=True)
    return Principal(kind="assumed-role", account_id=account_id,
                     arn=f"arn:aws:sts::{account_id}:assumed-role/{entity.name}/{SESSION_NAME}",
                     unique_id=f"{entity.unique_id}:{SESSION_NAME}", name=entity.name,
                     account_pk=entity.account_id, entity_pk=entity.pk,
                     session_name=SESSION_NAME, mfa_authenticated_at=now,
                     secure_transport=True)


def _subjects(rails: list[GuardRail], now: datetime) -> dict[str, list[Principal]]:
    """The principals each subject ARN stands for (three queries whatever the count): a user
    or a role itself, a group's members; none when it no longer exists."""
    accounts = {rail.account_id: rail.account.account_id for rail in rails}
    arns = {rail.subject for rail in rails}
    found: dict[str, list[Principal]] = defaultdict(list)
    fields = ("pk", "arn", "name", "unique_id", "account_id")
    for user in IamUser.objects.filter(account_id__in=accounts, arn__in=arns).only(*fields):
        found[user.arn].append(_principal("user", user, accounts[user.account_id], now))
    for role in Role.objects.filter(account_id__in=accounts, arn__in=arns).only(*fields):
        found[role.arn].append(_principal("role", role, accounts[role.account_id], now))
    members = GroupMembership.objects.filter(
        group__account_id__in=accounts, group__arn__in=arns).order_by("user__name")
    for membership in members.values_list("group__arn", "user__pk", "user__arn", "user__name",
                                          "user__unique_id", "user__account_id"):
        group_arn, pk, arn, name, unique_id, account_pk = membership
        user = IamUser(pk=pk, arn=arn, name=name, unique_id=unique_id, account_id=account_pk)
        found[group_arn].append(_principal("user", user, accounts[account_pk], now))
    return found


def _requirement(rail: GuardRail) -> Requirement:
    context = {key: values[0] if len(values) == 1 else list(values)
               for key, values in (rail.context or {}).items()}
    return Requirement(rail.action, rail.resource, context)


def check_rails(rails: Iterable[GuardRail]) -> list[Outcome]:
    """Each rail's outcome now. A user or role that no longer exists is denied everything;
    a group's rail holds when it holds for each of its members (so for an empty group)."""
    rails = list(rails)
    if not rails:
        return []
    now = datetime.now(UTC)
    subjects = _subjects(rails, now)
    pinned: dict[str, PinnedPolicies] = {}
    outcomes = []
    for rail in rails:
        expected_allowed = rail.expected == "allowed"
        principals = subjects.get(rail.subject, [])
        if not principals and not rail.is_group:
            holds = not expected_allowed
            outcomes.append(Outcome(rail, holds, "" if holds else
                                    f"{rail.subject} does not exist: it is denied everything."))
            continue
        detail = ""
        for principal in principals:
            pins = pinned.get(principal.arn)
            if pins is None:
                pins = pinned[principal.arn] = pin_policies(principal)
            decision = check(principal, _requirement(rail), pinned=pins)
            if decision.allowed != expected_allowed:
                name = principal.arn.split(":", 5)[-1]
                detail = f"{name}: {decision.decision}"
                break
        outcomes.append(Outcome(rail, not detail, detail))
    return outcomes


def record_outcomes(outcomes: list[Outcome]) -> None:
    """Store each rail's status, detail and time of check (one UPDATE)."""
    if not outcomes:
        return
    by_pk = {o.rail.pk: o for o in outcomes}
    GuardRail.objects.filter(pk__in=by_pk).update(
        last_status=Case(*(When(pk=pk, then=Value(o.status)) for pk, o in by_pk.items()),
                         output_field=CharField()),
        last_detail=Case(*(When(pk=pk, then=Value(o.detail[:2048])) for pk, o in by_pk.items()),
                         output_field=CharField()),
        checked_at=timezone.now(),
    )
    for outcome in outcomes:
        outcome.rail.last_status, outcome.rail.last_detail = outcome.status, outcome.detail


def recheck_accounts(account_pks: Iterable[int]) -> list[Outcome]:
    """Re-check the rails of accounts a change is altering, inside its transaction.

    A rail the change breaks (broken now, not already broken at its last check) refuses the
    change in block mode (GuardRailViolation listing them); in warn mode it is returned, for
    the change's event. Statuses that changed are stored with the change."""
    rails = list(GuardRail.objects.filter(account_id__in=set(account_pks))
                 .select_related("account"))
    if not rails:
        return []
    outcomes = check_rails(rails)
    broken = [o for o in outcomes if not o.holds and o.rail.last_status != "broken"]
    blocking = [o for o in broken if o.rail.mode == "block"]
    if blocking:
        listed = "; ".join(f"{o.rail.name} ({o.rail.sentence}: {o.detail})" for o in blocking)
        raise GuardRailViolation(
            f"The change would break {len(blocking)} guard rail(s) set to block: {listed}.",
            details=[o.as_dict() for o in blocking])
    record_outcomes([o for o in outcomes if o.status != o.rail.last_status])
    return [o for o in broken if o.rail.mode == "warn"]
