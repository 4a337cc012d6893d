"""Attaching managed policies to users, groups and roles, and detaching them."""

from __future__ import annotations

from django.db import transaction

from accounts.models import IamGroup, IamUser, Role
from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import NoSuchEntity, PolicyNotAttachable
from iamconsole.services import check_quota, clean, lock, save_new

from ..models import ManagedPolicy, PolicyAttachment
from ._entities import Entity, owner_field

_LIMITS = {
    "user": ("IAM_MAX_ATTACHED_POLICIES_USER", "PoliciesPerUser"),
    "group": ("IAM_MAX_ATTACHED_POLICIES_GROUP", "PoliciesPerGroup"),
    "role": ("IAM_MAX_ATTACHED_POLICIES_ROLE", "PoliciesPerRole"),
}


def check_attachable(policy: ManagedPolicy, entity: Entity) -> None:
    """The policy is the entity's account's or AWS-managed (NoSuchEntity otherwise), and
    AWS's service-role policies go only to service-linked roles (PolicyNotAttachable)."""
    if policy.account_id not in (None, entity.account_id):
        raise NoSuchEntity(f"Policy {policy.arn} does not exist or is not attachable.",
                           field="policy_arn")
    if not policy.is_attachable and not getattr(entity, "service_linked", False):
        raise PolicyNotAttachable(
            f"Cannot attach the service-role policy {policy.arn} to a "
            f"{owner_field(entity)}.",
            field="policy_arn",
        )


@transaction.atomic
def policy_attach(*, policy: ManagedPolicy, entity: Entity) -> PolicyAttachment:
    """Attach a managed policy (AttachUserPolicy/AttachGroupPolicy/AttachRolePolicy).

    Attaching again changes nothing. The entity's row is locked while counting so that
    racing requests cannot pass the per-entity limit (settings IAM_MAX_ATTACHED_POLICIES_*).
    AWS's service-role policies go only to service-linked roles (which only AWS changes).
    """
    field = owner_field(entity)
    check_attachable(policy, entity)
    entity = lock(entity)
    if policy.account_id is not None:
        # Serializes with policy_delete; AWS-managed policies are never deleted (no hot lock).
        policy = lock(policy)
    existing = PolicyAttachment.objects.filter(policy=policy, **{field: entity}).first()
    if existing is not None:
        return existing
    setting, quota = _LIMITS[field]
    check_quota(
        setting=setting,
        count=PolicyAttachment.objects.filter(**{field: entity}).count(),
        quota_name=quota,
    )
    attachment = PolicyAttachment(account_id=entity.account_id, policy=policy, **{field: entity})
    clean(attachment)
    save_new(attachment, conflict="The policy is already attached.", field="policy_arn")
    invalidate_principal_policies(entity.account_id)
    return attachment


@transaction.atomic
def policy_detach(*, policy: ManagedPolicy, entity: Entity) -> None:
    """Detach a managed policy (DetachUserPolicy/DetachGroupPolicy/DetachRolePolicy)."""
    field = owner_field(entity)
    deleted, _ = PolicyAttachment.objects.filter(policy=policy, **{field: entity}).delete()
    if not deleted:
        raise NoSuchEntity(f"Policy {policy.arn} was not found.", field="policy_arn")
    invalidate_principal_policies(entity.account_id)


def policy_attach_to_user(*, policy: ManagedPolicy, user: IamUser) -> PolicyAttachment:
    """AttachUserPolicy."""
    return policy_attach(policy=policy, entity=user)


def policy_attach_to_group(*, policy: ManagedPolicy, group: IamGroup) -> PolicyAttachment:
    """AttachGroupPolicy."""
    return policy_attach(policy=policy, entity=group)


def policy_attach_to_role(*, policy: ManagedPolicy, role: Role) -> PolicyAttachment:
    """AttachRolePolicy."""
    return policy_attach(policy=policy, entity=role)


def policy_detach_from_user(*, policy: ManagedPolicy, user: IamUser) -> None:
    """DetachUserPolicy."""
    policy_detach(policy=policy, entity=user)


def policy_detach_from_group(*, policy: ManagedPolicy, group: IamGroup) -> None:
    """DetachGroupPolicy."""
    policy_detach(policy=policy, entity=group)


def policy_detach_from_role(*, policy: ManagedPolicy, role: Role) -> None:
    """DetachRolePolicy."""
    policy_detach(policy=policy, entity=role)
