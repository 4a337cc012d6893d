"""What creating, renaming and deleting have in common for the named entities of an account
(users, groups, roles, instance profiles): AWS's unique names ignoring case, the
account's quota, IDs and ARNs, and deletes refused while dependents remain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import EntityAlreadyExists
from iamconsole.identifiers import iam_arn
from iamconsole.services import (
    check_quota,
    clean,
    delete_conflict,
    lock,
    lock_account,
    save_new,
    unique_id_for,
)

from ..models import Account

N = TypeVar("N", bound=models.Model)


@dataclass(frozen=True)
class Naming:
    """How AWS names and counts one kind of entity."""

    model: type[models.Model]
    label: str  # in messages: "user", "instance profile"
    arn_type: str  # "user", "instance-profile"
    id_prefix: str  # "AIDA"
    exists: str  # AWS's message, with {name}: "User with name {name} already exists."
    quota_setting: str  # "IAM_QUOTA_USERS"
    quota_name: str  # "UsersPerAccount"

    def taken(self, account: Account | int, name: str, *, exclude_pk: int | None = None) -> bool:
        """Whether another entity of the account has this name, ignoring case."""
        rows = self.model._default_manager.filter(account=account, name__iexact=name)
        return rows.exclude(pk=exclude_pk).exists() if exclude_pk else rows.exists()


def named_create(naming: Naming, *, account: Account, name: str, path: str,
                 unique_id: str | None = None, created_at: datetime | None = None,
                 **fields: Any) -> Any:
    """Insert a named entity under the account's lock: within the quota, its name free
    (EntityAlreadyExists otherwise, also when a racing request takes it), with a new ID (or
    the one an import keeps) and its ARN."""
    account = lock_account(account)
    check_quota(setting=naming.quota_setting, quota_name=naming.quota_name,
                count=naming.model._default_manager.filter(account=account).count())
    if naming.taken(account, name):
        raise EntityAlreadyExists(naming.exists.format(name=name), field="name")
    entity = naming.model(
        account=account, name=name, path=path,
        unique_id=unique_id_for(naming.model, naming.id_prefix, unique_id),
        created_at=created_at or timezone.now(),
        arn=iam_arn(account.account_id, naming.arn_type, path, name),
        **fields,
    )
    clean(entity)
    return save_new(entity, conflict=naming.exists.format(name=name))


def named_rename(naming: Naming, entity: N, *, name: str, path: str) -> N:
    """Give a locked entity a new name and path (checked by the caller): the ARN changes, the
    unique ID stays."""
    if name.lower() != entity.name.lower() and naming.taken(  # type: ignore[attr-defined]
        entity.account_id, name, exclude_pk=entity.pk  # type: ignore[attr-defined]
    ):
        raise EntityAlreadyExists(naming.exists.format(name=name), field="new_name")
    entity.name, entity.path = name, path  # type: ignore[attr-defined]
    entity.arn = iam_arn(entity.account.account_id,  # type: ignore[attr-defined]
                         naming.arn_type, path, name)
    clean(entity)
    save_new(entity, conflict=naming.exists.format(name=name), field="new_name")
    invalidate_principal_policies(entity.account_id)  # type: ignore[attr-defined]
    return entity


def named_delete(naming: Naming, entity: models.Model,
                 dependents: Callable[[Any], list[dict[str, str]]]) -> None:
    """Delete an entity, refused with DeleteConflict listing what still depends on it."""
    entity = lock(entity)
    blockers = dependents(entity)
    if blockers:
        raise delete_conflict(naming.label, entity.name, blockers)  # type: ignore[attr-defined]
    account_pk = entity.account_id  # type: ignore[attr-defined]
    entity.delete()
    invalidate_principal_policies(account_pk)
