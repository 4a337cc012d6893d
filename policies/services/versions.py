"""Policy versions: `v1`, `v2`... never reused, at most five, exactly one default."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import DeleteConflict, EntityAlreadyExists, LimitExceeded, NoSuchEntity
from iamconsole.services import clean, lock

from ..models import ManagedPolicy, PolicyVersion
from .managed import check_managed_document, ensure_customer_managed, parse_version_id


def _version(policy: ManagedPolicy, version_id: str) -> PolicyVersion:
    number = parse_version_id(version_id)
    version = PolicyVersion.objects.filter(policy=policy, number=number).first()
    if version is None:
        raise NoSuchEntity(f"Policy {policy.arn} version {version_id} does not exist.",
                           field="version_id")
    return version


@transaction.atomic
def policy_version_create(
    *,
    policy: ManagedPolicy,
    policy_document: str | Mapping[str, Any],
    set_as_default: bool = False,
    version_id: str | None = None,
    created_at: datetime | None = None,
) -> PolicyVersion:
    """Add a version (CreatePolicyVersion); refuses a sixth with LimitExceeded.

    The policy row is locked while counting and numbering, so racing requests get distinct
    numbers, never pass the limit, and never reuse a deleted version's number.
    `version_id` and `created_at` are for imports, which keep AWS's version history.
    The version returned carries the default version's document before it as
    `replaced_document`, which the trail keeps.
    """
    ensure_customer_managed(policy, "add a version to")
    checked = check_managed_document(policy_document)
    policy = lock(policy)
    limit = settings.IAM_MAX_POLICY_VERSIONS
    # One query for the count and the default's document (at most five rows).
    existing = list(PolicyVersion.objects.filter(policy=policy)
                    .values_list("is_default", "document_text"))
    replaced = next((text for is_default, text in existing if is_default), "")
    if len(existing) >= limit:
        raise LimitExceeded(
            f"A managed policy can have up to {limit} versions. Before you create a new "
            "version, you must delete an existing version."
        )
    number = policy.next_version_number
    if version_id is not None:
        number = parse_version_id(version_id)
        if PolicyVersion.objects.filter(policy=policy, number=number).exists():
            raise EntityAlreadyExists(f"Policy {policy.arn} already has version {version_id}.",
                                      field="version_id")
    now = created_at or timezone.now()
    if set_as_default:
        PolicyVersion.objects.filter(policy=policy, is_default=True).update(is_default=False)
    version = PolicyVersion(
        policy=policy,
        number=number,
        document_text=checked.text,
        document=checked.document,
        is_default=set_as_default,
        created_at=now,
    )
    clean(version)
    version.save()
    policy.next_version_number = max(policy.next_version_number, number + 1)
    policy.updated_at = max(policy.updated_at, now)
    policy.save(update_fields=["next_version_number", "updated_at"])
    if set_as_default:
        invalidate_principal_policies(policy.account_id)
    version.replaced_document = replaced  # type: ignore[attr-defined]
    return version


@transaction.atomic
def policy_version_set_default(*, policy: ManagedPolicy, version_id: str) -> PolicyVersion:
    """Make a version the one in effect (SetDefaultPolicyVersion). The version returned
    carries the previous default's document as `replaced_document`, which the trail keeps."""
    ensure_customer_managed(policy, "change the default version of")
    policy = lock(policy)
    number = parse_version_id(version_id)
    # One query for the version and the default before it (at most five rows).
    versions = list(PolicyVersion.objects.filter(policy=policy))
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise NoSuchEntity(f"Policy {policy.arn} version {version_id} does not exist.",
                           field="version_id")
    version.replaced_document = next(  # type: ignore[attr-defined]
        (v.document_text for v in versions if v.is_default), "")
    if not version.is_default:
        # Clear the old default first: a partial unique index allows one default per policy.
        PolicyVersion.objects.filter(policy=policy, is_default=True).update(is_default=False)
        version.is_default = True
        version.save(update_fields=["is_default"])
        policy.updated_at = timezone.now()
        policy.save(update_fields=["updated_at"])
        invalidate_principal_policies(policy.account_id)
    return version


@transaction.atomic
def policy_version_delete(*, policy: ManagedPolicy, version_id: str) -> None:
    """Delete a non-default version (DeletePolicyVersion); its number is never used again."""
    ensure_customer_managed(policy, "delete a version of")
    policy = lock(policy)
    version = _version(policy, version_id)
    if version.is_default:
        raise DeleteConflict(
            "Cannot delete the default version of a policy. Make another version the default "
            "first.",
            field="version_id",
            details=[{"type": "default version", "name": version.version_id}],
        )
    version.delete()
