"""`manage.py wire_coverage`: the wire actions registered, against botocore's models."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from iamconsole.wire.protocol import QUERY_SERVICES
from iamconsole.wire.registry import coverage


class Command(BaseCommand):
    help = ("Print, for each service of /aws, the operations implemented over the wire and "
            "the operations in botocore's model (the README's figure).")

    def handle(self, *args: Any, **options: Any) -> None:
        for service in QUERY_SERVICES:
            implemented, total = coverage(service)
            self.stdout.write(f"{service}: {len(implemented)} / {total} operations "
                              f"({len(implemented) / total:.1%})")
