"""Throttled sign-in that stops guessing without locking out the rightful user: per identity
and client address, per identity with a higher ceiling, never per address alone; the
operators' /admin/ sign-in alike; the root user sees and clears its account's throttles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import AuthThrottle
from accounts.services import login_profile_create
from tests.helpers import (
    ELSEWHERE,
    HOME,
    ROOT_PASSWORD,
    USER_PASSWORD,
    sign_in,
    user_client,
)

pytestmark = pytest.mark.usefixtures("low_throttle_limits")
SCHOOL = "203.0.113.7"


def _root(account, password: str, address: str, client: Client | None = None):
    client = client or Client(REMOTE_ADDR=address)
    return client.post("/signin/", {"email": account.root_email, "password": password},
                       REMOTE_ADDR=address)


def _user(account_value: str, name: str, password: str, address: str):
    return Client().post("/signin/", {"mode": "iam", "account": account_value,
                                      "user_name": name, "password": password},
                         REMOTE_ADDR=address)


@pytest.fixture
def alice_console(alice):
    login_profile_create(user=alice, password=USER_PASSWORD)
    return alice


def test_an_identity_that_failed_from_an_address_waits_there_even_with_the_right_password(
        account):
    for _ in range(3):
        assert _root(account, "nope", HOME).status_code == 200
    refused = _root(account, ROOT_PASSWORD, HOME)
    assert refused.status_code == 429
    assert "Too many failed attempts. Try again in 15 minutes." in refused.content.decode()


def test_the_right_password_from_another_address_is_accepted_while_one_address_guesses(
        account):
    for _ in range(5):
        _root(account, "nope", ELSEWHERE)
    assert _root(account, ROOT_PASSWORD, HOME).status_code == 302


def test_guessing_from_many_addresses_meets_the_identity_wide_ceiling(account):
    for n in range(6):
        assert _root(account, "nope", f"192.0.2.{n}").status_code == 200
    assert _root(account, ROOT_PASSWORD, HOME).status_code == 429


def test_twenty_failures_from_one_address_do_not_lock_the_class_behind_it_out(account,
                                                                             alice_console):
    """A class behind one NAT: students mistyping their own names and passwords do not lock
    out the trainer (the root user) or another student."""
    for n in range(20):
        _user("acme", f"student{n}", "nope", SCHOOL)
    assert _root(account, ROOT_PASSWORD, SCHOOL).status_code == 302
    assert _user("acme", "alice", USER_PASSWORD, SCHOOL).status_code == 302


def test_account_id_and_alias_are_one_identity(alice_console):
    _user("acme", "alice", "nope", HOME)
    _user("111111111111", "ALICE", "nope", HOME)
    _user("ACME", "alice", "nope", HOME)
    assert _user("111111111111", "alice", USER_PASSWORD, HOME).status_code == 429


def test_the_root_email_in_any_case_is_one_identity(account):
    for email in ("root@acme.example", "ROOT@acme.example", "Root@Acme.Example"):
        Client().post("/signin/", {"email": email, "password": "nope"}, REMOTE_ADDR=HOME)
    assert _root(account, ROOT_PASSWORD, HOME).status_code == 429


def test_a_success_forgets_that_addresses_failures(account):
    client = Client()
    for _ in range(2):
        _root(account, "nope", HOME, client)
    assert _root(account, ROOT_PASSWORD, HOME, client).status_code == 302
    client.post("/signout/")
    for _ in range(2):
        _root(account, "nope", HOME, client)
    assert _root(account, ROOT_PASSWORD, HOME, client).status_code == 302


def test_once_the_window_ends_the_identity_tries_again_and_old_counters_go(account):
    for _ in range(3):
        _root(account, "nope", HOME)
    AuthThrottle.objects.update(window_ends_at=timezone.now() - timedelta(seconds=1))
    assert _root(account, "nope", HOME).status_code == 200
    assert AuthThrottle.objects.get(account=account, address=HOME).failures == 1
    AuthThrottle.objects.update(window_ends_at=timezone.now() - timedelta(seconds=1))
    # Any later attempt removes the counters whose window ended.
    Client().post("/signin/", {"email": "nobody@example.com", "password": "nope"},
                  REMOTE_ADDR=ELSEWHERE)
    assert not AuthThrottle.objects.filter(account=account).exists()


def test_limits_are_settings(account, settings):
    settings.THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS = 30
    settings.THROTTLE_FAILURES_PER_IDENTITY = 100
    for _ in range(20):
        _root(account, "nope", SCHOOL)
    assert _root(account, ROOT_PASSWORD, SCHOOL).status_code == 302


def test_counts_live_in_the_database_not_in_the_cache(account):
    """Every worker counts the same attempts, whatever the cache backend."""
    for _ in range(3):
        _root(account, "nope", HOME)
    rows = AuthThrottle.objects.filter(account=account)
    assert sorted((row.address, row.failures) for row in rows) == [("", 3), (HOME, 3)]


# -- /admin/ ----------------------------------------------------------------------------------
@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser("ops", "ops@example.com",
                                                      "Operator-Pass-42")


def _admin(password: str, address: str):
    return Client().post("/admin/login/?next=/admin/",
                         {"username": "ops", "password": password}, REMOTE_ADDR=address)


def test_the_operators_admin_sign_in_is_throttled(operator):
    for _ in range(3):
        assert b"Please enter the correct username" in _admin("nope", HOME).content
    refused = _admin("Operator-Pass-42", HOME)
    assert refused.status_code == 200
    assert "Too many failed attempts. Try again in 15 minutes." in refused.content.decode()
    # From another address the operator still signs in.
    assert _admin("Operator-Pass-42", ELSEWHERE).status_code == 302


# -- Account settings -------------------------------------------------------------------------
PAGE = "/account/settings/"
CLEAR = "/account/settings/throttles/clear/"


def test_the_root_user_sees_its_accounts_throttles(account, alice_console, other_account,
                                                  django_assert_max_num_queries):
    for _ in range(3):
        _user("acme", "alice", "nope", SCHOOL)
    _user("acme", "no-such-user", "nope", SCHOOL)
    Client().post("/signin/", {"email": other_account.root_email, "password": "nope"})
    root = sign_in(Client(), account)
    with django_assert_max_num_queries(12):
        html = root.get(PAGE).content.decode()
    assert "Throttled sign-ins and access keys" in html
    assert f"<code>{SCHOOL}</code>" in html and "every address" in html
    assert "Throttled until" in html and "3 of 3" in html and "3 of 6" in html
    assert "no-such-user" not in html and "unknown user name" in html
    assert "root@globex" not in html and html.count("Clear<span") == 4


def test_the_root_user_clears_a_throttle_and_the_user_signs_in_again(account, alice_console):
    for _ in range(3):
        _user("acme", "alice", "nope", SCHOOL)
    assert _user("acme", "alice", USER_PASSWORD, SCHOOL).status_code == 429
    root = sign_in(Client(), account)
    row = AuthThrottle.objects.get(account=account, address=SCHOOL)
    done = root.post(CLEAR, {"throttle": row.pk})
    assert done.status_code == 302 and done["Location"] == PAGE
    assert "Throttle cleared" in root.get(PAGE).content.decode()
    assert _user("acme", "alice", USER_PASSWORD, SCHOOL).status_code == 302


def test_clear_all_forgets_every_throttle_of_the_account_only(account, other_account):
    for _ in range(3):
        _root(account, "nope", HOME)
        Client().post("/signin/", {"email": other_account.root_email, "password": "nope"})
    root = sign_in(Client(), account)
    assert root.post(CLEAR).status_code == 302
    assert not AuthThrottle.objects.filter(account=account).exists()
    assert AuthThrottle.objects.filter(account=other_account).count() == 2


def test_another_accounts_throttle_cannot_be_cleared(account, other_account):
    Client().post("/signin/", {"email": other_account.root_email, "password": "nope"})
    row = AuthThrottle.objects.filter(account=other_account).first()
    root = sign_in(Client(), account)
    assert root.post(CLEAR, {"throttle": row.pk}).status_code == 404
    for wrong in ("x", "²", "9" * 40):
        assert root.post(CLEAR, {"throttle": wrong}).status_code == 404
    assert AuthThrottle.objects.filter(pk=row.pk).exists()


def test_only_the_root_user_sees_and_clears_throttles(account, aws_policy):
    _root(account, "nope", HOME)
    admin = user_client(account, "admin", aws_policy("AdministratorAccess"))
    assert "Throttled sign-ins" not in admin.get(PAGE).content.decode()
    assert admin.post(CLEAR).status_code == 403
    assert AuthThrottle.objects.filter(account=account).exists()


def test_clearing_needs_a_csrf_token(account):
    _root(account, "nope", HOME)
    root = sign_in(Client(), account)
    root.handler.enforce_csrf_checks = True
    assert root.post(CLEAR).status_code == 403
    assert AuthThrottle.objects.filter(account=account, failures__gt=0).exists()
