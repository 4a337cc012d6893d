"""Print an account as `aws iam get-account-authorization-details` does, plus x-console."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.authorization_details import FILTERS, export_authorization_details
from accounts.models import Account


class Command(BaseCommand):
    help = (
        "Write an account's users, groups, roles and policies in the format of "
        "`aws iam get-account-authorization-details` (URL-encoded documents), with an "
        "x-console block for what that format lacks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--account-id", required=True, help="12-digit account ID or alias")
        parser.add_argument(
            "--filter", action="append", choices=FILTERS, dest="filters",
            help="only these lists (repeatable), as AWS's --filter",
        )
        parser.add_argument("--no-extension", action="store_true",
                            help="leave out the x-console block (plain AWS output)")
        parser.add_argument("--output", "-o", default="-", help="file to write (default stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        value = options["account_id"]
        account = (
            Account.objects.filter(account_id=value).first()
            or Account.objects.filter(alias=value).first()
        )
        if account is None:
            raise CommandError(f"Account {value} does not exist.")
        document = export_authorization_details(
            account, filters=options["filters"], include_extension=not options["no_extension"]
        )
        text = json.dumps(document, indent=4) + "\n"
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {options['output']}.")
