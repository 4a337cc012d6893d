"""Sign-in details of the demo account, shown on the sign-in page only when the demo is loaded."""

from __future__ import annotations

from typing import Any


def demo_signin_details() -> dict[str, Any] | None:
    """The demo's credentials file (written by load_demo), if the demo account exists."""
    from .management.commands.load_demo import (
        DEMO_ACCOUNT_ID,
        _read_credentials,
        demo_credentials_path,
    )
    from .models import Account

    details = _read_credentials(demo_credentials_path())
    if not details or not Account.objects.filter(account_id=DEMO_ACCOUNT_ID).exists():
        return None
    return details
