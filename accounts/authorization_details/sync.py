"""Making one entity's policies, tags and dates match the file, writing only what differs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Prefetch

from policies.models import PolicyAttachment
from policies.services import (
    inline_policy_delete,
    inline_policy_put,
    permissions_boundary_delete,
    permissions_boundary_put,
    policy_detach,
)

from ..models import Account, GroupMembership, IamGroup, IamUser, Role
from ..services import tag_resource, untag_resource
from .parse import Inline

Entity = IamUser | IamGroup | Role


def sync_tags(resource: models.Model, desired: dict[str, str]) -> bool:
    """Give `resource` exactly the tags `desired` (TagX/UntagX); True when something changed."""
    current: dict[str, str] = resource.tags  # type: ignore[attr-defined]
    if current == desired:
        return False
    removed = [key for key in current if key not in desired]
    if removed:
        resource = untag_resource(resource=resource, keys=removed)
    changes = {k: v for k, v in desired.items() if resource.tags.get(k) != v}  # type: ignore[attr-defined]
    if changes:
        tag_resource(resource=resource, tags=changes)
    return True


def sync_inline(entity: Entity, desired: list[Inline], at: Callable[..., Any]) -> bool:
    """Put the file's inline policies whose text differs; delete the ones it lacks."""
    current = {p.name.lower(): p for p in entity.inline_policies.all()}
    wanted = {p.name.lower() for p in desired}
    changed = False
    # Deletions first, so that replacing policies never passes the aggregate size quota.
    for key, policy in current.items():
        if key not in wanted:
            inline_policy_delete(entity=entity, name=policy.name)
            changed = True
    for item in desired:
        existing = current.get(item.name.lower())
        if existing is None or existing.name != item.name or existing.document_text != item.text:
            with at(item.where):
                inline_policy_put(entity=entity, name=item.name, policy_document=item.text)
            changed = True
    return changed


def sync_attachments(entity: Entity, desired: list[Any], attach: Callable[..., Any]) -> bool:
    """Attach the file's managed policies (rows) and detach the others; detaching first."""
    current = {a.policy_id: a.policy for a in entity.policy_attachments.all()}
    wanted = {policy.pk for policy, _ in desired}
    changed = False
    for pk, policy in current.items():
        if pk not in wanted:
            policy_detach(policy=policy, entity=entity)
            changed = True
    for policy, where in desired:
        if policy.pk not in current:
            attach(policy, entity, where)
            changed = True
    return changed


def sync_boundary(entity: IamUser | Role, policy: Any) -> bool:
    """Set, change or remove the permissions boundary."""
    if entity.permissions_boundary_id == (policy.pk if policy is not None else None):
        return False
    if policy is None:
        permissions_boundary_delete(entity=entity)
    else:
        permissions_boundary_put(entity=entity, policy=policy)
    return True


def sync_fields(instance: models.Model, **values: Any) -> bool:
    """Write the given fields with one UPDATE when they differ (None values are skipped).

    For facts the API cannot set but a copy of an account must keep: AWS's dates, last use.
    Queryset updates leave `updated_at` alone, so a re-import changes nothing; times are
    compared to the second, the precision of AWS's dates.
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


def existing_entities(model: type, account: Account) -> dict[str, Any]:
    """The account's entities of `model`, by unique ID and by lower-case name.

    Users, groups and roles come with their inline policies, attachments (and memberships),
    so that comparing them with the file costs no query per entity.
    """
    rows_qs = model._default_manager.filter(account=account)
    if model in (IamUser, IamGroup, Role):
        rows_qs = rows_qs.prefetch_related(
            "inline_policies",
            Prefetch("policy_attachments",
                     queryset=PolicyAttachment.objects.select_related("policy")),
        )
    if model is IamUser:
        rows_qs = rows_qs.prefetch_related(
            Prefetch("memberships", queryset=GroupMembership.objects.select_related("group"))
        )
    rows = list(rows_qs)
    found: dict[str, Any] = {row.unique_id: row for row in rows}
    found.update({row.name.lower(): row for row in rows})
    return found
