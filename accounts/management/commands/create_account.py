"""Create an account, and optionally an administrator user's or the root user's access key,
printed once."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.services import access_key_create, account_create, login_profile_create, user_create
from iamconsole.exceptions import IamError
from policies.selectors import aws_managed_policy
from policies.services import aws_managed_policies_sync, policy_attach_to_user


class Command(BaseCommand):
    help = (
        "Create an account with its root user. With --admin-user, also an IAM user with "
        "AdministratorAccess and an access key; with --root-access-key, an access key of the "
        "root user. The key is printed once on stdout as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--account-id", required=True, help="12-digit account ID")
        parser.add_argument("--root-email", required=True)
        parser.add_argument("--root-password", required=True)
        parser.add_argument("--alias", default=None, help="account alias (optional)")
        parser.add_argument("--name", default="", help="display name of the account")
        parser.add_argument("--admin-user", default=None, help="also create this IAM user")
        parser.add_argument(
            "--admin-password", default=None, help="console password for the admin user"
        )
        parser.add_argument(
            "--root-access-key", action="store_true",
            help="also create an access key for the root user (labs and tests; AWS advises "
                 "against root keys, and the dashboard flags them)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["admin_password"] and not options["admin_user"]:
            raise CommandError("--admin-password needs --admin-user.")
        if options["root_access_key"] and options["admin_user"]:
            # stdout holds one key only, so that scripts can parse it.
            raise CommandError("--root-access-key and --admin-user each print a key: give one.")
        try:
            with transaction.atomic():
                account = account_create(
                    account_id=options["account_id"],
                    root_email=options["root_email"],
                    root_password=options["root_password"],
                    alias=options["alias"],
                    name=options["name"],
                )
                created = None
                if options["admin_user"]:
                    created = self._admin_user(account, options)
                elif options["root_access_key"]:
                    created = access_key_create(account=account)
        except IamError as exc:
            where = f" ({exc.field})" if exc.field else ""
            raise CommandError(f"{exc.code}{where}: {exc.message}") from exc
        self.stderr.write(f"Created account {account.account_id}.")
        if options["root_access_key"]:
            self.stderr.write("The root user has an access key: the dashboard flags it, as "
                              "AWS advises against root access keys.")
        if created is not None:
            # Only the key goes to stdout, so that scripts can parse it; it is never shown again.
            self.stdout.write(json.dumps(created.as_dict()))

    def _admin_user(self, account, options: dict[str, Any]):
        user = user_create(account=account, name=options["admin_user"])
        if options["admin_password"]:
            login_profile_create(user=user, password=options["admin_password"])
        try:
            admin_policy = aws_managed_policy("AdministratorAccess")
        except IamError:
            aws_managed_policies_sync()
            admin_policy = aws_managed_policy("AdministratorAccess")
        policy_attach_to_user(policy=admin_policy, user=user)
        return access_key_create(user=user)
