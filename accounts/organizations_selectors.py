"""Reads of AWS Organizations: lookups with AWS's not-found errors, the output shapes of the
API (AWS's member names), and what binds an account (its SCP and RCP levels) for
authorization."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from iamconsole.organizations_errors import (
    AccountNotFoundException,
    AWSOrganizationsNotInUseException,
    OrganizationalUnitNotFoundException,
    PolicyNotFoundException,
)

from .models import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationMember,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from .models.organizations import POLICY_TYPE_SEGMENTS, RCP, SCP

NOT_IN_USE = "Your account is not a member of an organization."

# A level of policies: (ARN, content) of each policy attached to one target.
Level = tuple[tuple[str, str], ...]


def organization_for(account: Account) -> Organization:
    """The caller's organization, else AWSOrganizationsNotInUseException."""
    member = (OrganizationMember.objects.select_related("organization__management_account")
              .filter(account_id=account.pk).first())
    if member is None:
        raise AWSOrganizationsNotInUseException(NOT_IN_USE)
    return member.organization


def policy_get(organization: Organization, policy_id: str) -> OrganizationPolicy:
    policy = organization.policies.filter(policy_id=policy_id).first()
    if policy is None:
        raise PolicyNotFoundException("We can't find a policy with the PolicyId that you "
                                      "specified.")
    policy.organization = organization
    return policy


def unit_get(organization: Organization, ou_id: str) -> OrganizationalUnit:
    unit = (OrganizationalUnit.objects.select_related("parent")
            .filter(organization=organization, ou_id=ou_id).first())
    if unit is None:
        raise OrganizationalUnitNotFoundException(
            "We can't find an OU with the OrganizationalUnitId that you specified.")
    unit.organization = organization
    return unit


def member_get(organization: Organization, account_id: str) -> OrganizationMember:
    member = (organization.members.select_related("account", "parent")
              .filter(account__account_id=account_id).first())
    if member is None:
        raise AccountNotFoundException(
            "You specified an account that doesn't exist.")
    return member


# --- AWS's shapes -----------------------------------------------------------------------------

def _types(organization: Organization) -> list[dict[str, str]]:
    return [{"Type": t, "Status": "ENABLED"} for t in organization.enabled_policy_types]


def organization_shape(organization: Organization) -> dict[str, Any]:
    management = organization.management_account
    return {
        "Id": organization.org_id, "Arn": organization.arn,
        "FeatureSet": organization.feature_set,
        "MasterAccountArn": (f"arn:aws:organizations::{management.account_id}:account/"
                             f"{organization.org_id}/{management.account_id}"),
        "MasterAccountId": management.account_id,
        "MasterAccountEmail": management.root_email,
        "AvailablePolicyTypes": _types(organization),
    }


def root_shape(organization: Organization) -> dict[str, Any]:
    return {"Id": organization.root_id, "Arn": organization.root_arn,
            "Name": organization.root_name, "PolicyTypes": _types(organization)}


def unit_path(organization: Organization, unit: OrganizationalUnit | None) -> list[str]:
    """The OU IDs from the root down to `unit`."""
    ids: list[str] = []
    while unit is not None:
        ids.insert(0, unit.ou_id)
        unit = unit.parent
    return ids


def unit_arn(organization: Organization, ou_id: str) -> str:
    return (f"arn:aws:organizations::{organization.management_id}:ou/"
            f"{organization.org_id}/{ou_id}")


def unit_shape(organization: Organization, unit: OrganizationalUnit) -> dict[str, Any]:
    path = "/".join([organization.org_id, organization.root_id,
                     *unit_path(organization, unit)]) + "/"
    return {"Id": unit.ou_id, "Arn": unit_arn(organization, unit.ou_id), "Name": unit.name,
            "Path": path}


def account_arn(organization: Organization, account_id: str) -> str:
    return (f"arn:aws:organizations::{organization.management_id}:account/"
            f"{organization.org_id}/{account_id}")


def account_shape(organization: Organization, member: OrganizationMember) -> dict[str, Any]:
    account = member.account
    return {
        "Id": account.account_id, "Arn": account_arn(organization, account.account_id),
        "Email": account.root_email, "Name": account.name or account.display_name,
        "Status": "ACTIVE", "State": "ACTIVE", "JoinedMethod": member.joined_method,
        "JoinedTimestamp": member.joined_at,
    }


def policy_arn(organization: Organization, policy_id: str, policy_type: str,
               aws_managed: bool) -> str:
    segment = POLICY_TYPE_SEGMENTS[policy_type]
    if aws_managed:
        return f"arn:aws:organizations::aws:policy/{segment}/{policy_id}"
    return (f"arn:aws:organizations::{organization.management_id}:policy/"
            f"{organization.org_id}/{segment}/{policy_id}")


def policy_summary(organization: Organization, policy: OrganizationPolicy) -> dict[str, Any]:
    return {"Id": policy.policy_id,
            "Arn": policy_arn(organization, policy.policy_id, policy.policy_type,
                              policy.aws_managed),
            "Name": policy.name, "Description": policy.description,
            "Type": policy.policy_type, "AwsManaged": policy.aws_managed}


def policy_shape(organization: Organization, policy: OrganizationPolicy) -> dict[str, Any]:
    return {"PolicySummary": policy_summary(organization, policy), "Content": policy.content}


