"""Lists in Chromium: every column sorts, and the columns chosen are remembered per user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.services import user_create
from tests.factories import AccessKeyFactory, MfaDeviceFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def users(account):
    """carol used a key yesterday, bob 40 days ago, dave never; dave has MFA."""
    now = timezone.now()
    AccessKeyFactory(user=user_create(account=account, name="bob"),
                     last_used_at=now - timedelta(days=40))
    AccessKeyFactory(user=user_create(account=account, name="carol"),
                     last_used_at=now - timedelta(days=1))
    MfaDeviceFactory(account=account, enabled_for=user_create(account=account, name="dave"))


def names(page) -> list[str]:
    return page.locator("#list-results tbody tr td:nth-child(2) a").all_inner_texts()


def test_last_activity_and_mfa_sort(signed_in_page, live_server, users):
    page = signed_in_page
    page.goto(f"{live_server.url}/users/")
    table = page.locator("#list-results")
    table.get_by_role("link", name="Last activity").click()
    expect(page).to_have_url(f"{live_server.url}/users/?sort=last_activity")
    assert names(page) == ["bob", "carol", "dave"]  # oldest first, never active last
    table.get_by_role("link", name="Last activity").click()
    expect(page).to_have_url(f"{live_server.url}/users/?sort=-last_activity")
    assert names(page) == ["carol", "bob", "dave"]
    table.get_by_role("link", name="MFA").click()
    expect(page).to_have_url(f"{live_server.url}/users/?sort=mfa")  # the table redrawn first
    table.get_by_role("link", name="MFA").click()
    expect(page).to_have_url(f"{live_server.url}/users/?sort=-mfa")
    assert names(page)[0] == "dave"


def test_hidden_columns_are_remembered_for_the_user(signed_in_page, live_server, users):
    page = signed_in_page
    page.goto(f"{live_server.url}/users/")
    path_header = page.locator("#list-results thead th", has_text="Path")
    expect(path_header).to_be_visible()
    page.get_by_text("Columns", exact=True).click()
    page.get_by_label("Path", exact=True).uncheck()
    page.get_by_label("Created", exact=True).uncheck()
    expect(path_header).to_be_hidden()
    expect(page.locator("#list-results tbody tr").first.locator("td code")).to_be_hidden()

    # After a reload, and after the table is redrawn by a sort, the choice holds.
    page.reload()
    expect(path_header).to_be_hidden()
    page.locator("#list-results").get_by_role("link", name="MFA").click()
    expect(page).to_have_url(f"{live_server.url}/users/?sort=mfa")
    expect(path_header).to_be_hidden()
    expect(page.locator("#list-results thead th", has_text="Created")).to_be_hidden()
    expect(page.locator("#list-results thead th", has_text="Last activity")).to_be_visible()

