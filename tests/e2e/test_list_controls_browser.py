"""A long list, in Chromium: page size, sort and search work together and stay in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.factories import IamUserFactory, ManagedPolicyFactory, RoleFactory

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


@pytest.mark.parametrize("path, factory, name, title", [
    ("/users/", IamUserFactory, "user", "Delete 2 users?"),
    ("/roles/", RoleFactory, "role", "Delete 2 roles?"),
])
def test_rows_ticked_after_a_search_reach_the_bulk_delete(signed_in_page, live_server, account,
                                                          path, factory, name, title):
    """Leaving the search box to tick rows keeps the table (and the ticks) as they are."""
    for number in range(12):
        factory(account=account, name=f"{name}{number:02d}")
    page = signed_in_page
    syntax_errors = []
    page.on("console", lambda message: syntax_errors.append(message.text)
            if "htmx:syntax:error" in message.text else None)
    page.goto(f"{live_server.url}{path}")
    rows = page.locator("#list-results tbody tr")
    page.get_by_role("searchbox").fill(f"{name}1")
    expect(rows).to_have_count(2)
    page.get_by_role("checkbox", name=f"Select {name}10").check()  # the search box loses focus
    page.get_by_role("checkbox", name=f"Select {name}11").check()
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text(f"{name}10", exact=True)).to_be_visible()
    assert syntax_errors == []


def test_path_prefix_filters_as_it_is_typed(signed_in_page, live_server, account):
    """The path prefix beside the search box filters the list as it is typed, too."""
    IamUserFactory(account=account, name="in-ops", path="/ops/")
    IamUserFactory(account=account, name="elsewhere", path="/")
    page = signed_in_page
    page.goto(f"{live_server.url}/users/")
    rows = page.locator("#list-results tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_label("Path prefix").fill("/ops/")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("in-ops")
    assert _query(page)["path_prefix"] == ["/ops/"]


@pytest.mark.parametrize("path, factory, name, header", [
    ("/users/", IamUserFactory, "user", "Select every user on this page"),
    ("/roles/", RoleFactory, "role", "Select every role on this page"),
    ("/policies/?type=customer", ManagedPolicyFactory, "policy", None),
])
def test_delete_is_enabled_only_while_a_row_is_ticked(signed_in_page, live_server, account,
                                                      path, factory, name, header):
    for number in range(3):
        factory(account=account, name=f"{name}{number:02d}")
    page = signed_in_page
    page.goto(f"{live_server.url}{path}")
    delete = page.get_by_role("button", name="Delete", exact=True)
    first = page.locator("#list-results tbody input[type=checkbox]").first
    expect(delete).to_be_disabled()
    first.check()
    expect(delete).to_be_enabled()
    first.uncheck()
    expect(delete).to_be_disabled()
    if header:
        page.get_by_role("checkbox", name=header).check()  # ticks every row without events
        expect(delete).to_be_enabled()
    first.check()
    page.get_by_role("searchbox").fill(f"{name}02")  # the table is redrawn, unticked
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    expect(delete).to_be_disabled()
