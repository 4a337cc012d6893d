"""Load or refresh the AWS-managed policy catalogue (idempotent; quick when already loaded)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from policies.services import aws_managed_policies_sync


class Command(BaseCommand):
    help = "Load the AWS-managed policies shipped by the moto package (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        result = aws_managed_policies_sync()
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"AWS-managed policies: {result.total} ({result.created} added, "
            f"{result.updated} updated) in {elapsed:.1f}s."
        )
