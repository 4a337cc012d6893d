"""A person signs in with Chromium and sees the dashboard."""

import pytest
from playwright.sync_api import expect

from tests.helpers import ROOT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_root_user_signs_in_and_sees_the_dashboard(page, live_server, account):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/signin/?next=/")
    page.get_by_role("radio", name="Root user").click()
    page.get_by_label("Root user email address").fill(account.root_email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Your authentication information is incorrect")
    expect(page.get_by_label("Root user email address")).to_have_value(account.root_email)

    page.get_by_label("Password").fill(ROOT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="IAM Dashboard")).to_be_visible()
    expect(page.locator(".summary")).to_contain_text("111111111111")
    expect(page.get_by_role("navigation", name="Console")).to_contain_text("Users")
    # htmx is served from the installed django-htmx package, not from a CDN.
    assert page.evaluate("typeof window.htmx") == "object"


def test_sign_out_returns_to_the_sign_in_page(signed_in_page, live_server):
    page = signed_in_page
    page.locator(".identity-menu summary").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/signin/")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
