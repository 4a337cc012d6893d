"""A class survives throttling: a student who mistyped too often is told how long to wait,
and the trainer (the account's root user) sees the throttle and clears it from the console."""

import pytest
from playwright.sync_api import expect

from accounts.services import login_profile_create
from tests.helpers import USER_PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("low_throttle_limits")]


def _student_signs_in(page, url: str, password: str) -> None:
    page.goto(f"{url}/signin/?account=acme")
    page.get_by_label("IAM user name").fill("alice")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_the_trainer_clears_a_students_throttle(browser, signed_in_page, live_server, alice):
    login_profile_create(user=alice, password=USER_PASSWORD)
    student = browser.new_context().new_page()
    for _ in range(3):
        _student_signs_in(student, live_server.url, "a-typo")
    _student_signs_in(student, live_server.url, USER_PASSWORD)
    expect(student.get_by_role("alert")).to_contain_text(
        "Too many failed attempts. Try again in 15 minutes.")

    trainer = signed_in_page
    trainer.goto(f"{live_server.url}/account/settings/")
    panel = trainer.get_by_role("region", name="Throttled sign-ins and access keys")
    expect(panel.get_by_role("row").filter(has_text="127.0.0.1")).to_contain_text("alice")
    expect(panel).to_contain_text("Throttled until")
    panel.get_by_role("button", name="Clear all").click()
    expect(trainer.get_by_text("All throttles of the account cleared.")).to_be_visible()
    expect(panel).to_contain_text("No failed attempts right now.")

    _student_signs_in(student, live_server.url, USER_PASSWORD)
    expect(student).to_have_url(f"{live_server.url}/")
