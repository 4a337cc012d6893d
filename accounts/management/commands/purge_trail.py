"""Delete the trail events older than each account's retention period (run it from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accounts.services.trail import trail_purge


class Command(BaseCommand):
    help = (
        "Delete trail events older than their account's retention period (event history's "
        "setting, 90 days by default), and events of no account older than 90 days. Safe to "
        "run from several machines at once: it deletes by time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = trail_purge()
        self.stdout.write(f"Deleted {deleted} trail event{'' if deleted == 1 else 's'}.")
