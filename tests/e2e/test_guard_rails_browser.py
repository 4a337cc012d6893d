"""A simulator result saved as a guard rail in one click, switched to block, and shown on the
dashboard, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from accounts.services import user_create
from policies.services import inline_policy_put

from .test_simulator import pick_action, result_row

pytestmark = pytest.mark.django_db(transaction=True)

READ_REPORTS = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def test_a_result_becomes_a_guard_rail(signed_in_page, live_server, account, tmp_path):
    alice = user_create(account=account, name="alice")
    inline_policy_put(entity=alice, name="reports", policy_document=READ_REPORTS)
    page = signed_in_page
    page.goto(f"{live_server.url}/simulator/")
    page.get_by_label("Principal").select_option(label="alice")
    pick_action(page, "s3", "GetObject")
    page.get_by_role("button", name="Run simulation").click()
    row = result_row(page, "s3:GetObject")
    expect(row).to_contain_text("Allowed")
    row.get_by_role("button", name="Save as guard rail").click()

    expect(page).to_have_url(re.compile(r"/guard-rails/$"))
    expect(page.locator("#messages")).to_contain_text("alice can s3:GetObject")
    rail = page.locator(".guard-rail-table tbody tr").first
    expect(rail).to_contain_text("✔ Holds")
    rail.get_by_label("Mode of alice can s3:GetObject").select_option("block")
    rail.get_by_role("button", name="Set").click()
    expect(page.locator("#messages")).to_contain_text("now set to block")
    page.screenshot(path=str(tmp_path / "guard-rails.png"), full_page=True)

    page.goto(f"{live_server.url}/")
    expect(page.locator("#guard-rails-card")).to_contain_text("1 guard rail")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    print(tmp_path)
