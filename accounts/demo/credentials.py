"""The demo's sign-in details, kept in a file outside the database (never committed)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings

from ..models import Account
from .content import EXAMPLE_CORP


def demo_credentials_path() -> Path:
    """Where the demo's generated passwords are kept (outside the database, never committed)."""
    default = settings.BASE_DIR / ".demo-credentials.json"
    return Path(os.environ.get("DEMO_CREDENTIALS_FILE", default))


def read_demo_credentials(path: Path | None = None) -> dict[str, Any]:
    """The recorded sign-in details: root_email, root_password, users[...]; {} if unreadable.

    Each user: account_id, account_alias, user_name, password, mfa_secret (base32 or null),
    note. `accounts` lists the other demo accounts' root users. `path` defaults to
    `demo_credentials_path()`.
    """
    try:
        data = json.loads((path or demo_credentials_path()).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_demo_credentials(path: Path, data: dict[str, Any]) -> None:
    """Record the sign-in details in `path`, readable by its owner only."""
    # Created with mode 0600 before anything is written: the file holds passwords.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(json.dumps(data, indent=2) + "\n")
    path.chmod(0o600)


def demo_signin_details() -> dict[str, Any] | None:
    """The recorded sign-in details for the sign-in page, if the demo account exists."""
    details = read_demo_credentials()
    if not details or not Account.objects.filter(account_id=EXAMPLE_CORP.account_id).exists():
        return None
    return details
