"""Services of Organizations' policies: SCPs and RCPs, their attachments to the root, OUs
and accounts, and the policy types enabled in the root (AWS's limits and errors)."""

from __future__ import annotations

import re

from django.db import transaction

from iamconsole.organizations_errors import (
    ConstraintViolationException,
    DuplicatePolicyAttachmentException,
    DuplicatePolicyException,
    InvalidInputException,
    MalformedPolicyDocumentException,
    PolicyInUseException,
    PolicyNotAttachedException,
    PolicyTypeAlreadyEnabledException,
    PolicyTypeNotEnabledException,
    RootNotFoundException,
    TargetNotFoundException,
)
from policies.validation import validate_policy

from ..models import (
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from ..models.organizations import POLICY_TYPES, RCP, SCP
from .organizations import (
    attach_full_access,
    bump_organization,
    bump_target,
    lock_organization,
    random_id,
)

MAX_CONTENT = 5120
MAX_PER_TARGET = 5
MAX_POLICIES = 1000
_POLICY_NAME = re.compile(r"^[\s\S]{1,128}$")
_VALIDATION_TYPES = {SCP: "scp", RCP: "rcp"}


def validate_policy_type(policy_type: str, field: str = "Type") -> str:
    if policy_type not in POLICY_TYPES:
        raise InvalidInputException(
            f"The policy type {policy_type} is not one this organization supports: "
            f"{', '.join(POLICY_TYPES)}.", reason="INVALID_ENUM_POLICY_TYPE", field=field)
    return policy_type


def validate_content(content: str, policy_type: str) -> str:
    """AWS's 5,120-character limit, then the grammar of the policy type (an SCP names no
    Principal, allows only Resource "*" ...)."""
    if not isinstance(content, str) or not content:
        raise InvalidInputException("You must specify the policy content.",
                                    reason="INPUT_REQUIRED", field="Content")
    if len(content) > MAX_CONTENT:
        raise ConstraintViolationException(
            f"The policy has {len(content):,} characters; a policy of type {policy_type} has "
            f"{MAX_CONTENT:,} at most.", reason="POLICY_CONTENT_LIMIT_EXCEEDED",
            field="Content")
    report = validate_policy(content, _VALIDATION_TYPES[policy_type])
    if not report.ok:
        first = report.errors[0]
        raise MalformedPolicyDocumentException(
            f"The provided policy document does not meet the requirements of the specified "
            f"policy type. {first.message}", field="Content",
            details=[f.as_dict() for f in report.findings])
    return content


def validate_policy_name(name: str) -> str:
    if not isinstance(name, str) or not _POLICY_NAME.match(name):
        raise InvalidInputException("A policy name has 1 to 128 characters.",
                                    reason="MAX_LENGTH_EXCEEDED" if name else
                                    "MIN_LENGTH_EXCEEDED", field="Name")
    return name


def validate_description(description: str) -> str:
    if len(description) > 512:
        raise InvalidInputException("A policy description has 512 characters at most.",
                                    reason="MAX_LENGTH_EXCEEDED", field="Description")
    return description


def _check_name_free(organization: Organization, name: str, policy_type: str,
                     exclude: int | None = None) -> None:
    same = organization.policies.filter(name=name, policy_type=policy_type)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise DuplicatePolicyException("A policy with the same name already exists.")


def _immutable(policy: OrganizationPolicy) -> None:
    if policy.aws_managed:
        raise InvalidInputException(
            "You cannot update or delete an AWS managed policy.", reason="IMMUTABLE_POLICY",
            field="PolicyId")


@transaction.atomic
def org_policy_create(*, organization: Organization, name: str, description: str,
                      content: str, policy_type: str,
                      tags: dict[str, str] | None = None) -> OrganizationPolicy:
    """CreatePolicy: a customer-managed SCP or RCP (not attached anywhere yet)."""
    validate_policy_type(policy_type)
    validate_policy_name(name)
    validate_description(description)
    validate_content(content, policy_type)
    organization = lock_organization(organization)
    _check_name_free(organization, name, policy_type)
    if organization.policies.filter(aws_managed=False).count() >= MAX_POLICIES:
        raise ConstraintViolationException(
            "You have reached the maximum number of policies in your organization.",
            reason="POLICY_NUMBER_LIMIT_EXCEEDED")
    while True:
        policy_id = random_id("p-", 8)
        if not OrganizationPolicy.objects.filter(policy_id=policy_id).exists():
            break
    return organization.policies.create(
        policy_id=policy_id, policy_type=policy_type, name=name, description=description,
        content=content, tags=dict(tags or {}))


@transaction.atomic
def org_policy_update(*, policy: OrganizationPolicy, name: str | None = None,
                      description: str | None = None,
                      content: str | None = None) -> OrganizationPolicy:
    """UpdatePolicy: a new name, description or content; decisions change at once in every
    account it binds."""
    _immutable(policy)
    organization = lock_organization(policy.organization)
    if name is not None:
        validate_policy_name(name)
        _check_name_free(organization, name, policy.policy_type, exclude=policy.pk)
        policy.name = name
    if description is not None:
        policy.description = validate_description(description)
    if content is not None:
        policy.content = validate_content(content, policy.policy_type)
        bump_organization(organization)
    policy.save()
    return policy


@transaction.atomic
def org_policy_delete(*, policy: OrganizationPolicy) -> None:
    """DeletePolicy: only a customer-managed policy attached nowhere."""
    _immutable(policy)
    lock_organization(policy.organization)
    if policy.attachments.exists():
        raise PolicyInUseException(
            "The policy is attached to one or more entities. You must detach it from all "
            "roots, OUs, and accounts before performing this operation.")
    policy.delete()


def target_exists(organization: Organization, target_id: str) -> bool:
    """Whether `target_id` is the root, an OU or an account of the organization."""
    if target_id.startswith("r-"):
        return target_id == organization.root_id
    if target_id.startswith("ou-"):
        return organization.units.filter(ou_id=target_id).exists()
    return organization.members.filter(account__account_id=target_id).exists()


def check_target(organization: Organization, target_id: str) -> None:
    """TargetNotFoundException unless `target_id` is in the organization."""
    if not target_exists(organization, target_id):
        raise TargetNotFoundException("We can't find a root, OU, or account with the "
                                      "TargetId that you specified.")


def _check_enabled(organization: Organization, policy_type: str) -> None:
    if policy_type not in organization.enabled_policy_types:
        raise PolicyTypeNotEnabledException(
            "This operation can be performed only for enabled policy types.")


@transaction.atomic
def org_policy_attach(*, policy: OrganizationPolicy, target_id: str) -> None:
    """AttachPolicy: to the root, an OU or an account; at most 5 of a type per target."""
    organization = lock_organization(policy.organization)
    check_target(organization, target_id)
    _check_enabled(organization, policy.policy_type)
    if policy.attachments.filter(target_id=target_id).exists():
        raise DuplicatePolicyAttachmentException(
            "The selected policy is already attached to the specified target.")
    count = OrganizationPolicyAttachment.objects.filter(
        policy__organization=organization, policy__policy_type=policy.policy_type,
        target_id=target_id).count()
    if count >= MAX_PER_TARGET:
        raise ConstraintViolationException(
            f"You have attached the maximum number of policies of type {policy.policy_type} "
            f"({MAX_PER_TARGET}) to this target.",
            reason="MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED")
    policy.attachments.create(target_id=target_id)
    bump_target(organization, target_id)


@transaction.atomic
def org_policy_detach(*, policy: OrganizationPolicy, target_id: str) -> None:
    """DetachPolicy: a target keeps at least one SCP; RCPFullAWSAccess stays attached."""
    organization = lock_organization(policy.organization)
    check_target(organization, target_id)
    attachment = policy.attachments.filter(target_id=target_id).first()
    if attachment is None:
        raise PolicyNotAttachedException(
            "The policy isn't attached to the specified target in the specified root.")
    if policy.policy_type == RCP and policy.aws_managed:
        raise InvalidInputException("You cannot detach the RCPFullAWSAccess policy.",
                                    reason="NON_DETACHABLE_POLICY", field="PolicyId")
    if policy.policy_type == SCP and OrganizationPolicyAttachment.objects.filter(
            policy__organization=organization, policy__policy_type=SCP,
            target_id=target_id).count() <= 1:
        raise ConstraintViolationException(
            "You cannot remove the last service control policy from a target: attach "
            "another one first.", reason="MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED")
    attachment.delete()
    bump_target(organization, target_id)


def find_root(organization: Organization, root_id: str) -> None:
    if root_id != organization.root_id:
        raise RootNotFoundException("We can't find a root with the RootId that you specified.")


@transaction.atomic
def policy_type_enable(*, organization: Organization, root_id: str,
                       policy_type: str) -> Organization:
    """EnablePolicyType: the full-access policy of the type is attached to the root, every
    OU and every account, as AWS does; from then on the type's policies bind."""
    validate_policy_type(policy_type, "PolicyType")
    organization = lock_organization(organization)
    find_root(organization, root_id)
    if policy_type in organization.enabled_policy_types:
        raise PolicyTypeAlreadyEnabledException(
            "The specified policy type is already enabled.")
    organization.enabled_policy_types = [*organization.enabled_policy_types, policy_type]
    organization.save(update_fields=["enabled_policy_types"])
    targets = [organization.root_id,
               *OrganizationalUnit.objects.filter(organization=organization)
               .values_list("ou_id", flat=True),
               *organization.members.values_list("account__account_id", flat=True)]
    attach_full_access(organization, targets)
    bump_organization(organization)
    return organization


@transaction.atomic
def policy_type_disable(*, organization: Organization, root_id: str,
                        policy_type: str) -> Organization:
    """DisablePolicyType: every policy of the type is detached everywhere; they bind no more."""
    validate_policy_type(policy_type, "PolicyType")
    organization = lock_organization(organization)
    find_root(organization, root_id)
    _check_enabled(organization, policy_type)
    organization.enabled_policy_types = [
        t for t in organization.enabled_policy_types if t != policy_type]
    organization.save(update_fields=["enabled_policy_types"])
    OrganizationPolicyAttachment.objects.filter(
        policy__organization=organization, policy__policy_type=policy_type).delete()
    bump_organization(organization)
    return organization
