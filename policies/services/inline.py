"""Inline policies: put (create or replace) and delete, within per-entity aggregate sizes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import Sum

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import LimitExceeded, NoSuchEntity
from iamconsole.services import clean, lock, save_new
from iamconsole.validators import validate_name

from ..documents import check_document
from ..models import InlinePolicy
from ._entities import KIND, Entity, owner_field

_SIZE_SETTINGS = {
    "user": "IAM_INLINE_POLICY_MAX_SIZE_USER",
    "group": "IAM_INLINE_POLICY_MAX_SIZE_GROUP",
    "role": "IAM_INLINE_POLICY_MAX_SIZE_ROLE",
}


def check_inline_size(entity: Entity, total: int) -> None:
    """LimitExceeded when the entity's inline policies would total more than AWS's quota
    (non-whitespace characters: 2,048 user / 5,120 group / 10,240 role)."""
    limit = getattr(settings, _SIZE_SETTINGS[owner_field(entity)])
    if total > limit:
        raise LimitExceeded(
            f"Maximum policy size of {limit} bytes exceeded for {KIND[type(entity)]} "
            f"{entity.name}: its inline policies would total {total:,} "
            "characters (whitespace excluded).",
            field="policy_document",
        )


@transaction.atomic
def inline_policy_put(
    *, entity: Entity, name: str, policy_document: str | Mapping[str, Any]
) -> InlinePolicy:
    """Create or replace an inline policy (PutUserPolicy/PutGroupPolicy/PutRolePolicy).

    Names are unique per entity ignoring case (putting an existing name replaces it). The
    non-whitespace size of all the entity's inline policies together stays within AWS's
    quota (2,048 user / 5,120 group / 10,240 role); the entity's row is locked meanwhile.
    The policy returned carries the document it replaced as `replaced_document` ("" for a
    new one), which the trail keeps.
    """
    field = owner_field(entity)
    validate_name(name, "inline policy", field="policy_name")
    checked = check_document(policy_document, policy_type="identity")
    entity = lock(entity)
    policies = InlinePolicy.objects.filter(**{field: entity})
    current = policies.filter(name__iexact=name).first()
    others = policies.exclude(pk=current.pk) if current else policies
    used = others.aggregate(total=Sum("size"))["total"] or 0
    check_inline_size(entity, used + checked.size)
    replaced = current.document_text if current else ""
    policy = current or InlinePolicy(account_id=entity.account_id, **{field: entity})
    policy.name = name
    policy.document_text, policy.document, policy.size = (
        checked.text, checked.document, checked.size
    )
    clean(policy)
    save_new(policy, conflict=f"An inline policy named {name} already exists.",
             field="policy_name")
    invalidate_principal_policies(entity.account_id)
    policy.replaced_document = replaced  # type: ignore[attr-defined]
    return policy


@transaction.atomic
def inline_policy_delete(*, entity: Entity, name: str) -> str:
    """Delete an inline policy by name (DeleteUserPolicy/DeleteGroupPolicy/DeleteRolePolicy);
    returns its document, which the trail keeps.

    One DELETE ... RETURNING (PostgreSQL, SQLite 3.35+): reading the document first would
    cost every delete a query more."""
    column = InlinePolicy._meta.get_field(owner_field(entity)).column
    connection = connections[router.db_for_write(InlinePolicy)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Names are ASCII (validated), so UPPER() ignores case as AWS does on every database.
        cursor.execute(
            f"DELETE FROM {quote(InlinePolicy._meta.db_table)} WHERE {quote(column)} = %s "
            f"AND UPPER({quote('name')}) = UPPER(%s) RETURNING {quote('document_text')}",
            [entity.pk, name])
        deleted = [row[0] for row in cursor.fetchall()]
    if not deleted:
        raise NoSuchEntity(
            f"The {KIND[type(entity)]} policy with name {name} cannot be found.",
            field="policy_name",
        )
    invalidate_principal_policies(entity.account_id)
    return deleted[0]
