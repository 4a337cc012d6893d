"""An organization for simulator tests: account 111111111111 manages it; 333333333333 is a
member in the Workloads OU, whose SCP denies ec2:TerminateInstances; the member's own RCP
keeps its roles from principals outside the organization; 222222222222 is outside."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Account, IamUser, Organization, OrganizationPolicy, Role
from accounts.models.organizations import RCP, SCP
from accounts.services import account_create, user_create
from accounts.services.organization_accounts import (
    account_move,
    handshake_accept,
    handshake_invite,
)
from accounts.services.organization_policies import (
    org_policy_attach,
    org_policy_create,
    org_policy_detach,
    policy_type_enable,
)
from accounts.services.organizations import organization_create, unit_create
from policies.services import policy_attach_to_user
from tests.documents import allow, deny, document_text
from tests.factories import RoleFactory
from tests.helpers import ROOT_PASSWORD

MEMBER_ID = "333333333333"
OUTSIDE_ID = "222222222222"


@dataclass
class World:
    """Who is where in the organization, and its policies."""

    organization: Organization
    management: Account
    member: Account
    outside: Account
    ou_id: str
    admin: IamUser  # the management account's administrator
    dev: IamUser  # the member account's administrator
    outsider: IamUser  # an administrator outside the organization
    shared: Role  # the member's role that every account's root trusts
    deny_terminate: OrganizationPolicy
    perimeter: OrganizationPolicy


def _admin(account: Account, name: str, aws_policy) -> IamUser:
    user = user_create(account=account, name=name)
    policy_attach_to_user(user=user, policy=aws_policy("AdministratorAccess"))
    return user


def build_world(account: Account, other_account: Account, aws_policy) -> World:
    """The organization, its OU, SCP and RCP, and one administrator in each account."""
    member = account_create(account_id=MEMBER_ID, alias="dev-acct", name="Development",
                            root_email="root@dev.example", root_password=ROOT_PASSWORD)
    organization = organization_create(account=account)
    handshake_accept(handshake=handshake_invite(organization=organization, target=member),
                     account=member)
    unit = unit_create(organization=organization, parent_id=organization.root_id,
                       name="Workloads")
    account_move(organization=organization, member=member.organization_membership,
                 source_parent_id=organization.root_id, destination_parent_id=unit.ou_id)
    for policy_type in (SCP, RCP):
        organization = policy_type_enable(organization=organization,
                                          root_id=organization.root_id,
                                          policy_type=policy_type)
    deny_terminate = org_policy_create(
        organization=organization, name="DenyTerminate", description="", policy_type=SCP,
        content=document_text(deny("ec2:TerminateInstances", Sid="NoTerminate")))
    org_policy_attach(policy=deny_terminate, target_id=unit.ou_id)
    perimeter = org_policy_create(
        organization=organization, name="Perimeter", description="", policy_type=RCP,
        content=document_text(deny(
            ["sts:AssumeRole", "s3:*"], Sid="OrgOnly", Principal="*",
            Condition={"StringNotEqualsIfExists": {"aws:PrincipalOrgID": organization.org_id},
                       "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}})))
    org_policy_attach(policy=perimeter, target_id=MEMBER_ID)
    shared = RoleFactory(account=member, name="Shared", trust={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": [
            f"arn:aws:iam::{account.account_id}:root", f"arn:aws:iam::{OUTSIDE_ID}:root",
            f"arn:aws:iam::{MEMBER_ID}:root"]}}],
    })
    return World(organization, account, member, other_account, unit.ou_id,
                 _admin(account, "admin", aws_policy), _admin(member, "dev", aws_policy),
                 _admin(other_account, "outsider", aws_policy), shared, deny_terminate,
                 perimeter)


def allow_only_s3_at_the_account(world: World) -> OrganizationPolicy:
    """The member account's level allows s3:* and iam:* only (FullAWSAccess detached from it)."""
    only_s3 = org_policy_create(organization=world.organization, name="OnlyS3", description="",
                                policy_type=SCP, content=document_text(allow(["s3:*", "iam:*"])))
    org_policy_attach(policy=only_s3, target_id=MEMBER_ID)
    full = world.organization.policies.get(name="FullAWSAccess")
    org_policy_detach(policy=full, target_id=MEMBER_ID)
    return only_s3
