"""The owner of long-term credentials (a user, or the root user), locked while its
credentials are counted against a quota."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model, QuerySet

from iamconsole.exceptions import InvalidInput
from iamconsole.services import check_quota, lock

from ..key_selectors import owned
from ..models import Account, CredentialStatus, IamUser


def lock_owner(*, user: IamUser | None = None, account: Account | None = None,
               kind: str = "credential") -> tuple[IamUser | None, int]:
    """The user (locked) and its account's primary key; for the root user (only `account`),
    None and the locked account's: racing requests cannot pass a per-owner quota."""
    if user is not None:
        user = lock(user)
        return user, user.account_id
    if account is not None:
        return None, lock(account).pk
    raise InvalidInput(f"A {kind} belongs to a user or to the root user.")


def check_owner_quota(rows: QuerySet[Model], *, setting: str, quota_name: str,
                      **owner: Any) -> tuple[IamUser | None, int]:
    """Lock the owner (see lock_owner), then refuse with LimitExceeded when its `rows` are at
    the quota in `settings.<setting>`; returns lock_owner's answer."""
    user, account_pk = lock_owner(**owner)
    scope = {"user": user} if user is not None else {"account": account_pk}
    check_quota(setting=setting, quota_name=quota_name, count=owned(rows, **scope).count())
    return user, account_pk


C = TypeVar("C", bound=Model)


@transaction.atomic
def credential_update_status(*, credential: C, status: str) -> C:
    """Activate or deactivate a signing certificate, SSH public key or service-specific
    credential (Update*): only Active and Inactive can be set."""
    if status not in CredentialStatus.values:
        raise InvalidInput("The status is Active or Inactive.", field="status")
    credential = lock(credential)
    credential.status = status  # type: ignore[attr-defined]
    credential.save(update_fields=["status"])
    return credential


@transaction.atomic
def credential_delete(*, credential: Model) -> None:
    """Delete a signing certificate, SSH public key or service-specific credential."""
    type(credential)._default_manager.filter(pk=credential.pk).delete()
