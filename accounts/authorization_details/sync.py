"""Making one entity's policies, tags and dates match the file: the operations that do it,
each run only where the account differs from the file."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import models

from iamconsole.operations.registry import operation_named

from ..kinds import Kind
from ..operations.tags import tag_changes
from .parse import Inline

if TYPE_CHECKING:
    from .importer import Importer


def kind_operation(kind: Kind, pattern: str) -> Any:
    """The operation AWS defines for this kind: ("Put{}Policy", USER) -> PutUserPolicy."""
    return operation_named(kind.operation_name(pattern))


def sync_tags(importer: Importer, kind: Kind, identifier: str, resource: models.Model,
              desired: dict[str, str]) -> bool:
    """Untag* then Tag*, as needed for the resource to have exactly `desired`."""
    current: dict[str, str] = resource.tags  # type: ignore[attr-defined]
    if current == desired:
        return False
    importer.caller.run_all(tag_changes(importer.caller, kind, identifier, current, desired))
    resource.refresh_from_db(fields=["tags"])
    return True


def sync_inline(importer: Importer, kind: Kind, entity: Any, desired: list[Inline]) -> bool:
    """Put<Kind>Policy for the file's inline policies whose text differs, Delete<Kind>Policy
    for the ones it lacks (deleting first: replacing never passes the size quota)."""
    current = {p.name.lower(): p for p in entity.inline_policies.all()}
    wanted = {p.name.lower() for p in desired}
    target = {kind.name_field: entity.name}
    changed = False
    for key, policy in current.items():
        if key not in wanted:
            importer.run(kind_operation(kind, "Delete{}Policy"), policy_name=policy.name,
                         **target)
            changed = True
    for item in desired:
        existing = current.get(item.name.lower())
        if existing is None or existing.name != item.name or existing.document_text != item.text:
            importer.put_inline(kind, entity, item)
            changed = True
    return changed


def sync_attachments(importer: Importer, kind: Kind, entity: Any,
                     desired: list[tuple[Any, str]]) -> bool:
    """Detach<Kind>Policy for the attached policies the file lacks, then attach its own
    (rows with their JSON paths)."""
    current = {a.policy_id: a.policy for a in entity.policy_attachments.all()}
    wanted = {policy.pk for policy, _ in desired}
    target = {kind.name_field: entity.name}
    changed = False
    for pk, policy in current.items():
        if pk not in wanted:
            importer.run(kind_operation(kind, "Detach{}Policy"), policy_arn=policy.arn,
                         **target)
            changed = True
    for policy, where in desired:
        if policy.pk not in current:
            importer.attach(kind, entity, policy, where)
            changed = True
    return changed


def sync_boundary(importer: Importer, kind: Kind, entity: Any, policy: Any) -> bool:
    """Put<Kind>PermissionsBoundary or Delete<Kind>PermissionsBoundary, when it differs."""
    if entity.permissions_boundary_id == (policy.pk if policy is not None else None):
        return False
    target = {kind.name_field: entity.name}
    if policy is None:
        importer.run(kind_operation(kind, "Delete{}PermissionsBoundary"), **target)
    else:
        importer.run(kind_operation(kind, "Put{}PermissionsBoundary"),
                     permissions_boundary=policy.arn, **target)
    entity.refresh_from_db(fields=["permissions_boundary"])
    return True


def sync_fields(instance: models.Model, **values: Any) -> bool:
    """Write the given fields with one UPDATE when they differ (None values are skipped).

    For facts the API cannot set but a copy of an account must keep: AWS's IDs and dates,
    last use. They are written under the authorization of the operation that created or
    changed the entity. Queryset updates leave `updated_at` alone, so a re-import changes
    nothing; times are compared to the second, the precision of AWS's dates.
    """
    changes = {
        name: value for name, value in values.items()
        if value is not None and not _same(getattr(instance, name), value)
    }
    if not changes:
        return False
    type(instance)._default_manager.filter(pk=instance.pk).update(**changes)
    for name, value in changes.items():
        setattr(instance, name, value)
    return True


def _same(current: Any, value: Any) -> bool:
    # The file's times have whole seconds: a stored time within that second is the same.
    if isinstance(current, datetime) and isinstance(value, datetime):
        return current.replace(microsecond=0) == value
    return bool(current == value)


def same_moment(a: datetime | None, b: datetime | None) -> bool:
    """True when two times are equal to the second, or when the file gives none."""
    return b is None or (a is not None and a.replace(microsecond=0) == b)
