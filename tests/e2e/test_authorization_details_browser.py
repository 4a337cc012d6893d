"""Import and export in Chromium: upload two pages with htmx, see the table, then an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import IamUser

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = [str(FIXTURES / "gaad_realistic_page1.json"), str(FIXTURES / "gaad_realistic_page2.json")]


def test_administrator_imports_two_pages_then_a_broken_file(signed_in_page, live_server,
                                                            account, tmp_path):
    """From Account settings to the import result, then a refused file naming its JSON path."""
    page = signed_in_page
    page.goto(f"{live_server.url}/account/settings/")
    page.get_by_role("link", name="Import and export").click()
    expect(page.get_by_role("heading", name="Import and export")).to_be_visible()

    page.get_by_label("Authorization details files").set_input_files(PAGES)
    page.get_by_role("button", name="Import").click()
    result = page.locator("#gaad-result")
    expect(result.get_by_role("heading", name="✔ Imported", exact=False)).to_be_visible()
    expect(result.get_by_role("row", name="Users 3 0 0")).to_be_visible()
    page.screenshot(path=str(tmp_path / "gaad-result.png"), full_page=True)
    expect(result.get_by_text("LegacyDeprecatedPolicy", exact=False)).to_be_visible()
    assert IamUser.objects.filter(account=account, name="jane.doe").exists()

    broken = json.loads(Path(PAGES[0]).read_text())
    broken["UserDetailList"][1]["UserPolicyList"][0]["PolicyDocument"] = "%7Bbroken"
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(broken))
    page.get_by_label("Authorization details files").set_input_files([str(bad)])
    page.get_by_role("button", name="Import").click()
    expect(result.get_by_role("alert")).to_contain_text(
        "$.UserDetailList[1].UserPolicyList[0].PolicyDocument"
    )
    expect(result.get_by_role("alert")).to_contain_text("nothing was written")
    page.screenshot(path=str(tmp_path / "gaad-error.png"), full_page=True)
    assert IamUser.objects.filter(account=account).count() == 3  # the first import only
