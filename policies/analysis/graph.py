"""The account as a graph: users, groups, roles and managed policies; membership,
attachment, trust (who may assume a role) and escalation edges. Optionally narrowed to one
principal's neighbourhood, and capped so that a page stays readable."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .escalation import EscalationReport
from .model import AccountModel
from .trust import Hop

MAX_NODES = 200
KINDS = ("user", "group", "role", "policy")
# The drawing's columns: users, then groups above roles, then policies.
COLUMNS = {"user": 0, "group": 1, "role": 1, "policy": 2}


@dataclass(frozen=True)
class Node:
    id: str  # the ARN
    kind: str  # user | group | role | policy
    label: str
    detail: str = ""  # a tooltip: inline policies, the trust's services...
    flag: str = ""  # "admin" | "escalates" | ""
    external: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # member | attached | trust | escalation
    label: str = ""


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    total: int = 0  # nodes before narrowing or capping
    focus: str = ""
    truncated: bool = False  # capped: some nodes left out

    def neighbours(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for edge in self.edges:
            found[edge.source].add(edge.target)
            found[edge.target].add(edge.source)
        return found


def _escalation_edges(report: EscalationReport | None) -> list[Edge]:
    if report is None:
        return []
    edges: dict[tuple[str, str], Edge] = {}
    hops: list[Hop] = [step for f in report.findings for step in f.steps]
    for hop in hops:
        # A step on oneself is drawn to what it changes (the policy, the group).
        target = hop.target if hop.target != hop.actor else hop.resource
        if not target or target == hop.actor:
            continue
        edges.setdefault((hop.actor, target), Edge(hop.actor, target, "escalation",
                                                   hop.technique))
    return list(edges.values())


def build_graph(model: AccountModel, report: EscalationReport | None = None) -> Graph:
    """Every entity of the account and how they connect."""
    graph = Graph()
    admins = set(report.admins) if report else set()
    escalating = {f.principal for f in report.findings} if report else set()
    for entity in model.entities.values():
        flag = "admin" if entity.arn in admins else (
            "escalates" if entity.arn in escalating else "")
        detail = ", ".join(f"inline: {name}" for name in entity.inline)
        if entity.kind == "role" and entity.trust_services:
            detail = ", ".join(filter(None, [detail, "trusts " + ", ".join(
                sorted(entity.trust_services))]))
        label = entity.name if not entity.external else f"{entity.name} ({entity.account_id})"
        graph.nodes[entity.arn] = Node(entity.arn, entity.kind, label, detail, flag,
                                       entity.external)
        for group in entity.groups:
            graph.edges.append(Edge(entity.arn, group, "member"))
        for policy in entity.attached:
            graph.edges.append(Edge(entity.arn, policy, "attached"))
    for policy in model.policies.values():
        if policy.attached_to:
            graph.nodes[policy.arn] = Node(policy.arn, "policy", policy.name,
                                           "customer managed" if policy.customer
                                           else "AWS managed")
    for hop in report.trust if report else ():
        graph.edges.append(Edge(hop.actor, hop.target, "trust", "sts:AssumeRole"))
    graph.edges += _escalation_edges(report)
    # External principals appear only where they connect.
    connected = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    graph.nodes = {k: n for k, n in graph.nodes.items() if not n.external or k in connected}
    graph.total = len(graph.nodes)
    return graph


def _keep(graph: Graph, keep: set[str]) -> None:
    graph.nodes = {k: n for k, n in graph.nodes.items() if k in keep}
    graph.edges = [e for e in graph.edges if e.source in keep and e.target in keep]


def narrow(graph: Graph, focus: str) -> Graph:
    """The principal (or group, role, policy), what it is connected to, and the policies
    of those (two steps for policies, so a user's groups show their policies)."""
    if focus not in graph.nodes:
        return graph
    near = graph.neighbours()
    keep = {focus} | near[focus]
    for arn in list(keep):
        keep |= {n for n in near[arn] if graph.nodes.get(n, Node("", "", "")).kind == "policy"}
    _keep(graph, keep)
    graph.focus = focus
    return graph


def cap(graph: Graph, limit: int = MAX_NODES) -> Graph:
    """At most `limit` nodes: flagged principals and their neighbourhoods first, then the
    rest in name order."""
    if len(graph.nodes) <= limit:
        return graph
    near = graph.neighbours()
    order = sorted(graph.nodes.values(), key=lambda n: (not n.flag, n.kind != "user",
                                                        n.label.lower()))
    keep: dict[str, None] = {}
    for node in order:
        if len(keep) >= limit:
            break
        keep[node.id] = None
        if node.flag:
            for other in sorted(near[node.id]):
                if len(keep) < limit:
                    keep[other] = None
    _keep(graph, set(keep))
    graph.truncated = True
    return graph
