"""The demo's sign-in details, kept in a file outside the database (never committed)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings

from ..models import Account, IamUser
from .content import DEMO_ACCOUNTS, EXAMPLE_CORP
from .passwords import password_works


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
    """The demo's sign-in details as the database has them now, for the sign-in page: None
    unless the demo account exists and its details are recorded.

    Returns `roots` (one row per demo account: account ID, current alias, email, password)
    and `users` (the recorded users that still exist, under their account's current alias),
    each row with `works` (whether the recorded password still signs in: False after an
    administrator changed it) or no password (no console access); `missing` names the
    recorded users that were deleted. Three queries, and no password hash per page load once
    each answer is known (accounts.demo.passwords).
    """
    details = read_demo_credentials()
    accounts = {a.account_id: a for a in Account.objects.filter(
        account_id__in=[spec.account_id for spec in DEMO_ACCOUNTS])}
    if not details or EXAMPLE_CORP.account_id not in accounts:
        return None
    roots = [{**details, "account_id": EXAMPLE_CORP.account_id}]
    roots += [r for r in details.get("accounts") or [] if isinstance(r, dict)]
    root_rows = [_root_row(entry, accounts[str(entry.get("account_id"))]) for entry in roots
                 if str(entry.get("account_id")) in accounts]
    users = {(u.account.account_id, u.name.lower()): u for u in IamUser.objects.filter(
        account__in=accounts.values()).select_related("account", "login_profile")}
    user_rows, missing = [], []
    for entry in details.get("users") or []:
        if not isinstance(entry, dict):
            continue
        user = users.get((str(entry.get("account_id")), str(entry.get("user_name")).lower()))
        if user is None:
            missing.append(str(entry.get("user_name")))
        else:
            user_rows.append(_user_row(entry, user))
    return {"roots": root_rows, "users": user_rows, "missing": missing}


def _root_row(entry: dict[str, Any], account: Account) -> dict[str, Any]:
    return {
        "account_id": account.account_id, "account": account.alias or account.account_id,
        "email": account.root_email, "password": entry.get("root_password"),
        "works": password_works(entry, account.root_password, field="root_password"),
    }


def _user_row(entry: dict[str, Any], user: IamUser) -> dict[str, Any]:
    profile = getattr(user, "login_profile", None)
    return {
        "user_name": user.name, "account": user.account.alias or user.account.account_id,
        "note": entry.get("note", ""), "mfa_secret": entry.get("mfa_secret"),
        "password": entry.get("password") if profile is not None else None,
        "works": profile is not None and password_works(entry, profile.password),
    }

