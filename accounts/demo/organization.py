"""The demo's organization: Example Corp manages it; a Workloads OU holds the development
and partner accounts, with a region-deny SCP and a data-perimeter RCP attached to it."""

from __future__ import annotations

from ..models import (
    Account,
    Organization,
    OrganizationMember,
    OrganizationPolicyAttachment,
)
from ..models.organizations import POLICY_TYPES, RCP, SCP
from ..services.organization_accounts import account_move, handshake_accept, handshake_invite
from ..services.organization_policies import (
    org_policy_attach,
    org_policy_create,
    policy_type_enable,
)
from ..services.organizations import (
    bump_accounts,
    organization_create,
    organization_of,
    unit_create,
)
from . import documents as docs

WORKLOADS = "Workloads"
REGION_DENY = "DenyRegionsOutsideUsEast2AndEuWest1"
DATA_PERIMETER = "DataPerimeter"


def build_organization(management: Account, members: list[Account],
                       log: list[str]) -> Organization | None:
    """Create what the demo's organization lacks (idempotent): the organization, both
    policy types, the Workloads OU with `members` in it, and its SCP and RCP; the
    organization (None when Example Corp is another's member)."""
    organization = organization_of(management)
    if organization is None:
        organization = organization_create(account=management)
        log.append(f"Created organization {organization.org_id} (Example Corp manages it).")
    elif organization.management_account_id != management.pk:
        log.append("Example Corp is a member of another organization: none was built.")
        return None
    for policy_type in POLICY_TYPES:
        if policy_type not in organization.enabled_policy_types:
            organization = policy_type_enable(organization=organization,
                                              root_id=organization.root_id,
                                              policy_type=policy_type)
    unit = organization.units.filter(name=WORKLOADS, parent=None).first() or unit_create(
        organization=organization, parent_id=organization.root_id, name=WORKLOADS)
    for account in members:
        _join(organization, account, unit.ou_id)
    _policy(organization, REGION_DENY, docs.SCP_DENY_OTHER_REGIONS, SCP, unit.ou_id,
            "Denies every region but us-east-2 and eu-west-1 (global services excepted).")
    _policy(organization, DATA_PERIMETER, docs.data_perimeter_rcp(organization.org_id), RCP,
            unit.ou_id, "The accounts' buckets, keys and roles only for the organization.")
    return organization


def _join(organization: Organization, account: Account, ou_id: str) -> None:
    """The account invited and accepted (once), then in the OU."""
    member = OrganizationMember.objects.filter(account=account).first()
    if member is None:
        handshake = handshake_invite(organization=organization, target=account,
                                     notes="Join Example Corp's organization.")
        handshake_accept(handshake=handshake, account=account)
        member = OrganizationMember.objects.get(account=account)
    if member.organization_id != organization.pk:
        return
    if member.parent is None or member.parent.ou_id != ou_id:
        account_move(organization=organization, member=member,
                     source_parent_id=(member.parent.ou_id if member.parent
                                       else organization.root_id),
                     destination_parent_id=ou_id)


def _policy(organization: Organization, name: str, content: str, policy_type: str,
            target_id: str, description: str) -> None:
    policy = organization.policies.filter(name=name, policy_type=policy_type).first()
    if policy is None:
        policy = org_policy_create(organization=organization, name=name,
                                   description=description, content=content,
                                   policy_type=policy_type)
    if not policy.attachments.filter(target_id=target_id).exists():
        org_policy_attach(policy=policy, target_id=target_id)


def reset_organization(management: Account, keep: list[str]) -> None:
    """`load_demo --reset`: the organization Example Corp manages keeps its ID and root
    (hand-outs and presets name them) and loses what a class added: OUs, its own policies,
    attachments, invitations and accounts other than `keep` (account IDs); the demo then
    builds the rest anew."""
    organization = Organization.objects.filter(management_account=management).first()
    if organization is None:
        return
    accounts = list(organization.members.values_list("account_id", flat=True))
    organization.members.update(parent=None)
    organization.members.exclude(account=management).exclude(
        account__account_id__in=keep).delete()
    units = list(organization.units.all())
    OrganizationPolicyAttachment.objects.filter(
        policy__organization=organization,
        target_id__in=[unit.ou_id for unit in units]).delete()
    while units:  # the leaves first: an OU's parent is protected while it has children
        parents = {unit.parent_id for unit in units}
        leaves = [unit for unit in units if unit.pk not in parents]
        for unit in leaves:
            unit.delete()
        units = [unit for unit in units if unit not in leaves]
    organization.policies.filter(aws_managed=False).delete()
    organization.handshakes.all().delete()
    bump_accounts(accounts)
