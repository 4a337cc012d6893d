"""Create (or with --reset, rebuild) the training demo and print how to sign in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.demo import EXAMPLE_CORP
from accounts.demo.credentials import demo_credentials_path
from accounts.demo.recorded import load_demo_recorded
from iamconsole.exceptions import IamError


class Command(BaseCommand):
    help = (
        "Create the Example Corp training demo (idempotent: only what is missing), or with "
        "--reset rebuild it after a class changed it, and print every demo sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true",
            help="delete everything in the demo accounts and build them again "
                 "(recorded passwords and MFA secrets are kept)",
        )
        parser.add_argument(
            "--new-passwords", action="store_true",
            help="with --reset: new random passwords instead of the recorded ones",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = demo_credentials_path()
        if options["new_passwords"] and not options["reset"]:
            raise CommandError("--new-passwords goes with --reset.")
        try:
            result = load_demo_recorded(reset=options["reset"],
                                        new_passwords=options["new_passwords"])
        except IamError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        for line in result.log:
            self.stdout.write(line)
        self._print(result.credentials, path)

    def _print(self, credentials: dict[str, Any], path: Path) -> None:
        write = self.stdout.write
        write(f"Sign in as the root user of {EXAMPLE_CORP.alias} ({EXAMPLE_CORP.account_id}):")
        write(f"  email:    {credentials.get('root_email', EXAMPLE_CORP.root_email)}")
        password = credentials.get("root_password")
        write(f"  password: {password}" if password else
              f"  password: (not recorded here; {path} is missing)")
        users = credentials.get("users") or []
        if users:
            write("Or as an IAM user (account, user, password, MFA secret - note):")
            width = max(len(u["user_name"]) for u in users)
            for user in users:
                mfa = f"  MFA secret {user['mfa_secret']}" if user.get("mfa_secret") else ""
                write(f"  {user['account_alias'] or user['account_id']:<16} "
                      f"{user['user_name']:<{width}}  {user['password']}{mfa}  - {user['note']}")
        for other in credentials.get("accounts") or []:
            write(f"Root user of {other['account_alias']} ({other['account_id']}): "
                  f"{other.get('root_email')} / {other.get('root_password', '(not recorded)')}")
