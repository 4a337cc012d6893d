"""Services for IAM roles and their trust policies."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import InvalidInput
from iamconsole.identifiers import ROLE_ID_PREFIX
from iamconsole.services import (
    blockers_of,
    clean,
    lock,
)
from iamconsole.validators import (
    RESERVED_ROLE_PATHS,
    validate_description,
    validate_max_session_duration,
    validate_name,
    validate_path,
    validate_role_path,
    validate_tags,
)
from policies.documents import CheckedDocument, check_document

from ..models import Account, Role, ServiceLinkedRoleDeletion
from .named import Naming, named_create, named_delete, named_rename
from .users import check_boundary_policy

ROLES = Naming(Role, "role", "role", ROLE_ID_PREFIX, "Role with name {name} already exists.",
               "IAM_QUOTA_ROLES", "RolesPerAccount")


def _trust(document: str | Mapping[str, Any]) -> CheckedDocument:
    return check_document(
        document,
        policy_type="trust",
        max_size=settings.IAM_TRUST_POLICY_MAX_SIZE,
        field="trust_policy",
    )


@transaction.atomic
def role_create(
    *,
    account: Account,
    name: str,
    trust_policy: str | Mapping[str, Any],
    path: str = "/",
    description: str = "",
    max_session_duration: int = 3600,
    tags: Mapping[str, str] | None = None,
    permissions_boundary: object | None = None,
    unique_id: str | None = None,
    created_at: datetime | None = None,
    service_linked: bool = False,
) -> Role:
    """Create a role (CreateRole) with an `AROA` ID and a validated trust policy.

    The trust policy may name principals of other accounts (cross-account roles).
    `unique_id` and `created_at` let imports keep AWS's values. A `service_linked` role
    (CreateServiceLinkedRole) lives in a path AWS reserves for them, which CreateRole refuses.
    """
    validate_name(name, "role")
    if not service_linked:
        validate_role_path(path)
    elif not validate_path(path).lower().startswith(RESERVED_ROLE_PATHS):
        raise InvalidInput("A service-linked role's path starts with /aws-service-role/.",
                           field="path")
    validate_description(description)
    validate_max_session_duration(max_session_duration)
    tag_set = validate_tags(tags)
    trust = _trust(trust_policy)
    if permissions_boundary is not None:
        check_boundary_policy(account.pk, permissions_boundary)
    role = named_create(
        ROLES, account=account, name=name, path=path, unique_id=unique_id,
        created_at=created_at, description=description,
        max_session_duration=max_session_duration, trust_policy=trust.text,
        trust_policy_document=trust.document, tags=tag_set,
        permissions_boundary=permissions_boundary,
    )
    invalidate_principal_policies(account.pk)
    return role


@transaction.atomic
def role_update(
    *,
    role: Role,
    description: str | None = None,
    max_session_duration: int | None = None,
    new_name: str | None = None,
    new_path: str | None = None,
) -> Role:
    """Change a role's description or maximum session duration (UpdateRole), or rename/move it.

    Renaming or moving keeps the unique ID and changes the ARN (AWS's API cannot rename roles;
    this is for the console and imports).
    """
    role = lock(role)
    if description is not None:
        role.description = validate_description(description)
    if max_session_duration is not None:
        role.max_session_duration = validate_max_session_duration(max_session_duration)
    name = role.name if new_name is None else validate_name(new_name, "role", field="new_name")
    path = role.path if new_path is None else validate_role_path(new_path, field="new_path")
    return named_rename(ROLES, role, name=name, path=path)


@transaction.atomic
def role_update_trust_policy(*, role: Role, trust_policy: str | Mapping[str, Any]) -> Role:
    """Replace the trust policy (UpdateAssumeRolePolicy), keeping the new text exactly."""
    trust = _trust(trust_policy)
    role = lock(role)
    role.trust_policy, role.trust_policy_document = trust.text, trust.document
    clean(role)
    role.save(update_fields=["trust_policy", "trust_policy_document", "updated_at"])
    invalidate_principal_policies(role.account_id)
    return role


def role_dependents(role: Role) -> list[dict[str, str]]:
    """What blocks DeleteRole: instance profiles, inline policies and attached policies."""
    return [
        *blockers_of("instance profile", role.instance_profiles, "name"),
        *blockers_of("inline policy", role.inline_policies, "name"),
        *blockers_of("attached policy", role.policy_attachments, "policy__arn"),
    ]


@transaction.atomic
def role_delete(*, role: Role) -> None:
    """Delete a role (DeleteRole); refuses with DeleteConflict while it has dependents."""
    named_delete(ROLES, role, role_dependents)


def role_deletion_start(*, role: Role) -> ServiceLinkedRoleDeletion:
    """Record the deletion task of a service-linked role (DeleteServiceLinkedRole), in
    progress, named as AWS names it: task/aws-service-role/<service>/<role>/<UUID>."""
    return ServiceLinkedRoleDeletion.objects.create(
        account_id=role.account_id, task_id=f"task{role.path}{role.name}/{uuid.uuid4()}",
        role_name=role.name, role_arn=role.arn,
        status=ServiceLinkedRoleDeletion.Status.IN_PROGRESS,
    )


def role_deletion_finish(
    *, task: ServiceLinkedRoleDeletion, failure: str | None = None
) -> ServiceLinkedRoleDeletion:
    """End a deletion task: SUCCEEDED, or FAILED with the reason."""
    task.status = (ServiceLinkedRoleDeletion.Status.FAILED if failure is not None
                   else ServiceLinkedRoleDeletion.Status.SUCCEEDED)
    task.reason = failure or ""
    task.save(update_fields=["status", "reason", "updated_at"])
    return task



def role_record_use(*, role: Role, region: str | None = None) -> None:
    """Record that the role was assumed: RoleLastUsed date and region (one UPDATE)."""
    Role.objects.filter(pk=role.pk).update(
        last_used_at=timezone.now(),
        last_used_region=(region or settings.IAM_REGION)[:32],
    )
