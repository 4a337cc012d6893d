"""Access keys: created with a secret shown once, stored encrypted, verified in constant time."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from iamconsole.exceptions import InvalidInput
from iamconsole.identifiers import new_access_key_id, new_secret_access_key
from iamconsole.querytools import unique_row
from iamconsole.services import clean, lock, save_new

from ..crypto import decrypt_credential, encrypt
from ..models import AccessKey, Account, IamUser
from .owners import check_owner_quota

# How long a key's recorded last use stands before the next use is written again.
RECORD_USE_INTERVAL = timedelta(minutes=1)
# Compared against when the key ID is unknown, so that a compare runs on both paths.
_DUMMY_SECRET = "0" * 40


@dataclass(frozen=True)
class CreatedAccessKey:
    """A new key and its secret: the only time the secret is available in plain text."""

    access_key: AccessKey
    secret_access_key: str = field(repr=False)

    def as_dict(self) -> dict[str, str]:
        """AWS's CreateAccessKey fields (what `create_account --admin-user` prints)."""
        return {
            "AccessKeyId": self.access_key.access_key_id,
            "SecretAccessKey": self.secret_access_key,
        }


@transaction.atomic
def access_key_create(
    *, user: IamUser | None = None, account: Account | None = None
) -> CreatedAccessKey:
    """Create an access key for a user, or for the root user when only `account` is given.

    At most IAM_MAX_ACCESS_KEYS_PER_USER keys per identity; the owner's row is locked while
    counting so that racing requests cannot pass the limit.
    """
    user, account_pk = check_owner_quota(
        AccessKey.objects.all(), setting="IAM_MAX_ACCESS_KEYS_PER_USER",
        quota_name="AccessKeysPerUser", user=user, account=account, kind="access key",
    )
    secret = new_secret_access_key()
    key = AccessKey(
        account_id=account_pk,
        user=user,
        access_key_id=new_access_key_id(),
        secret_encrypted=encrypt(secret),
        status=AccessKey.Status.ACTIVE,
    )
    clean(key)
    save_new(key, conflict="An access key with that ID already exists; try again.", field=None)
    return CreatedAccessKey(access_key=key, secret_access_key=secret)


@transaction.atomic
def access_key_update_status(*, access_key: AccessKey, status: str) -> AccessKey:
    """Activate or deactivate a key (UpdateAccessKey); inactive keys cannot authenticate."""
    if status not in AccessKey.Status.values:
        raise InvalidInput("The status of an access key is Active or Inactive.", field="status")
    access_key = lock(access_key)
    access_key.status = status
    access_key.save(update_fields=["status", "updated_at"])
    return access_key


@transaction.atomic
def access_key_delete(*, access_key: AccessKey) -> None:
    """Delete a key (DeleteAccessKey)."""
    AccessKey.objects.filter(pk=access_key.pk).delete()


def access_key_authenticate(*, access_key_id: str, secret_access_key: str) -> AccessKey | None:
    """The active key matching both ID and secret, else None; the compare is constant-time.

    Reads only; call access_key_record_use() once the request is accepted.
    """
    key = unique_row(AccessKey.objects.select_related("account", "user")
                     .filter(access_key_id=access_key_id))
    stored = decrypt_credential(key.secret_encrypted) if key is not None else None
    matches = hmac.compare_digest((stored or _DUMMY_SECRET).encode(),
                                  secret_access_key.encode())
    if key is None or stored is None or not matches or not key.is_active:
        return None
    return key


def access_key_record_use(
    *, access_key: AccessKey, service: str = "iam", region: str | None = None
) -> None:
    """Record when, where and for which service a key was last used (one UPDATE).

    A key used again for the same service and region within RECORD_USE_INTERVAL of the time
    recorded (as loaded with `access_key`) is not written again: a busy client costs no write
    per request, and the date AWS-style "last used" shows is at most that much older.
    """
    now = timezone.now()
    service, region = service[:64], (region or settings.IAM_REGION)[:32]
    recorded = access_key.last_used_at
    if (recorded is not None and timedelta(0) <= now - recorded < RECORD_USE_INTERVAL
            and (access_key.last_used_service, access_key.last_used_region) == (service, region)):
        return
    AccessKey.objects.filter(pk=access_key.pk).update(
        last_used_at=now, last_used_service=service, last_used_region=region)
    access_key.last_used_at = now
    access_key.last_used_service, access_key.last_used_region = service, region
