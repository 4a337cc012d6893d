"""The organization's guardrails in a simulation: SCP and RCP levels with their names.

In principal mode the SCPs that bind the principal come from its policy set (loaded as
authorization loads it: `sources.principal_snapshot`), and the RCPs of each resource's
account from `policies.authorization.resource_guardrails`, the function authorization
itself asks; levels typed into the simulation (`scp_levels`, `rcp_levels`) take their
type's place. Each level is named (`Root (r-ab12)`, `OU Workloads (ou-ab12-cdefgh12)`,
`Account 345678901234`) so the explanation can say which one denied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accounts.organizations_selectors import OrganizationControls
from policies.authorization import (
    RCP_SERVICES,
    PolicySet,
    resource_account,
    resource_guardrails,
)
from policies.engine import MatchedStatement

from .inputs import SimulationInput
from .results import LevelOutcome, PolicyRef
from .sources import MayRead, PrincipalSnapshot

KINDS = {"scp": "Service control policy", "rcp": "Resource control policy"}
# AddRef(slot, **PolicyRef fields) -> the registered PolicyRef (runner._Refs.add).
AddRef = Callable[..., PolicyRef]


@dataclass(frozen=True)
class Level:
    """One level of SCPs or RCPs: who it is and its policies."""

    label: str
    target_id: str | None
    policies: tuple[PolicyRef, ...]


def level_label(target_id: str, name: str) -> str:
    """`Root (r-ab12)`, `OU Workloads (ou-ab12-cdefgh12)` or `Account 345678901234`."""
    if target_id.startswith("r-"):
        return f"Root ({target_id})"
    if target_id.startswith("ou-"):
        return f"OU {name} ({target_id})"
    return f"Account {target_id}"


def typed_levels(kind: str, refs: Mapping[tuple[str, int | None, int], PolicyRef],
                 levels: Sequence[Sequence[str]]) -> tuple[Level, ...]:
    """The levels typed into the simulation, with the refs `runner` registered for them."""
    return tuple(
        Level(f"Level {i + 1} (root)" if i == 0 else f"Level {i + 1}", None,
              tuple(refs[(kind, i, j)] for j in range(len(level))))
        for i, level in enumerate(levels)
    )


def outcomes(kind: str, levels: Sequence[Level], matched: Sequence[MatchedStatement],
             details: Mapping[str, str]) -> tuple[LevelOutcome, ...]:
    """Each level's own outcome for one request: a Deny that applied denies; for SCPs a
    level without an Allow that applied does not allow (RCP levels hold RCPFullAWSAccess)."""
    if kind not in details:
        return ()
    found = []
    for index, level in enumerate(levels):
        effects = {m.effect for m in matched if m.policy_type == kind and m.level_index == index}
        if "Deny" in effects:
            outcome = "explicitDeny"
        elif "Allow" in effects or kind == "rcp":
            outcome = "allowed"
        else:
            outcome = "implicitDeny"
        found.append(LevelOutcome(kind, level.label, level.target_id, level.policies, outcome))
    return tuple(found)


@dataclass(frozen=True)
class ResourceSide:
    """What a resource's account adds to its requests: the account, the RCP texts and
    named levels (None: none apply), and the resource's condition keys."""

    account: str
    rcp: tuple[tuple[str, ...], ...] | None
    levels: tuple[Level, ...]
    slots: Mapping[tuple[int, int], PolicyRef]
    context: Mapping[str, Any]


class Guardrails:
    """The organization policies of a principal simulation, registered once per policy."""

    def __init__(self, simulation: SimulationInput, snapshot: PrincipalSnapshot | None,
                 policy_set: PolicySet, principal_account: str, add: AddRef,
                 may_read: MayRead) -> None:
        self.simulation = simulation
        self.policy_set = policy_set
        self.principal_account = principal_account
        self.controls = snapshot.controls if snapshot is not None else None
        # The organization's own levels take part only in principal mode, switched on.
        self.applies = snapshot is not None and simulation.apply_organization_policies
        self._add = add
        self._may_read = may_read
        self._sides: dict[tuple[str, bool], ResourceSide] = {}
        self._by_arn: dict[tuple[str, str], PolicyRef] = {}
        self.scp_levels: tuple[Level, ...] = ()
        self.scp: tuple[tuple[str, ...], ...] | None = None
        if self.applies and simulation.scp_levels is None and policy_set.scp is not None:
            assert self.controls is not None
            self.scp = policy_set.scp
            self.scp_levels = self._levels("scp", self.controls, policy_set.scp,
                                           policy_set.scp_arns)

    def _levels(self, kind: str, controls: OrganizationControls,
                texts: Sequence[Sequence[str]], arns: Sequence[Sequence[str]]
                ) -> tuple[Level, ...]:
        levels = []
        for index, (level_texts, level_arns) in enumerate(zip(texts, arns, strict=True)):
            target_id, name = (controls.targets[index] if index < len(controls.targets)
                               else (f"level-{index + 1}", ""))
            label = level_label(target_id, name)
            refs = tuple(self._ref(kind, controls, label, arn, text)
                         for arn, text in zip(level_arns, level_texts, strict=True))
            levels.append(Level(label, target_id, refs))
        return tuple(levels)

    def _ref(self, kind: str, controls: OrganizationControls, label: str, arn: str,
             text: str) -> PolicyRef:
        key = (arn, label)
        if key not in self._by_arn:
            own = self.controls is not None and self.controls.org_id == controls.org_id
            decision = self._may_read("DescribePolicy", arn) if own else None
            readable = decision is not None and decision.allowed
            hidden = ("" if readable else decision.message if decision is not None
                      else "This policy belongs to another organization.")
            self._by_arn[key] = self._add(
                None, source_type=kind, source_id=arn, name=controls.names.get(arn, arn),
                kind=KINDS[kind], via=f"attached to {label}", text=text if readable else None,
                hidden_reason=hidden)
        return self._by_arn[key]

    def resource_side(self, action: str, resource: str) -> ResourceSide | None:
        """The RCPs and keys of the resource's account, or None when the organization's
        policies are left out (typed RCP levels then apply as given)."""
        if not self.applies:
            return None
        account = self.simulation.resource_owner or resource_account(
            self.principal_account, resource)
        # Read once per account (and whether the service is one RCPs cover).
        key = (account, action.partition(":")[0].lower() in RCP_SERVICES)
        side = self._sides.get(key)
        if side is None:
            guard = resource_guardrails(self.principal_account, self.policy_set, action,
                                        account)
            side = self._side(guard.rcp, guard.rcp_arns, guard.controls, account,
                              guard.context)
            self._sides[key] = side
        return side

    def _side(self, rcp: Any, arns: Any, controls: OrganizationControls | None,
              account: str, context: Mapping[str, Any]) -> ResourceSide:
        if self.simulation.rcp_levels is not None or rcp is None:
            return ResourceSide(account, None, (), {}, context)
        controls = controls or self.controls
        assert controls is not None  # RCPs come from an organization
        levels = self._levels("rcp", controls, rcp, arns)
        slots = {(i, j): ref for i, level in enumerate(levels)
                 for j, ref in enumerate(level.policies)}
        return ResourceSide(account, rcp, levels, slots, context)