def target_arn(organization: Organization, target_id: str) -> str:
    if target_id.startswith("r-"):
        return organization.root_arn
    if target_id.startswith("ou-"):
        return unit_arn(organization, target_id)
    return account_arn(organization, target_id)


def target_summaries(organization: Organization,
                     target_ids: Iterable[str]) -> list[dict[str, Any]]:
    """PolicyTargetSummary of each target (names read in two queries)."""
    ids = list(target_ids)
    units = dict(organization.units.filter(ou_id__in=ids).values_list("ou_id", "name"))
    accounts = {a.account_id: a.name or a.display_name
                for a in Account.objects.filter(account_id__in=ids)}
    found = []
    for target_id in ids:
        if target_id.startswith("r-"):
            kind, name = "ROOT", organization.root_name
        elif target_id.startswith("ou-"):
            kind, name = "ORGANIZATIONAL_UNIT", units.get(target_id, "")
        else:
            kind, name = "ACCOUNT", accounts.get(target_id, "")
        found.append({"TargetId": target_id, "Arn": target_arn(organization, target_id),
                      "Name": name, "Type": kind})
    return found


# --- what binds an account ------------------------------------------------------------------

@dataclass(frozen=True)
class OrganizationControls:
    """An account's place in its organization and the SCP and RCP levels that bind it (root
    first, then each OU on its path, then the account); None for a type not enabled."""

    org_id: str
    management: bool
    org_path: str
    scp: tuple[Level, ...] | None
    rcp: tuple[Level, ...] | None
    # Who each level is (target ID and name: the root, each OU, the account) and each
    # policy's name by ARN, for the simulator's explanation.
    targets: tuple[tuple[str, str], ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)


def organization_controls(account_pk: int) -> OrganizationControls | None:
    """The organization controls of the account (three queries), or None outside any."""
    member = (OrganizationMember.objects
              .select_related("organization__management_account", "account")
              .filter(account_id=account_pk).first())
    if member is None:
        return None
    organization = member.organization
    units = {pk: (parent, ou_id, name) for pk, parent, ou_id, name in OrganizationalUnit.objects
             .filter(organization=organization).values_list("pk", "parent_id", "ou_id", "name")
             } if member.parent_id is not None else {}
    chain: list[tuple[str, str]] = []
    unit = member.parent_id
    while unit is not None:
        unit, ou_id, name = units[unit]
        chain.insert(0, (ou_id, name))
    account_id = member.account.account_id
    labelled = ((organization.root_id, organization.root_name), *chain,
                (account_id, member.account.name or member.account.display_name))
    targets = [target for target, _ in labelled]
    path = "/".join([organization.org_id, organization.root_id, *targets[1:-1]]) + "/"
    management = member.account_id == organization.management_account_id
    if management:
        return OrganizationControls(organization.org_id, True, path, None, None, labelled)
    attached: dict[tuple[str, str], list[tuple[str, str]]] = {}
    names: dict[str, str] = {}
    rows = (OrganizationPolicyAttachment.objects
            .filter(policy__organization=organization, target_id__in=targets)
            .values_list("target_id", "policy__policy_type", "policy__policy_id",
                         "policy__aws_managed", "policy__content", "policy__name")
            .order_by("policy__policy_id"))
    for target_id, policy_type, policy_id, aws_managed, content, name in rows:
        arn = policy_arn(organization, policy_id, policy_type, aws_managed)
        attached.setdefault((target_id, policy_type), []).append((arn, content))
        names[arn] = name

    def levels(policy_type: str) -> tuple[Level, ...] | None:
        if policy_type not in organization.enabled_policy_types:
            return None
        return tuple(tuple(attached.get((t, policy_type), ())) for t in targets)

    return OrganizationControls(organization.org_id, False, path, levels(SCP), levels(RCP),
                                labelled, names)


def create_account_status_shape(request: Any) -> dict[str, Any]:
    shape: dict[str, Any] = {
        "Id": request.request_id, "AccountName": request.account_name,
        "State": request.state, "RequestedTimestamp": request.requested_at,
        "CompletedTimestamp": request.completed_at,
    }
    if request.account_id:
        shape["AccountId"] = request.account_id
    if request.failure_reason:
        shape["FailureReason"] = request.failure_reason
    return shape


def handshake_shape(handshake: Any) -> dict[str, Any]:
    organization = handshake.organization
    management = organization.management_account
    return {
        "Id": handshake.handshake_id, "Arn": handshake.arn,
        "Parties": [{"Id": organization.org_id, "Type": "ORGANIZATION"},
                    {"Id": handshake.target_account_id, "Type": "ACCOUNT"}],
        "State": handshake.state, "RequestedTimestamp": handshake.requested_at,
        "ExpirationTimestamp": handshake.expires_at, "Action": handshake.action,
        "Resources": [
            {"Value": organization.org_id, "Type": "ORGANIZATION", "Resources": [
                {"Value": management.root_email, "Type": "MASTER_EMAIL"},
                {"Value": management.name or management.display_name, "Type": "MASTER_NAME"},
                {"Value": organization.feature_set, "Type": "ORGANIZATION_FEATURE_SET"}]},
            {"Value": handshake.target_account_id, "Type": "ACCOUNT"},
            *([{"Value": handshake.notes, "Type": "NOTES"}] if handshake.notes else []),
        ],
    }
