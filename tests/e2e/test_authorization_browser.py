"""As a trainer shows it: root creates a read-only user, who then cannot create users."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

ALICE_PASSWORD = "Alice-Reads-Only-2026!"
DENIAL = (
    "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: iam:CreateUser "
    "on resource: arn:aws:iam::111111111111:user/* because no identity-based policy allows the "
    "iam:CreateUser action"
)


def test_a_read_only_user_sees_users_but_is_denied_creating_one(signed_in_page, live_server):
    page = signed_in_page
    # As root: create alice with a console password and IAMReadOnlyAccess attached directly.
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Users").click()
    page.get_by_role("link", name="Create user").first.click()
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Provide user access to the console").check()
    page.get_by_label("Custom password", exact=True).first.check()
    page.locator("input[name=custom_password]").fill(ALICE_PASSWORD)
    page.get_by_label(re.compile("Users must create a new password")).uncheck()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Attach policies directly").check()
    page.get_by_placeholder("Search permissions policies by name").fill("IAMReadOnlyAccess")
    policy = page.get_by_label("IAMReadOnlyAccess", exact=True)
    expect(policy).to_be_visible()
    policy.check()
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("IAMReadOnlyAccess").first).to_be_visible()
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_text("arn:aws:iam::111111111111:user/alice").first).to_be_visible()

    # Sign out, and sign in as alice.
    page.locator(".identity-menu summary").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_server.url}/signin/")
    page.get_by_role("radio", name="IAM user").click()
    page.get_by_label("Account ID (12 digits) or account alias").fill("111111111111")
    page.get_by_label("IAM user name").fill("alice")
    page.get_by_label("Password").fill(ALICE_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".identity-badge")).to_have_text("alice")

    # Alice may list users...
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Users").click()
    expect(page.get_by_role("link", name="alice", exact=True)).to_be_visible()
    # ...but the Create user button is disabled, and says why.
    create = page.get_by_role("button", name="Create user")
    expect(create).to_be_disabled()
    expect(create).to_have_attribute("title", DENIAL)
    # Going to the page anyway shows AWS's denial.
    response = page.goto(f"{live_server.url}/users/create/")
    assert response.status == 403
    expect(page.get_by_role("alert")).to_contain_text(DENIAL)
