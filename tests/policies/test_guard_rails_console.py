"""Guard rails in the console: the page lists them with their status, saves, switches mode,
deletes and checks; a blocked change shows the broken rails; a warned one a warning."""

from __future__ import annotations

import re

import pytest

from policies.models import GuardRail, PolicyAttachment
from tests.helpers import sign_in

from .guard_rails_support import arn, build, rail

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(account):
    return build(account)


@pytest.fixture
def console(client, account, world):
    return sign_in(client, account)


@pytest.mark.parametrize("extra", [0, 30])
def test_the_page_lists_rails_with_their_status(console, account, extra,
                                                django_assert_max_num_queries):
    rail(account, "alice-reads", "user/alice", "s3:GetObject", "allowed",
         resource="arn:aws:s3:::reports/q1.csv")
    rail(account, "alice-writes", "user/alice", "s3:PutObject", "allowed")
    for n in range(extra):
        rail(account, f"more-{n}", "group/Developers", "iam:CreateUser", "denied")
    with django_assert_max_num_queries(8):
        page = console.get("/guard-rails/").content.decode()
    assert "alice-reads" in page and "✔ Holds" in page
    assert "✖ Broken" in page and "user/alice: implicitDeny" in page


def test_save_switch_mode_check_and_delete(console, account):
    response = console.post("/guard-rails/", {
        "subject": arn(account, "user/alice"), "action": "s3:GetObject",
        "resource": "arn:aws:s3:::reports/q1.csv", "expected": "allowed", "mode": "warn",
        "context_key": ["aws:SourceIp"], "context_values": ["203.0.113.7"]})
    assert response.status_code == 302
    saved = GuardRail.objects.get()
    assert (saved.name, saved.context, saved.last_status) == (
        "alice can s3:GetObject", {"aws:SourceIp": ["203.0.113.7"]}, "holds")
    assert console.post(f"/guard-rails/{saved.pk}/mode/", {"mode": "block"}).status_code == 302
    assert GuardRail.objects.get().mode == "block"
    checked = console.post("/guard-rails/check/", follow=True).content.decode()
    assert "Checked 1 guard rail: 1 hold, 0 broken." in checked
    assert console.post(f"/guard-rails/{saved.pk}/delete/").status_code == 302
    assert not GuardRail.objects.exists()


def test_an_invalid_rail_is_shown_beside_its_field(console, account):
    response = console.post("/guard-rails/", {
        "name": "bad", "subject": arn(account, "user/alice"), "action": "s3:*",
        "expected": "allowed", "mode": "warn"})
    assert response.status_code == 400
    assert "no wildcards" in response.content.decode()
    assert not GuardRail.objects.exists()


def test_a_blocked_console_change_lists_the_broken_rails(console, account, world):
    rail(account, "no-create-user", "user/alice", "iam:CreateUser", "denied")
    response = console.post("/users/details/alice/policies/attach/",
                            {"policies": [world["all"].arn]}, follow=True)
    assert "no-create-user" in response.content.decode()
    assert not PolicyAttachment.objects.filter(user=world["alice"]).exists()


def test_a_warned_console_change_shows_the_warning(console, account, world):
    rail(account, "no-create-user", "user/alice", "iam:CreateUser", "denied", mode="warn")
    response = console.post("/users/details/alice/policies/attach/",
                            {"policies": [world["all"].arn]}, follow=True)
    assert "Guard rail no-create-user is now broken" in response.content.decode()
    assert PolicyAttachment.objects.filter(user=world["alice"]).exists()


def test_a_simulator_result_saves_as_a_guard_rail_in_one_click(console, account):
    alice = arn(account, "user/alice")
    page = console.post("/simulator/", {
        "mode": "principal", "principal": alice, "action": ["s3:GetObject", "s3:PutObject"],
    }).content.decode()
    assert page.count("Save as guard rail") == 2
    forms = re.findall(r'<form[^>]*class="sim-guard-rail">(.*?)</form>', page, re.S)
    fields = [dict(re.findall(r'name="(\w+)" value="([^"]*)"', form)) for form in forms]
    (put,) = [f for f in fields if f["action"] == "s3:PutObject"]
    assert (put["subject"], put["expected"], put["mode"]) == (alice, "denied", "warn")
    response = console.post("/guard-rails/", put)  # the button: one click
    assert response.status_code == 302
    saved = GuardRail.objects.get()
    assert (saved.mode, saved.expected, saved.last_status) == ("warn", "denied", "holds")


def test_the_dashboard_shows_the_rails_status(console, account):
    rail(account, "alice-reads", "user/alice", "s3:GetObject", "allowed",
         resource="arn:aws:s3:::reports/q1.csv")
    rail(account, "alice-writes", "user/alice", "s3:PutObject", "allowed")
    page = console.get("/").content.decode()
    card = page[page.index('id="guard-rails-card"'):]
    card = card[:card.index("</section>")]
    assert "2 guard rails" in card and "✔ 1 holds" in card and "✖ 1 broken" in card
    assert 'href="/guard-rails/"' in card
