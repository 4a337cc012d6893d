"""Every scenario leaves a trail without secrets."""

import pytest

from tests.trail_scan import secrets_in_trail


@pytest.fixture(autouse=True)
def _trail_without_secrets(request):
    """After each test of the scenarios, no event holds a secret or lacks a record field."""
    yield
    if "db" in request.fixturenames or "world" in request.fixturenames:
        assert secrets_in_trail() == []
