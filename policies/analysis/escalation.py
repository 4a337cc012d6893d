"""Privilege-escalation paths: for every principal of the account, the shortest chain of
steps (techniques.py) that ends with administrator-equivalent access, each step with the
statements that allow it."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .evaluators import Evaluators
from .model import AccountModel, Entity
from .techniques import Checker, become, empower, makes_admin
from .trust import Hop, assume_edges


@dataclass(frozen=True)
class Finding:
    """A principal that can reach administrator-equivalent access, and how."""

    principal: str
    kind: str
    name: str
    steps: tuple[Hop, ...]
    # The administrator it becomes (or makes of itself or of a principal it can become).
    admin: str

    @property
    def techniques(self) -> list[str]:
        return list(dict.fromkeys(step.technique for step in self.steps))

    def as_dict(self) -> dict[str, Any]:
        return {"principal": self.principal, "kind": self.kind, "name": self.name,
                "admin": self.admin, "techniques": self.techniques,
                "steps": [step.as_dict() for step in self.steps]}


@dataclass
class EscalationReport:
    """Who is an administrator already, and who can become one."""

    account_id: str
    admins: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Who may assume which role (the graph's trust edges).
    trust: list[Hop] = field(default_factory=list)

    def for_principal(self, arn: str) -> Finding | None:
        return next((f for f in self.findings if f.principal == arn), None)

    def as_dict(self) -> dict[str, Any]:
        return {"account_id": self.account_id, "administrators": self.admins,
                "findings": [f.as_dict() for f in self.findings]}


class _Search:
    """Steps of each principal, computed once and shared by every start."""

    def __init__(self, model: AccountModel, evs: Evaluators) -> None:
        self.model, self.evs = model, evs
        self.checker = Checker(model, evs)
        self.assumable: dict[str, list[Hop]] = {}
        for hops in assume_edges(model, evs).values():
            for hop in hops:
                self.assumable.setdefault(hop.actor, []).append(hop)
        self._become: dict[str, list[Hop]] = {}
        self._empower: dict[str, list[Hop]] = {}
        self._admin: dict[str, bool] = {}

    def is_admin(self, arn: str) -> bool:
        if arn not in self._admin:
            self._admin[arn] = self.evs.is_admin(self.model.entities[arn])
        return self._admin[arn]

    def become(self, arn: str) -> list[Hop]:
        if arn not in self._become:
            actor = self.model.entities[arn]
            self._become[arn] = list(become(self.checker, actor, self.assumable.get(arn, [])))
        return self._become[arn]

    def empower(self, arn: str) -> list[Hop]:
        if arn not in self._empower:
            actor = self.model.entities[arn]
            self._empower[arn] = [hop for hop in empower(self.checker, actor)
                                  if not self.is_admin(hop.target)
                                  and makes_admin(self.checker, hop)]
        return self._empower[arn]

    def find(self, start: Entity) -> Finding | None:
        """Breadth-first over the become steps from `start`; then the first principal
        reached (in that order) that is an administrator, or that can make one of the
        reached principals (or itself) one."""
        paths: dict[str, tuple[Hop, ...]] = {start.arn: ()}
        queue = deque([start.arn])
        while queue:
            arn = queue.popleft()
            for hop in self.become(arn):
                if hop.target not in paths:
                    paths[hop.target] = paths[arn] + (hop,)
                    queue.append(hop.target)
        for arn, path in paths.items():
            if arn != start.arn and self.is_admin(arn):
                return self._finding(start, path, arn)
            for hop in self.empower(arn):
                if hop.target in paths:
                    steps = path + (hop,)
                    if hop.target != arn:
                        steps += paths[hop.target]
                    return self._finding(start, steps, hop.target)
        return None

    def _finding(self, start: Entity, steps: tuple[Hop, ...], admin: str) -> Finding:
        return Finding(start.arn, start.kind, start.name, steps, admin)


def analyse(model: AccountModel, evs: Evaluators | None = None) -> EscalationReport:
    """Every principal's escalation path (the shortest one), and the administrators."""
    search = _Search(model, evs or Evaluators(model))
    report = EscalationReport(model.account_id)
    for principal in model.principals:
        if principal.external:
            continue
        if search.is_admin(principal.arn):
            report.admins.append(principal.arn)
            continue
        finding = search.find(principal)
        if finding is not None:
            report.findings.append(finding)
    report.trust = [hop for hops in search.assumable.values() for hop in hops]
    return report
