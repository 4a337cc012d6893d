"""Creating and deleting customer-managed policies; AWS-managed ones are read-only."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Account
from iamconsole.exceptions import EntityAlreadyExists, InvalidInput, UnmodifiableEntity
from iamconsole.identifiers import POLICY_ID_PREFIX, iam_arn
from iamconsole.services import (
    check_quota,
    clean,
    delete_conflict,
    lock,
    lock_account,
    save_new,
    unique_id_for,
)
from iamconsole.validators import validate_description, validate_name, validate_path, validate_tags

from ..documents import CheckedDocument, check_document
from ..models import ManagedPolicy, PolicyVersion


def parse_version_id(version_id: str) -> int:
    """The number of a version ID such as `v3`; InvalidInput otherwise."""
    if (
        not isinstance(version_id, str)
        or not version_id.startswith("v")
        or not version_id[1:].isdigit()
        or int(version_id[1:]) < 1
    ):
        raise InvalidInput(f"{version_id!r} is not a policy version ID (v1, v2...).",
                           field="version_id")
    return int(version_id[1:])


def ensure_customer_managed(policy: ManagedPolicy, action: str = "change") -> None:
    """Raise UnmodifiableEntity for AWS-managed policies, which no account may change."""
    if policy.is_aws_managed:
        raise UnmodifiableEntity(
            f"Cannot {action} the AWS-managed policy {policy.arn}: AWS-managed policies are "
            "read-only."
        )


def check_managed_document(document: str | Mapping[str, Any]) -> CheckedDocument:
    """Validate a managed policy document (identity type, at most 6,144 characters)."""
    return check_document(
        document, policy_type="identity", max_size=settings.IAM_MANAGED_POLICY_MAX_SIZE
    )


@transaction.atomic
def policy_create(
    *,
    account: Account,
    name: str,
    policy_document: str | Mapping[str, Any],
    path: str = "/",
    description: str = "",
    tags: Mapping[str, str] | None = None,
    unique_id: str | None = None,
    created_at: datetime | None = None,
    version_id: str = "v1",
) -> ManagedPolicy:
    """Create a customer-managed policy (CreatePolicy, `ANPA` ID) with `v1` as its default.

    The version keeps the author's text exactly as written, plus its parsed form.
    `unique_id`, `created_at` and `version_id` let imports keep AWS's values.
    """
    validate_name(name, "policy")
    validate_path(path, policy=True)
    validate_description(description)
    tag_set = validate_tags(tags)
    checked = check_managed_document(policy_document)
    account = lock_account(account)
    check_quota(
        setting="IAM_QUOTA_CUSTOMER_POLICIES",
        count=ManagedPolicy.objects.filter(account=account).count(),
        quota_name="PoliciesPerAccount",
    )
    if ManagedPolicy.objects.filter(account=account, name__iexact=name).exists():
        raise EntityAlreadyExists(
            f"A policy called {name} already exists. Duplicate names are not allowed.",
            field="name",
        )
    number = parse_version_id(version_id)
    now = created_at or timezone.now()
    policy = ManagedPolicy(
        account=account,
        name=name,
        path=path,
        description=description,
        tags=tag_set,
        unique_id=unique_id_for(ManagedPolicy, POLICY_ID_PREFIX, unique_id),
        arn=iam_arn(account.account_id, "policy", path, name),
        next_version_number=number + 1,
        created_at=now,
        updated_at=now,
    )
    clean(policy)
    save_new(policy, conflict=f"A policy called {name} already exists.")
    version = PolicyVersion(
        policy=policy,
        number=number,
        document_text=checked.text,
        document=checked.document,
        is_default=True,
        created_at=now,
    )
    clean(version)
    version.save()
    return policy


def policy_dependents(policy: ManagedPolicy, *,
                      versions: list[tuple[int, bool, str]] | None = None
                      ) -> list[dict[str, str]]:
    """What blocks DeletePolicy: attachments, use as a boundary, non-default versions
    (`versions`: the policy's (number, is_default, document_text), when read already)."""
    blockers = [
        {"type": f"{attachment.entity_type} attachment", "name": attachment.entity.name}
        for attachment in policy.attachments.select_related("user", "group", "role")
    ]
    blockers += [
        {"type": "user boundary", "name": name}
        for name in policy.boundary_of_users.values_list("name", flat=True)
    ]
    blockers += [
        {"type": "role boundary", "name": name}
        for name in policy.boundary_of_roles.values_list("name", flat=True)
    ]
    blockers += [
        {"type": "policy version", "name": f"v{number}"}
        for number, is_default, _ in (versions if versions is not None else _versions(policy))
        if not is_default
    ]
    return blockers


def _versions(policy: ManagedPolicy) -> list[tuple[int, bool, str]]:
    return list(policy.versions.values_list("number", "is_default", "document_text"))


@transaction.atomic
def policy_delete(*, policy: ManagedPolicy) -> str:
    """Delete a customer-managed policy (DeletePolicy); returns its default version's
    document, which the trail keeps.

    As in AWS it must first be detached everywhere, used as no boundary, and have no version
    but the default; otherwise DeleteConflict lists what remains.
    """
    ensure_customer_managed(policy, "delete")
    policy = lock(policy)
    versions = _versions(policy)
    blockers = policy_dependents(policy, versions=versions)
    if blockers:
        raise delete_conflict("policy", policy.name, blockers)
    policy.versions.all().delete()
    policy.delete()
    return next((text for _, is_default, text in versions if is_default), "")
