"""The console's picture of an organization: its root, OUs and accounts in tree order, the
SCPs and RCPs attached to each, and what binds each account (read in five queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import (
    Organization,
    OrganizationalUnit,
    OrganizationMember,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from .models.organizations import POLICY_TYPES, RCP, SCP


@dataclass
class Attached:
    """A policy attached to a node."""

    policy_id: str
    name: str
    policy_type: str
    aws_managed: bool


@dataclass
class Node:
    """The root, an OU or an account, where it stands in the tree."""

    kind: str  # ROOT, ORGANIZATIONAL_UNIT, ACCOUNT
    target_id: str
    name: str
    depth: int
    parent_id: str | None
    email: str = ""
    management: bool = False
    policies: list[Attached] = field(default_factory=list)
    # For an account: (level's label, its policies' names) for SCPs and RCPs.
    binding: dict[str, list[tuple[str, list[Attached]]]] = field(default_factory=dict)

    def of_type(self, policy_type: str) -> list[Attached]:
        return [p for p in self.policies if p.policy_type == policy_type]

    @property
    def scps(self) -> list[Attached]:
        return self.of_type(SCP)

    @property
    def rcps(self) -> list[Attached]:
        return self.of_type(RCP)

    @property
    def binding_scps(self) -> list[tuple[str, list[Attached]]]:
        return self.binding.get(SCP, [])

    @property
    def binding_rcps(self) -> list[tuple[str, list[Attached]]]:
        return self.binding.get(RCP, [])


@dataclass
class OrganizationTree:
    """Every node in tree order (each OU followed by its accounts and sub-OUs)."""

    organization: Organization
    nodes: list[Node]
    policies: list[OrganizationPolicy]

    @property
    def parents(self) -> list[Node]:
        return [n for n in self.nodes if n.kind != "ACCOUNT"]

    @property
    def accounts(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "ACCOUNT"]

    def node(self, target_id: str) -> Node | None:
        return next((n for n in self.nodes if n.target_id == target_id), None)

    def policies_of(self, policy_type: str) -> list[OrganizationPolicy]:
        return [p for p in self.policies if p.policy_type == policy_type]

    @property
    def scp_policies(self) -> list[OrganizationPolicy]:
        return self.policies_of(SCP)

    @property
    def rcp_policies(self) -> list[OrganizationPolicy]:
        return self.policies_of(RCP)


def organization_tree(organization: Organization) -> OrganizationTree:
    """The organization's tree, policies and attachments."""
    units = list(OrganizationalUnit.objects.filter(organization=organization)
                 .values_list("pk", "ou_id", "name", "parent_id"))
    members = list(OrganizationMember.objects.filter(organization=organization)
                   .select_related("account").order_by("account__account_id"))
    policies = list(OrganizationPolicy.objects.filter(organization=organization)
                    .order_by("policy_type", "-aws_managed", "name"))
    by_pk = {p.pk: p for p in policies}
    attached: dict[str, list[Attached]] = {}
    for policy_pk, target_id in (OrganizationPolicyAttachment.objects
                                 .filter(policy__organization=organization)
                                 .values_list("policy_id", "target_id")):
        policy = by_pk[policy_pk]
        attached.setdefault(target_id, []).append(Attached(
            policy.policy_id, policy.name, policy.policy_type, policy.aws_managed))
    ou_ids = {pk: ou_id for pk, ou_id, _, _ in units}
    children: dict[str | None, list[tuple[str, str]]] = {}
    for _, ou_id, name, parent_pk in sorted(units, key=lambda u: u[2].lower()):
        children.setdefault(ou_ids.get(parent_pk), []).append((ou_id, name))
    accounts: dict[str | None, list[OrganizationMember]] = {}
    for member in members:
        accounts.setdefault(ou_ids.get(member.parent_id), []).append(member)
    root = Node("ROOT", organization.root_id, organization.root_name, 0, None,
                policies=attached.get(organization.root_id, []))
    nodes = [root]
    _walk(organization, None, root, 1, children, accounts, attached, nodes, [root])
    return OrganizationTree(organization, nodes, policies)


def _walk(organization: Organization, parent: str | None, parent_node: Node, depth: int,
          children: dict[str | None, list[tuple[str, str]]],
          accounts: dict[str | None, list[OrganizationMember]],
          attached: dict[str, list[Attached]], nodes: list[Node], path: list[Node]) -> None:
    for member in accounts.get(parent, []):
        account = member.account
        node = Node("ACCOUNT", account.account_id, account.name or account.display_name, depth,
                    parent_node.target_id, email=account.root_email,
                    management=account.pk == organization.management_account_id,
                    policies=attached.get(account.account_id, []))
        levels = [*path, node]
        node.binding = {} if node.management else {
            policy_type: [(_label(level), level.of_type(policy_type)) for level in levels]
            for policy_type in POLICY_TYPES if policy_type in organization.enabled_policy_types}
        nodes.append(node)
    for ou_id, name in children.get(parent, []):
        node = Node("ORGANIZATIONAL_UNIT", ou_id, name, depth, parent_node.target_id,
                    policies=attached.get(ou_id, []))
        nodes.append(node)
        _walk(organization, ou_id, node, depth + 1, children, accounts, attached, nodes,
              [*path, node])


def _label(node: Node) -> str:
    if node.kind == "ROOT":
        return "Root"
    if node.kind == "ORGANIZATIONAL_UNIT":
        return f"OU {node.name}"
    return "The account itself"
