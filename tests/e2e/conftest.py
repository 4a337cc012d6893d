"""Browser tests: pytest-playwright driving Debian's Chromium against the live server.

Outside CI a missing Chromium skips these tests; under CI=true it fails them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import ROOT_PASSWORD

# Playwright's sync API runs an event loop in the test thread; the ORM calls that the tests
# make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists() and not IN_CI:
                item.add_marker(pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"CI=true but Chromium is not installed at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def signed_in_page(page, live_server, account):
    """A browser page signed in as the account's root user."""
    page.goto(f"{live_server.url}/signin/?as=root")
    page.get_by_label("Root user email address").fill(account.root_email)
    page.get_by_label("Password").fill(ROOT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    # The dashboard loads its cards with htmx: let them finish, or their reads race the
    # test's own writes (SQLite's shared cache answers "database table is locked").
    page.wait_for_load_state("networkidle")
    return page


@pytest.fixture(autouse=True)
def _no_content_security_policy_violations(request):
    """Every browser test also checks that the page broke none of its Content-Security-Policy
    (Chromium reports each refused inline script or style on the console)."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield
    assert violations == []
