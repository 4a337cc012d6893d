"""Fixtures shared by the whole suite (helpers live in tests/helpers.py and tests/documents.py)."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from accounts.models import Account, IamUser
from accounts.services import account_create, user_create
from policies.selectors import aws_managed_policy
from policies.services import aws_managed_policies_sync
from tests.helpers import ROOT_PASSWORD, sign_in, user_client
from tests.policies.organization_world import World, build_world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the AWS-managed policy catalogue loaded once per session.

    Tests inside a transaction roll back and keep it; transactional tests flush every table,
    so `_aws_managed_policies_after_flush` reloads it for them.
    """
    with django_db_blocker.unblock():
        aws_managed_policies_sync()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (
        marker.args and marker.args[0]
    )):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _aws_managed_policies_after_flush(request):
    """Transactional tests (threads, live server) get the catalogue back after earlier flushes.

    pytest-django runs them after the other database tests, so these are the only tests that
    can find it missing; the sync is a quick no-op when it is present.
    """
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        aws_managed_policies_sync()


@pytest.fixture
def aws_policy(db):
    """Look up an AWS-managed policy by name: `aws_policy("ReadOnlyAccess")`."""
    return aws_managed_policy


@pytest.fixture
def account(db) -> Account:
    """An account with a root user whose password is ROOT_PASSWORD."""
    return account_create(
        account_id="111111111111",
        alias="acme",
        name="Acme",
        root_email="root@acme.example",
        root_password=ROOT_PASSWORD,
    )


@pytest.fixture
def other_account(db) -> Account:
    """A second account, for cross-account rules."""
    return account_create(
        account_id="222222222222",
        alias="globex",
        name="Globex",
        root_email="root@globex.example",
        root_password=ROOT_PASSWORD,
    )


@pytest.fixture
def org_world(account, other_account, aws_policy) -> World:
    """An organization that `account` manages, with a member and an outside account
    (tests/policies/organization_world.py)."""
    return build_world(account, other_account, aws_policy)


@pytest.fixture
def alice(account) -> IamUser:
    """The IAM user alice of `account`, without policies or credentials."""
    return user_create(account=account, name="alice")


@pytest.fixture
def root_client(client, account) -> Client:
    """A test client signed in as the account's root user."""
    return sign_in(client, account)


@pytest.fixture
def reader_client(account, aws_policy) -> Client:
    """A client signed in as the IAM user reader, who has IAMReadOnlyAccess only."""
    return user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))


@pytest.fixture
def low_throttle_limits(settings):
    """Throttling after 3 failures of an identity from one address, 6 from all addresses."""
    settings.THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS = 3
    settings.THROTTLE_FAILURES_PER_IDENTITY = 6
    settings.THROTTLE_WINDOW_SECONDS = 900


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (decision caches)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(tmp_path, monkeypatch) -> dict:
    """The training demo loaded (`manage.py load_demo`), its sign-in details recorded in a
    temporary file; returns them."""
    path = tmp_path / "demo-credentials.json"
    monkeypatch.setenv("DEMO_CREDENTIALS_FILE", str(path))
    call_command("load_demo")
    return json.loads(path.read_text())
