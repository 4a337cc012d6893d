"""Create the demo account if it is absent and print how to sign in."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import Account
from accounts.services import account_create

DEMO_ACCOUNT_ID = "123456789012"
DEMO_ALIAS = "example-corp"
DEMO_ROOT_EMAIL = "root@example.com"


def demo_credentials_path() -> Path:
    """Where the demo's generated passwords are kept (outside the database, never committed)."""
    default = settings.BASE_DIR / ".demo-credentials.json"
    return Path(os.environ.get("DEMO_CREDENTIALS_FILE", default))


def _read_credentials(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _write_credentials(path: Path, data: dict[str, str]) -> None:
    path.write_text(json.dumps(data, indent=2))
    path.chmod(0o600)


class Command(BaseCommand):
    help = "Create the Example Corp demo account (idempotent) and print its sign-in details."

    def handle(self, *args: object, **options: object) -> None:
        path = demo_credentials_path()
        credentials = _read_credentials(path)
        if not Account.objects.filter(account_id=DEMO_ACCOUNT_ID).exists():
            # A fresh random password per installation: a well-known one would be a risk.
            credentials = {
                "root_email": DEMO_ROOT_EMAIL,
                "root_password": secrets.token_urlsafe(12),
            }
            account_create(
                account_id=DEMO_ACCOUNT_ID,
                alias=DEMO_ALIAS,
                name="Example Corp",
                root_email=DEMO_ROOT_EMAIL,
                root_password=credentials["root_password"],
            )
            _write_credentials(path, credentials)
            self.stdout.write(f"Created the demo account {DEMO_ACCOUNT_ID} ({DEMO_ALIAS}).")
        self.stdout.write("Sign in as the root user:")
        self.stdout.write(f"  email:    {credentials.get('root_email', DEMO_ROOT_EMAIL)}")
        password = credentials.get("root_password")
        self.stdout.write(
            f"  password: {password}" if password else
            f"  password: (not recorded here; {path} is missing)"
        )
