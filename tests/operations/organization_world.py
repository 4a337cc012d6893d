"""The organization the Organizations scenarios act on, built by their `setup` inside each
test: the world's account manages it, with the IDs the scenarios' ARNs name (o-exampleorg,
r-abcd, OU ou-abcd-11111111, SCP p-11111111, member account 222222222222)."""

from __future__ import annotations

import json

from accounts.models import (
    Account,
    CreateAccountRequest,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from accounts.services import account_create
from accounts.services.organization_accounts import (
    handshake_accept,
    handshake_invite,
    organization_account_create,
)
from accounts.services.organization_policies import (
    org_policy_attach,
    org_policy_create,
    policy_type_enable,
)
from accounts.services.organizations import organization_create, unit_create
from tests.conftest import ROOT_PASSWORD

from .world import ACCOUNT_ID

ORG_ID, ROOT_ID, OU_ID, POLICY_ID = "o-exampleorg", "r-abcd", "ou-abcd-11111111", "p-11111111"
MEMBER_ID, REQUEST_ID = "222222222222", "car-11111111"
SCP = "SERVICE_CONTROL_POLICY"
DENY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})


def _rename(model, pk: int, field: str, old: str, new: str) -> None:
    model.objects.filter(pk=pk).update(**{field: new})
    OrganizationPolicyAttachment.objects.filter(target_id=old).update(target_id=new)


def _outsider() -> Account:
    return account_create(account_id=MEMBER_ID, root_email="root@member.example",
                          root_password=ROOT_PASSWORD, name="Member")


def organization(*, scp: bool = True, member: bool = True) -> Organization:
    """The organization: the root, an empty OU, an SCP attached to nothing, SCPs enabled
    (`scp`), the member account in the root (`member`)."""
    management = Account.objects.get(account_id=ACCOUNT_ID)
    created = organization_create(account=management)
    _rename(Organization, created.pk, "root_id", created.root_id, ROOT_ID)
    Organization.objects.filter(pk=created.pk).update(org_id=ORG_ID)
    created = Organization.objects.select_related("management_account").get(pk=created.pk)
    if scp:
        policy_type_enable(organization=created, root_id=ROOT_ID, policy_type=SCP)
        created.refresh_from_db()
    unit = unit_create(organization=created, parent_id=ROOT_ID, name="Workloads")
    _rename(OrganizationalUnit, unit.pk, "ou_id", unit.ou_id, OU_ID)
    policy = org_policy_create(organization=created, name="DenyCreateUser", description="",
                               content=DENY, policy_type=SCP, tags={})
    OrganizationPolicy.objects.filter(pk=policy.pk).update(policy_id=POLICY_ID)
    if member:
        outsider = _outsider()
        handshake = handshake_invite(organization=created, target=outsider)
        handshake_accept(handshake=handshake, account=outsider)
    return created


def without_member() -> None:
    organization(member=False)


def with_outsider() -> None:
    """The organization, and an account in none (to invite)."""
    organization(member=False)
    _outsider()


def without_scp() -> None:
    organization(scp=False)


def with_member() -> None:
    organization()


def with_attachment() -> None:
    """The SCP attached to the OU."""
    organization()
    org_policy_attach(policy=OrganizationPolicy.objects.get(policy_id=POLICY_ID),
                      target_id=OU_ID)


def with_request() -> None:
    """A CreateAccount request of ID car-11111111."""
    created = organization(member=False)
    request = organization_account_create(organization=created, email="new@example.com",
                                          account_name="New")
    CreateAccountRequest.objects.filter(pk=request.pk).update(request_id=REQUEST_ID)
