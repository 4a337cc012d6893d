"""Helpers shared by the services of both apps: cleaning, saving, locking, quotas, conflicts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from .exceptions import DeleteConflict, EntityAlreadyExists, InvalidInput, LimitExceeded
from .identifiers import new_unique_id

if TYPE_CHECKING:  # annotation only: the accounts app builds on this module
    from accounts.models import Account

M = TypeVar("M", bound=models.Model)


def first_error(error: ValidationError) -> tuple[str | None, str]:
    """Return (field, message) of the first problem in a model ValidationError."""
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        return field, errors[0].messages[0]
    return None, error.messages[0]


def clean(instance: models.Model, *, related_known: bool = False) -> None:
    """Run the model's field validation, raising InvalidInput naming the first bad field.

    Uniqueness is checked by the services (with AWS's messages) and by the database.
    `related_known`: the row's foreign keys point at objects in hand (a batch about to be
    inserted), so they are not looked up one query each.
    """
    exclude = ([f.name for f in instance._meta.concrete_fields if f.is_relation]
               if related_known else None)
    try:
        instance.full_clean(exclude=exclude, validate_unique=False,
                            validate_constraints=False)
    except ValidationError as exc:
        field, message = first_error(exc)
        raise InvalidInput(message, field=field) from exc


def save_new(instance: M, *, conflict: str, field: str | None = "name") -> M:
    """Insert a row in a savepoint; a unique violation from a racing request is a conflict."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise EntityAlreadyExists(conflict, field=field) from exc
    return instance


def lock(instance: M) -> M:
    """Re-read `instance` with a row lock (SELECT ... FOR UPDATE) for the transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def lock_account(account: Account) -> Account:
    """Lock the account row: serializes per-account quota checks."""
    return lock(account)


def check_quota(*, setting: str, count: int, quota_name: str, adding: int = 1) -> None:
    """Raise LimitExceeded when `count + adding` would pass the limit in `settings.<setting>`."""
    limit = getattr(settings, setting)
    if limit is not None and count + adding > limit:
        raise LimitExceeded(f"Cannot exceed quota for {quota_name}: {limit}")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def blockers_of(blocker_type: str, related: Any, field: str) -> list[dict[str, str]]:
    """One {"type", "name"} blocker per related row, named by `field` (a values_list path)."""
    return [{"type": blocker_type, "name": name} for name in related.values_list(field, flat=True)]


def delete_conflict(kind: str, name: str, blockers: Sequence[dict[str, str]]) -> DeleteConflict:
    """A DeleteConflict whose message summarizes, and `details` lists, what blocks the delete.

    Each blocker is {"type": ..., "name": ...}; the types are AWS's words (access key, ...).
    """
    counts: dict[str, int] = {}
    for blocker in blockers:
        counts[blocker["type"]] = counts.get(blocker["type"], 0) + 1
    summary = ", ".join(_plural(n, noun) for noun, n in counts.items())
    return DeleteConflict(
        f"Cannot delete {kind} {name}: it still has {summary}. Remove them first, "
        f"or delete the {kind} with its dependents.",
        details=list(blockers),
    )


_IMPORTED_ID = re.compile(r"^\w{16,128}$")


def check_imported_id(unique_id: str) -> str:
    """InvalidInput unless `unique_id` looks like one of AWS's (what an import keeps)."""
    if not _IMPORTED_ID.match(unique_id):
        raise InvalidInput("A unique ID has 16 to 128 letters, digits or underscores.",
                           field="unique_id")
    return unique_id


def unique_id_for(model: type[models.Model], prefix: str, unique_id: str | None) -> str:
    """A new random ID with `prefix`, or the given one (imports keep AWS's IDs) if it is free."""
    if unique_id is None:
        return new_unique_id(prefix)
    check_imported_id(unique_id)
    if model._default_manager.filter(unique_id=unique_id).exists():
        raise EntityAlreadyExists(f"An entity with ID {unique_id} already exists.",
                                  field="unique_id")
    return unique_id
