"""The trail's upkeep: an account's retention period, and the purge of older events."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from iamconsole.services import clean, lock

from ..models import Account, TrailEvent
from ..models.account import TRAIL_RETENTION_DEFAULT

# How often event history purges an account's expired events on its own (per cache: once
# for every process sharing Redis, once per process with a local cache); `purge_trail`,
# run from cron, purges every account.
PURGE_EVERY = timedelta(minutes=10)


@transaction.atomic
def account_trail_retention_set(*, account: Account, days: int) -> Account:
    """Keep the account's trail events `days` days (1 to 3,650); older ones are purged."""
    account = lock(account)
    account.trail_retention_days = days
    clean(account)
    account.save(update_fields=["trail_retention_days", "updated_at"])
    return account


def trail_purge_account(*, account: Account, now: datetime | None = None) -> int:
    """Delete the account's events older than its retention period; returns how many.

    One DELETE by time: idempotent, so processes purging at once delete each row once."""
    since = (now or timezone.now()) - timedelta(days=account.trail_retention_days)
    deleted, _ = TrailEvent.objects.filter(account=account, event_time__lt=since).delete()
    return deleted


def trail_purge(*, now: datetime | None = None) -> int:
    """Delete every account's events older than its retention period, and events of no
    account (refused sign-ins and signatures naming none) older than the default; returns
    how many. One DELETE per distinct retention period."""
    now = now or timezone.now()
    deleted = 0
    periods = (Account.objects.order_by().values_list("trail_retention_days", flat=True)
               .distinct())
    for days in periods:
        deleted += TrailEvent.objects.filter(
            account__trail_retention_days=days,
            event_time__lt=now - timedelta(days=days)).delete()[0]
    deleted += TrailEvent.objects.filter(
        account__isnull=True,
        event_time__lt=now - timedelta(days=TRAIL_RETENTION_DEFAULT)).delete()[0]
    return deleted


def trail_purge_due(*, account: Account) -> int | None:
    """Purge the account's expired events unless that was done less than PURGE_EVERY ago
    (`cache.add` is atomic: one of several racing processes purges); returns how many were
    deleted, None when not due."""
    if not cache.add(f"trail-purge:{account.pk}", True, PURGE_EVERY.total_seconds()):
        return None
    return trail_purge_account(account=account)
