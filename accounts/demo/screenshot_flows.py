"""Screenshots that need clicks through a flow (the screenshots command runs them last):
the access-key steps and the one-time secret pages. Whatever a flow creates in the demo is
deleted afterwards, so the demo stays as loaded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iamconsole.operations import root_caller

from ..models import AccessKey, Account, IamUser
from ..operations.users import DeleteUser
from ..services import access_key_delete
from .content import EXAMPLE_CORP

NEW_HIRE = "new-hire"
# A flow: (page signed in as the demo's root user, the server's base URL, the demo's recorded
# sign-in details).
Flow = Callable[[Any, str, dict[str, Any]], None]


def _access_key(page: Any, base: str, credentials: dict[str, Any]) -> None:
    page.goto(f"{base}/users/details/carol/access-keys/create/")
    page.click("input[name=use_case][value=cli]")
    page.check("input[name=confirm]")
    page.click("button[name=nav][value=next]:not(.visually-hidden)")
    page.fill("input[name=description]", "Laptop CLI for the IAM class")
    page.click("button[name=nav][value=create]:not(.visually-hidden)")
    page.wait_for_selector("h1:has-text('Retrieve access key')")


def _access_key_steps(page: Any, base: str, credentials: dict[str, Any]) -> None:
    page.goto(f"{base}/users/details/carol/access-keys/create/")
    page.click("input[name=use_case][value=cli]")


def _retrieve_password(page: Any, base: str, credentials: dict[str, Any]) -> None:
    page.goto(f"{base}/users/create/")
    page.fill("input[name=name]", NEW_HIRE)
    page.check("input[name=console_access]")
    for _ in range(4):
        page.click("button[name=nav][value=next]:not(.visually-hidden)")
    page.click("button[name=nav][value=create]")
    page.wait_for_selector("h1:has-text('Retrieve password')")


FLOWS: list[tuple[str, Flow]] = [
    ("access-key-create", _access_key_steps),
    ("access-key-retrieve", _access_key),
    ("user-retrieve-password", _retrieve_password),
]


def clean_up() -> None:
    """Delete what the flows created: carol's new key, the new user."""
    corp = Account.objects.filter(account_id=EXAMPLE_CORP.account_id).first()
    if corp is None:
        return
    for key in AccessKey.objects.filter(account=corp, user__name="carol"):
        access_key_delete(access_key=key)
    if IamUser.objects.filter(account=corp, name=NEW_HIRE).exists():
        root_caller(corp).run(DeleteUser, user_name=NEW_HIRE, with_dependents=True)
