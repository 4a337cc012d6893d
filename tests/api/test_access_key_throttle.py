"""Access keys sent as HTTP Basic credentials are throttled per key and client address (429
with Retry-After), and per key from every address, as console sign-in is."""

from __future__ import annotations

import pytest

from accounts.models import AccessKey, AuthThrottle
from tests.api.helpers import Api, user_with_key
from tests.helpers import ELSEWHERE, HOME

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("low_throttle_limits")]


@pytest.fixture
def key(account):
    _, created = user_with_key(account, "alice", "IAMReadOnlyAccess")
    return created


def _get(key_id: str, secret: str, address: str):
    return Api(key_id, secret).get("/api/v1/users/", REMOTE_ADDR=address)


def test_wrong_secrets_are_throttled_then_even_the_right_one_from_that_address(key):
    key_id, secret = key.access_key.access_key_id, key.secret_access_key
    for _ in range(3):
        assert _get(key_id, "wrong-secret", HOME).status_code == 401
    refused = _get(key_id, secret, HOME)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 900
    body = refused.json()
    assert body["code"] == "Throttling" and body["field"] is None
    assert body["message"].startswith("Rate exceeded: too many failed attempts")
    # The key works from an address that did not fail.
    assert _get(key_id, secret, ELSEWHERE).status_code == 200


def test_a_key_failing_from_every_address_meets_the_ceiling(key):
    key_id, secret = key.access_key.access_key_id, key.secret_access_key
    for n in range(6):
        assert _get(key_id, "wrong-secret", f"192.0.2.{n}").status_code == 401
    assert _get(key_id, secret, ELSEWHERE).status_code == 429


def test_unknown_key_ids_are_counted_too(db):
    for _ in range(3):
        assert _get("AKIAIOSFODNN7EXAMPLE", "whatever", HOME).status_code == 401
    assert _get("AKIAIOSFODNN7EXAMPLE", "whatever", HOME).status_code == 429


def test_the_failures_show_on_the_keys_account(account, key):
    _get(key.access_key.access_key_id, "wrong-secret", HOME)
    rows = AuthThrottle.objects.filter(account=account)
    assert {(row.identity, row.address) for row in rows} == {
        (f"access key {key.access_key.access_key_id}", HOME),
        (f"access key {key.access_key.access_key_id}", "")}
    assert AccessKey.objects.get(pk=key.access_key.pk).auth_failed_at is not None


def test_an_accepted_key_that_never_failed_reads_no_throttle(key,
                                                           django_assert_max_num_queries):
    """Accepted requests of keys without recent failures cost no query for throttling."""
    api = Api(key.access_key.access_key_id, key.secret_access_key)
    api.get("/api/v1/users/")
    with django_assert_max_num_queries(20) as captured:
        api.get("/api/v1/users/")
    assert not [q for q in captured.captured_queries if "auth_throttle" in q["sql"]]
