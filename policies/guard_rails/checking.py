"""Evaluating guard rails with console authorization's own code, and re-checking them when a
change alters an account's decisions.

Each rail is decided by `policies.authorization.check` for a console session of its subject
(a user, a session of a role, or each member of a group), with the policy set authorization
pins: identity policies, boundary, the organization's SCPs and RCPs, a role's trust policy
for sts:AssumeRole. The sets are read from the database each time (never from the cache),
inside the transaction of the change being checked, so they hold the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.models import Case, CharField, Value, When
from django.utils import timezone

from accounts.models import Account
from accounts.organizations_selectors import OrganizationControls, organization_controls
from iamconsole.cache import principal_policies_state
from iamconsole.exceptions import GuardRailViolation
from iamconsole.principal import Principal

from ..analysis.evaluators import policy_set
from ..analysis.model import Entity
from ..authorization import PinnedPolicies, PolicySet, Requirement, check
from ..engine import PolicyEngineError
from ..models import GuardRail
from ..policy_sets import with_organization
from .loading import load_subjects

SESSION_NAME = "GuardRailCheck"
_SERVICE_ROLE = ":role/aws-service-role/"
# Policy sets by everything they are built from (see `_policy_set`), in this process.
_SETS: dict[tuple[Any, ...], PolicySet] = {}
_SETS_MAX = 4096


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


def _principal(entity: Entity, account_pk: int, now: datetime) -> Principal:
    """A console session of the user or role, as it would call (signed in with MFA)."""
    if entity.kind == "user":
        return Principal(kind="user", account_id=entity.account_id, arn=entity.arn,
                         unique_id=entity.unique_id, name=entity.name, account_pk=account_pk,
                         mfa_authenticated_at=now, secure_transport=True)
    return Principal(kind="assumed-role", account_id=entity.account_id,
                     arn=f"arn:aws:sts::{entity.account_id}:assumed-role/{entity.name}/"
                         f"{SESSION_NAME}",
                     unique_id=f"{entity.unique_id}:{SESSION_NAME}", name=entity.name,
                     account_pk=account_pk, session_name=SESSION_NAME,
                     mfa_authenticated_at=now, secure_transport=True)


def _policy_set(entity: Entity, controls: OrganizationControls | None,
                exempt: bool) -> PolicySet:
    """The entity's policy set with the organization's controls; the set built for the same
    policies before is reused, with its compiled engine (a change alters few principals, and
    compiling every principal's policies again for each change would cost the most)."""
    key = (entity.arn, tuple(s.document_text for s in entity.identity),
           entity.boundary.document_text if entity.boundary else None,
           tuple(sorted(entity.tags.items())), exempt,
           None if controls is None else (controls.org_id, controls.org_path,
                                          repr(controls.scp), repr(controls.rcp)))
    found = _SETS.get(key)
    if found is None:
        if len(_SETS) >= _SETS_MAX:
            _SETS.clear()
        found = _SETS[key] = with_organization(policy_set(entity), controls,
                                               exempt_from_scps=exempt)
    return found


@dataclass
class _Subjects:
    """The principals each subject ARN stands for, with their pinned policies."""

    principals: dict[str, list[Principal]] = field(default_factory=dict)
    pinned: dict[str, PinnedPolicies] = field(default_factory=dict)


def _load(rails: list[GuardRail], now: datetime) -> _Subjects:
    """The principals of the rails' subjects with their policy sets, as authorization pins
    them (the organization's controls added, none for a service-linked role), in a fixed
    number of queries per account."""
    found = _Subjects()
    by_account: dict[int, tuple[Account, set[str]]] = {}
    for rail in rails:
        by_account.setdefault(rail.account_id, (rail.account, set()))[1].add(rail.subject)
    for account_pk, (account, subjects) in by_account.items():
        version, in_organization = principal_policies_state(account_pk)
        controls = organization_controls(account_pk) if in_organization else None
        entities, members = load_subjects(account, subjects)
        for entity in entities:
            principal = _principal(entity, account_pk, now)
            found.principals[entity.arn] = [principal]
            exempt = entity.kind == "role" and _SERVICE_ROLE in entity.arn.lower()
            found.pinned[principal.arn] = PinnedPolicies(
                _policy_set(entity, controls, exempt), version)
        for group_arn, users in members.items():
            if group_arn in subjects:
                found.principals[group_arn] = [found.principals[arn][0] for arn in users]
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
    subjects = _load(rails, datetime.now(UTC))
    outcomes = []
    for rail in rails:
        expected_allowed = rail.expected == "allowed"
        principals = subjects.principals.get(rail.subject, [])
        if not principals and not rail.is_group:
            holds = not expected_allowed
            outcomes.append(Outcome(rail, holds, "" if holds else
                                    f"{rail.subject} does not exist: it is denied everything."))
            continue
        detail = ""
        for principal in principals:
            try:
                decision = check(principal, _requirement(rail),
                                 pinned=subjects.pinned[principal.arn])
            except PolicyEngineError as exc:  # a rail saved before today's rules
                detail = f"cannot be evaluated: {exc}"
                break
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
