"""Limits hold and writes survive under concurrent requests (PostgreSQL, real threads).

Each thread has its own database connection and transaction, as gunicorn workers would;
a barrier releases them together. SQLite serializes whole-database writes, so these run
on PostgreSQL only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from accounts.models import AccessKey, GroupMembership, IamUser
from accounts.services import (
    access_key_create,
    group_add_user,
    group_create,
    login_profile_create,
    tag_resource,
    user_create,
)
from iamconsole.exceptions import EntityAlreadyExists, LimitExceeded
from policies.models import PolicyAttachment, PolicyVersion
from policies.services import policy_attach_to_user, policy_create, policy_version_create
from tests.documents import ALLOW_ALL
from tests.factories import AccountFactory
from tests.helpers import USER_PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def race(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run work(0..count-1) in `count` threads released at once; return results and errors."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            result = work(index)
            with lock:
                results.append(result)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted on
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def _only(errors: list[BaseException], kind: type[BaseException]) -> None:
    unexpected = [e for e in errors if not isinstance(e, kind)]
    assert not unexpected, unexpected


def test_racing_version_creates_never_exceed_five_and_never_share_a_number():
    policy = policy_create(account=AccountFactory(), name="P", policy_document=ALLOW_ALL)
    results, errors = race(12, lambda i: policy_version_create(
        policy=policy, policy_document=ALLOW_ALL))
    _only(errors, LimitExceeded)
    assert len(results) == 4 and len(errors) == 8
    numbers = sorted(PolicyVersion.objects.filter(policy=policy).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
    policy.refresh_from_db()
    assert policy.next_version_number == 6


def test_racing_key_creates_never_exceed_two():
    user = user_create(account=AccountFactory(), name="alice")
    results, errors = race(8, lambda i: access_key_create(user=user))
    _only(errors, LimitExceeded)
    assert len(results) == 2
    assert AccessKey.objects.filter(user=user).count() == 2


def test_racing_group_joins_never_exceed_ten():
    account = AccountFactory()
    user = user_create(account=account, name="alice")
    groups = [group_create(account=account, name=f"g{i}") for i in range(16)]
    results, errors = race(16, lambda i: group_add_user(group=groups[i], user=user))
    _only(errors, LimitExceeded)
    assert len(results) == 10 and len(errors) == 6
    assert GroupMembership.objects.filter(user=user).count() == 10


def test_racing_attachments_never_exceed_ten():
    account = AccountFactory()
    user = user_create(account=account, name="alice")
    policies = [policy_create(account=account, name=f"P{i}", policy_document=ALLOW_ALL)
                for i in range(14)]
    results, errors = race(14, lambda i: policy_attach_to_user(policy=policies[i], user=user))
    _only(errors, LimitExceeded)
    assert PolicyAttachment.objects.filter(user=user).count() == 10 == len(results)


def test_concurrent_tag_writes_are_never_lost():
    user = user_create(account=AccountFactory(), name="alice")
    results, errors = race(20, lambda i: tag_resource(resource=user, tags={f"k{i}": str(i)}))
    assert not errors and len(results) == 20
    user.refresh_from_db()
    assert user.tags == {f"k{i}": str(i) for i in range(20)}


def test_racing_creates_of_one_name_in_any_case_make_one_user():
    account = AccountFactory()
    names = ["alice", "Alice", "ALICE", "aLiCe", "alicE", "ALice"]
    results, errors = race(len(names), lambda i: user_create(account=account, name=names[i]))
    _only(errors, EntityAlreadyExists)
    assert len(results) == 1
    assert IamUser.objects.filter(account=account).count() == 1


def test_concurrent_wrong_passwords_are_evaluated_no_more_than_the_limit(settings):
    """30 guesses at once for one user from one address: each reserves its place before the
    password is hashed, so 5 are evaluated and 25 are throttled."""
    settings.THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS = 5
    account = AccountFactory()
    login_profile_create(user=user_create(account=account, name="alice"),
                         password=USER_PASSWORD)
    form = {"mode": "iam", "account": account.account_id, "user_name": "alice",
            "password": "a-wrong-guess"}
    results, errors = race(30, lambda i: Client().post("/signin/", form).status_code)
    assert not errors
    assert sorted(results) == [200] * 5 + [429] * 25
