"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from accounts.models import Account
from accounts.services import account_create

ROOT_PASSWORD = "Correct-Horse-Battery-9"


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
def root_client(client, account):
    """A test client signed in as the account's root user."""
    response = client.post(
        "/signin/", {"email": account.root_email, "password": ROOT_PASSWORD}
    )
    assert response.status_code == 302, response.content
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (sign-in throttling, decision caches)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
