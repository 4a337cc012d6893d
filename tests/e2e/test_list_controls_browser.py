"""A long list, in Chromium: page size, sort and search work together and stay in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.factories import IamUserFactory, RoleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


@pytest.mark.parametrize("path, factory, name", [
    ("/users/", IamUserFactory, "user"),
    ("/roles/", RoleFactory, "role"),
])
def test_page_size_sort_and_search_keep_each_other(signed_in_page, live_server, account,
                                                   path, factory, name):
    for number in range(30):
        factory(account=account, name=f"{name}{number:02d}")
    page = signed_in_page
    page.goto(f"{live_server.url}{path}")
    rows = page.locator("#list-results tbody tr")
    expect(rows).to_have_count(25)
    expect(page.get_by_text("30 total · page 1 of 2")).to_be_visible()

    page.get_by_label("Rows per page").select_option("50")
    expect(rows).to_have_count(30)
    assert _query(page)["per_page"] == ["50"]

    page.locator("#list-results").get_by_role("link", name="name").first.click()  # descending
    expect(rows.first).to_contain_text(f"{name}29")
    assert _query(page)["sort"] == ["-name"]
    expect(page.get_by_label("Rows per page")).to_have_value("50")

    page.get_by_role("searchbox").fill(f"{name}1")
    expect(rows).to_have_count(10)
    expect(rows.first).to_contain_text(f"{name}19")  # still descending
    page.get_by_role("searchbox").fill(f"{name}2")
    expect(rows.first).to_contain_text(f"{name}29")
    query = _query(page)
    # Each value once: a new search replaces the last one in the URL instead of adding to it.
    assert (query["q"], query["sort"], query["per_page"]) == ([f"{name}2"], ["-name"], ["50"])

    page.reload()  # the URL alone restores the list
    expect(rows).to_have_count(10)
    expect(rows.first).to_contain_text(f"{name}29")
    expect(page.get_by_label("Rows per page")).to_have_value("50")
    # The table sits inside the bulk-delete form; the page size and sort are not its fields.
    form_fields = page.evaluate(
        "() => [...document.querySelector('#list-results').closest('form').elements]"
        ".map(e => e.name)"
    )
    assert "names" in form_fields
    assert "per_page" not in form_fields and "sort" not in form_fields
