"""Who can assume which role: the role's trust policy (as the resource-based policy) and
the caller's own permissions, decided by the engine for each candidate."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .evaluators import Evaluators, Grant
from .model import AccountModel, Entity

ASSUME = "sts:AssumeRole"


@dataclass(frozen=True)
class Hop:
    """One step of a path: `actor` does `technique` on `target`, allowed by `grants`."""

    actor: str
    technique: str
    target: str
    grants: tuple[Grant, ...]
    note: str = ""
    # What the step acts on when it is not the target: the policy a new version is written
    # to, the group joined or given a policy.
    resource: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"actor": self.actor, "technique": self.technique, "target": self.target,
                "grants": [g.as_dict() for g in self.grants], "note": self.note,
                "resource": self.resource or self.target}


def _candidate(principal: Entity, role: Entity, text: str, wide: bool, identity: bool) -> bool:
    """Whether the trust policy may name the principal (a superset: the engine decides)."""
    if principal.arn == role.arn:
        return False
    if not (wide or principal.account_id in text):
        return False
    same_account = principal.account_id == role.account_id
    # A same-account trust naming the principal itself grants without an identity policy.
    return identity or (same_account and (wide or principal.arn in text))


def resource_tags(role: Entity) -> dict[str, str]:
    """The role's tags as the condition keys a request on it carries."""
    found: dict[str, str] = {}
    for key, value in role.tags.items():
        found[f"aws:ResourceTag/{key}"] = value
        found[f"iam:ResourceTag/{key}"] = value
    return found


def assume_hop(evs: Evaluators, principal: Entity, role: Entity,
               trust_text: str | None = None) -> Hop | None:
    """The hop `principal` → AssumeRole → `role` when the engine allows it."""
    text = role.trust_text if trust_text is None else trust_text
    context = resource_tags(role) if evs.tests_resource_tags(principal) else None
    result = evs.evaluate(principal, ASSUME, role.arn, resource_policy=text,
                          resource_account=role.account_id, context=context)
    if not result.allowed:
        return None
    grants = evs.grants(principal, result, trust_of=role.name)
    return Hop(principal.arn, ASSUME, role.arn, tuple(grants))


def assume_edges(model: AccountModel, evs: Evaluators) -> dict[str, list[Hop]]:
    """For each role of the account, the principals that may assume it."""
    principals = model.principals
    identity = {p.arn: evs.may_allow(p, ASSUME, "*") and evs.evaluate(p, ASSUME, "*").allowed
                for p in principals}
    edges: dict[str, list[Hop]] = {}
    for role in model.of_kind("role"):
        text = role.trust_text
        wide = '"*"' in text or "NotPrincipal" in text
        hops = []
        for principal in principals:
            if not _candidate(principal, role, text, wide, identity[principal.arn]):
                continue
            hop = assume_hop(evs, principal, role)
            if hop is not None:
                hops.append(hop)
        edges[role.arn] = hops
    return edges


def paths_to(targets: set[str], edges: dict[str, list[Hop]]) -> dict[str, tuple[Hop, ...]]:
    """The shortest AssumeRole chain from each principal to one of `targets` (roles)."""
    incoming = edges
    best: dict[str, tuple[Hop, ...]] = {arn: () for arn in targets}
    queue = deque(targets)
    while queue:
        target = queue.popleft()
        for hop in incoming.get(target, ()):
            if hop.actor not in best:
                best[hop.actor] = (hop, *best[target])
                queue.append(hop.actor)
    return best
