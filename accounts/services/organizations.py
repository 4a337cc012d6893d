"""Services of AWS Organizations: the organization, its root and OUs, and what they change
in authorization (each change bumps the policy generation of the accounts it affects, in
its own transaction: iamconsole.cache)."""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Iterable

from django.db import transaction

from iamconsole.cache import invalidate_accounts
from iamconsole.organizations_errors import (
    AlreadyInOrganizationException,
    ConstraintViolationException,
    DuplicateOrganizationalUnitException,
    InvalidInputException,
    OrganizationalUnitNotEmptyException,
    OrganizationNotEmptyException,
    ParentNotFoundException,
)

from ..models import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
    OrganizationPolicyAttachment,
)
from ..models.organizations import POLICY_TYPES

_LOWER = string.ascii_lowercase + string.digits
MAX_OU_DEPTH = 5
MAX_OUS = 1000
_NAME = re.compile(r"^[\s\S]{1,128}$")
FULL_ACCESS_IDS = {"SERVICE_CONTROL_POLICY": "p-FullAWSAccess",
                   "RESOURCE_CONTROL_POLICY": "p-RCPFullAWSAccess"}
FULL_ACCESS_NAMES = {"SERVICE_CONTROL_POLICY": "FullAWSAccess",
                     "RESOURCE_CONTROL_POLICY": "RCPFullAWSAccess"}
FULL_ACCESS_DESCRIPTIONS = {
    "SERVICE_CONTROL_POLICY": "Allows access to every operation",
    "RESOURCE_CONTROL_POLICY": "Allows access to every operation",
}
FULL_ACCESS_CONTENT = {
    "SERVICE_CONTROL_POLICY": ('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n'
                               '      "Effect": "Allow",\n      "Action": "*",\n'
                               '      "Resource": "*"\n    }\n  ]\n}'),
    "RESOURCE_CONTROL_POLICY": ('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n'
                                '      "Effect": "Allow",\n      "Principal": "*",\n'
                                '      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}'),
}


def random_id(prefix: str, length: int, alphabet: str = _LOWER) -> str:
    """`prefix` and `length` random characters (AWS's ID formats)."""
    return prefix + "".join(secrets.choice(alphabet) for _ in range(length))


def bump_accounts(account_pks: Iterable[int]) -> None:
    """Mark the cached policy sets and decisions of these accounts stale (in the caller's
    transaction)."""
    invalidate_accounts(account_pks)


def bump_organization(organization: Organization) -> None:
    """Every account of the organization: a policy's content or a policy type changed."""
    bump_accounts(organization.members.values_list("account_id", flat=True))


def subtree_unit_ids(unit: OrganizationalUnit) -> list[int]:
    """The pks of the OU and every OU below it."""
    found, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = list(OrganizationalUnit.objects.filter(parent_id__in=frontier)
                        .values_list("pk", flat=True))
        found += frontier
    return found


def bump_target(organization: Organization, target_id: str) -> None:
    """The accounts under a root, an OU or the account itself."""
    if target_id.startswith("r-"):
        bump_organization(organization)
    elif target_id.startswith("ou-"):
        unit = OrganizationalUnit.objects.get(organization=organization, ou_id=target_id)
        bump_accounts(OrganizationMember.objects.filter(parent_id__in=subtree_unit_ids(unit))
                      .values_list("account_id", flat=True))
    else:
        bump_accounts(Account.objects.filter(account_id=target_id).values_list("pk", flat=True))


def lock_organization(organization: Organization) -> Organization:
    """The organization's row, locked: attachments and OUs are counted under this lock."""
    return Organization.objects.select_for_update().get(pk=organization.pk)


def organization_of(account: Account) -> Organization | None:
    """The organization the account belongs to (as management account or member), or None."""
    member = (OrganizationMember.objects.select_related("organization__management_account")
              .filter(account=account).first())
    return member.organization if member is not None else None


@transaction.atomic
def organization_create(*, account: Account, feature_set: str = "ALL") -> Organization:
    """CreateOrganization: the account becomes the management account of a new organization
    with one root; AWS's FullAWSAccess and RCPFullAWSAccess exist, no policy type is enabled."""
    if feature_set not in ("ALL", "CONSOLIDATED_BILLING"):
        raise InvalidInputException("FeatureSet must be ALL or CONSOLIDATED_BILLING.",
                                    reason="INVALID_ENUM", field="FeatureSet")
    Account.objects.select_for_update().get(pk=account.pk)
    if OrganizationMember.objects.filter(account=account).exists():
        raise AlreadyInOrganizationException(
            "This account is already a member of an organization.")
    while True:
        org_id, root_id = random_id("o-", 10), random_id("r-", 4)
        if not Organization.objects.filter(org_id=org_id).exists() and \
                not Organization.objects.filter(root_id=root_id).exists():
            break
    organization = Organization.objects.create(
        org_id=org_id, root_id=root_id, management_account=account, feature_set=feature_set)
    OrganizationMember.objects.create(organization=organization, account=account,
                                      joined_method="CREATED")
    for policy_type in POLICY_TYPES:
        organization.policies.create(
            policy_id=FULL_ACCESS_IDS[policy_type], policy_type=policy_type,
            name=FULL_ACCESS_NAMES[policy_type],
            description=FULL_ACCESS_DESCRIPTIONS[policy_type],
            content=FULL_ACCESS_CONTENT[policy_type], aws_managed=True)
    return organization


