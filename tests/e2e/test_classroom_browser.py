"""A trainer's class in Chromium: secrets shown once and projector-safe, reloads that create
nothing, the demo sign-in panel after an alias change, the demo reset, switch-role history."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import AccessKey, Account, IamUser
from accounts.services import account_alias_set, user_create
from tests.factories import RoleFactory
from tests.helpers import USER_PASSWORD, console_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_reloading_retrieve_access_key_creates_nothing_and_hides_the_secret(
        signed_in_page, live_server, account):
    page = signed_in_page
    user_create(account=account, name="alice")
    tab = f"{live_server.url}/users/details/alice/?tab=security_credentials"
    page.goto(tab)
    page.get_by_role("link", name="Create access key").click()
    expect(page.get_by_text("Access key best practices & alternatives").first).to_be_visible()
    page.get_by_text("Command Line Interface (CLI)").click()
    expect(page.get_by_text("Alternative recommended:").first).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Confirm that you understand the recommendation")).to_be_visible()
    page.get_by_label("I understand the above recommendation").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Description tag value").fill("Trainer laptop")
    page.get_by_role("button", name="Create access key").click()

    expect(page.get_by_role("heading", name="Retrieve access key")).to_be_visible()
    secret = page.locator("[data-secret]")
    expect(secret).to_be_hidden()  # projector-safe until "Show"
    page.locator(".reveal summary").click()
    expect(secret).to_be_visible()
    key = AccessKey.objects.get(user__name="alice")
    assert page.get_by_role("link", name="Download .csv file").get_attribute(
        "download") == "alice_accessKeys.csv"
    assert IamUser.objects.get(name="alice").tags == {key.access_key_id: "Trainer laptop"}

    page.reload()  # F5: no second key, no resubmission, the secret gone
    expect(page.get_by_text("This secret was shown once and cannot be shown again.")
           ).to_be_visible()
    assert page.locator("[data-secret]").count() == 0
    assert AccessKey.objects.filter(user__name="alice").count() == 1
    page.get_by_role("link", name="Done").click()
    page.go_back()  # back from the next page: the GET page again, nothing resubmitted
    expect(page.get_by_text("This secret was shown once")).to_be_visible()
    assert AccessKey.objects.filter(user__name="alice").count() == 1
    # The create URL opened directly shows the first step (not a bare 405).
    page.goto(f"{live_server.url}/users/details/alice/access-keys/create/")
    expect(page.get_by_role("heading", name="Create access key")).to_be_visible()


def test_reloading_retrieve_password_keeps_the_user_and_hides_the_password(
        signed_in_page, live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/users/create/")
    page.get_by_label("User name").fill("bob")
    page.get_by_label("Provide user access to the console").check()
    page.get_by_role("radio", name="Custom password").check()
    page.locator("input[name=custom_password]").fill("Classroom-Pass-42!")
    for _ in range(4):
        page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("heading", name="Retrieve password")).to_be_visible()
    expect(page.get_by_role("heading", name="Sign-in instructions")).to_be_visible()
    expect(page.locator("[data-secret]")).to_be_hidden()
    page.locator(".reveal summary").click()
    expect(page.locator("[data-secret]")).to_have_text("Classroom-Pass-42!")
    page.reload()
    expect(page.get_by_text("This password was shown once")).to_be_visible()
    expect(page.get_by_text("already exists")).to_have_count(0)
    assert IamUser.objects.filter(name="bob").count() == 1


def test_after_an_alias_change_the_panel_signs_in_with_the_new_one(page, live_server, demo):
    account_alias_set(account=Account.objects.get(account_id="123456789012"), alias="acme-class")
    page.goto(f"{live_server.url}/signin/")
    panel = page.locator(".demo-signin")
    expect(panel.get_by_text("acme-class").first).to_be_visible()
    expect(panel.get_by_text("example-corp")).to_have_count(0)
    panel.get_by_role("link", name="Use carol").click()
    expect(page.get_by_label("Account ID (12 digits) or account alias")).to_have_value(
        "acme-class")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".identity-badge")).to_have_text("carol")


def test_the_trainer_resets_the_demo_and_stays_signed_in(page, live_server, demo):
    page.goto(f"{live_server.url}/signin/?as=root")
    page.locator(".demo-signin").get_by_role("link", name="Use root user of example-corp").click()
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    user_create(account=Account.objects.get(account_id="123456789012"), name="student1")
    page.locator(".identity-menu summary").click()
    page.get_by_role("link", name="Reset demo").click()
    page.get_by_label("To confirm, enter reset").fill("reset")
    page.get_by_role("button", name="Reset demo").click()
    expect(page.get_by_text("The demo was reset")).to_be_visible()
    expect(page.get_by_text("the printed passwords still work")).to_be_visible()
    assert not IamUser.objects.filter(name="student1").exists()
    page.goto(f"{live_server.url}/users/")  # still signed in
    expect(page.get_by_role("link", name="carol")).to_be_visible()


def test_switch_role_with_a_colour_then_again_from_the_history(page, live_server, account):
    alice = console_user(account, "alice")
    RoleFactory(account=account, name="Auditor", trust={
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": alice.arn}, "Action": "sts:AssumeRole"}]})
    page.goto(f"{live_server.url}/signin/?account=acme")
    page.get_by_label("IAM user name").fill("alice")
    page.get_by_label("Password").fill(USER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/switch-role/")
    page.get_by_label("Account ID or alias").fill("acme")
    page.get_by_label("IAM role name").fill("Auditor")
    page.get_by_label("Display name").fill("Audit")
    page.get_by_label("Green").check()
    page.get_by_role("button", name="Switch role").click()
    banner = page.locator(".role-banner")
    expect(banner).to_contain_text("Audit")
    assert banner.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(183, 202, 157)"
    banner.get_by_role("button", name="Switch back").click()
    page.locator(".identity-menu summary").click()
    page.get_by_role("button", name="Audit (switch to role Auditor in acme)").click()
    expect(page.locator(".role-banner")).to_contain_text("Audit")


def test_at_1024_px_the_users_table_shows_its_last_columns(signed_in_page, live_server,
                                                          account):
    page = signed_in_page
    page.set_viewport_size({"width": 1024, "height": 800})
    console_user(account, "a-user-with-a-long-name")
    page.goto(f"{live_server.url}/users/")
    for header in ("Access key age", "Created"):
        box = page.get_by_role("columnheader", name=header).bounding_box()
        assert box["x"] + box["width"] <= 1024, header
