"""Import `aws iam get-account-authorization-details` output into an account."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.authorization_details.importer import authorization_details_import
from accounts.authorization_details.parse import parse_pages
from accounts.models import Account
from accounts.services import account_create
from iamconsole.exceptions import IamError


class Command(BaseCommand):
    help = (
        "Create or update an account's users, groups, roles, instance profiles and policies "
        "from the output of `aws iam get-account-authorization-details` (one file, or "
        "several pages). Idempotent; a malformed file is refused with the JSON path of the "
        "problem and nothing is written. The account is the file's unless --account-id is "
        "given; it is created (with a random root password, printed once) when absent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--account-id", default=None,
                            help="import into this 12-digit account instead of the file's")

    def handle(self, *args: Any, **options: Any) -> None:
        pages = []
        for name in options["files"]:
            try:
                pages.append((Path(name).name, Path(name).read_bytes()))
            except OSError as exc:
                raise CommandError(f"Cannot read {name}: {exc.strerror}.") from exc
        try:
            details = parse_pages(pages)
            account_id = options["account_id"] or details.source_account
            if account_id is None:
                raise CommandError("The files name no account: give --account-id.")
            with transaction.atomic():
                account = Account.objects.filter(account_id=account_id).first()
                if account is None:
                    account = self._create_account(account_id)
                result = authorization_details_import(account=account, details=details)
        except IamError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(f"Imported into account {account.account_id}:")
        self.stdout.write(result.summary())
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")

    def _create_account(self, account_id: str) -> Account:
        password = secrets.token_urlsafe(16)
        account = account_create(
            account_id=account_id,
            root_email=f"root+{account_id}@example.invalid",
            root_password=password,
            name=f"Imported {account_id}",
        )
        # Shown once: the console keeps only its hash.
        self.stdout.write(f"Created account {account_id}; root user {account.root_email}, "
                          f"password {password}")
        return account