@transaction.atomic
def organization_delete(*, organization: Organization) -> None:
    """DeleteOrganization: only once the management account is its only account."""
    organization = lock_organization(organization)
    if organization.members.exclude(account_id=organization.management_account_id).exists():
        raise OrganizationNotEmptyException(
            "To delete an organization you must first remove all member accounts (except "
            "the master).")
    bump_organization(organization)
    organization.delete()  # its root, OUs, policies and the management account's membership


def find_parent(organization: Organization, parent_id: str,
                missing: type[Exception] = ParentNotFoundException
                ) -> OrganizationalUnit | None:
    """The OU named by `parent_id`, or None for the organization's root; `missing` when it is
    neither."""
    if parent_id == organization.root_id:
        return None
    unit = (OrganizationalUnit.objects.filter(organization=organization, ou_id=parent_id)
            .first() if parent_id.startswith("ou-") else None)
    if unit is None:
        raise missing("We can't find a root or OU with the ParentId that you specified.")
    return unit


def unit_depth(unit: OrganizationalUnit | None) -> int:
    """Levels of OUs from the root down to `unit` (0 for the root)."""
    depth = 0
    while unit is not None:
        depth += 1
        unit = unit.parent
    return depth


def validate_unit_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME.match(name):
        reason = "MIN_LENGTH_EXCEEDED" if not name else "MAX_LENGTH_EXCEEDED"
        raise InvalidInputException(
            "An OU name has 1 to 128 characters.", reason=reason, field="Name")


def _check_sibling_name(organization: Organization, parent: OrganizationalUnit | None,
                        name: str, exclude: int | None = None) -> None:
    siblings = OrganizationalUnit.objects.filter(organization=organization, parent=parent,
                                                 name=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude)
    if siblings.exists():
        raise DuplicateOrganizationalUnitException(
            "An OU with the same name already exists.")


@transaction.atomic
def unit_create(*, organization: Organization, parent_id: str, name: str,
                tags: dict[str, str] | None = None) -> OrganizationalUnit:
    """CreateOrganizationalUnit under the root or an OU (5 levels at most); the full-access
    policies of each enabled type are attached to it, as AWS does."""
    validate_unit_name(name)
    organization = lock_organization(organization)
    parent = find_parent(organization, parent_id)
    if unit_depth(parent) >= MAX_OU_DEPTH:
        raise ConstraintViolationException(
            "You have exceeded the maximum depth of OUs in a root (5 levels).",
            reason="OU_DEPTH_LIMIT_EXCEEDED")
    if organization.units.count() >= MAX_OUS:
        raise ConstraintViolationException(
            "You have reached the maximum number of OUs in your organization.",
            reason="OU_NUMBER_LIMIT_EXCEEDED")
    _check_sibling_name(organization, parent, name)
    suffix = organization.root_id[2:]
    while True:
        ou_id = f"ou-{suffix}-{random_id('', 8)}"
        if not OrganizationalUnit.objects.filter(ou_id=ou_id).exists():
            break
    unit = OrganizationalUnit.objects.create(organization=organization, ou_id=ou_id,
                                             name=name, parent=parent, tags=dict(tags or {}))
    attach_full_access(organization, [ou_id])
    return unit


def attach_full_access(organization: Organization, target_ids: list[str]) -> None:
    """Attach FullAWSAccess / RCPFullAWSAccess (for the enabled types) to new targets."""
    for policy in organization.policies.filter(
            aws_managed=True, policy_type__in=organization.enabled_policy_types):
        for target_id in target_ids:
            policy.attachments.get_or_create(target_id=target_id)


@transaction.atomic
def unit_rename(*, unit: OrganizationalUnit, name: str) -> OrganizationalUnit:
    """UpdateOrganizationalUnit: a new name, unique among its siblings."""
    validate_unit_name(name)
    lock_organization(unit.organization)
    _check_sibling_name(unit.organization, unit.parent, name, exclude=unit.pk)
    unit.name = name
    unit.save(update_fields=["name"])
    return unit


@transaction.atomic
def unit_delete(*, unit: OrganizationalUnit) -> None:
    """DeleteOrganizationalUnit: only an empty OU (no accounts, no OUs)."""
    lock_organization(unit.organization)
    if unit.children.exists() or unit.accounts.exists():
        raise OrganizationalUnitNotEmptyException(
            "The specified OU is not empty. Move all accounts to another root or to other "
            "OUs, remove all child OUs, and try the operation again.")
    OrganizationPolicyAttachment.objects.filter(
        policy__organization=unit.organization, target_id=unit.ou_id).delete()
    unit.delete()
