"""Several server processes decide alike (issue 18, finding 2): a permission revoked in one
request is refused on the very next request in every worker, with the default (per-process)
cache, because each request reads its account's generation from the database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from accounts.models import Account
from accounts.services import access_key_create, account_create, user_create
from policies.services import inline_policy_put
from tests.api.helpers import basic
from tests.documents import document_text

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT_ID = "555555555555"
WORKERS = 3
CALLS = 10 * WORKERS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(url: str, authorization: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": authorization})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def gunicorn(django_db_blocker):
    """Three gunicorn workers on the test database, with the test settings' in-process cache."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("needs a database other processes can reach (PostgreSQL, as in CI)")
    port = free_port()
    url = (f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
           f"{settings['NAME']}")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "iamconsole.settings.test"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "iamconsole.wsgi", "-w", str(WORKERS), "-b",
         f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to 30 s to boot (no sleep once it answers)
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:  # not listening yet
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start: " + server.stderr.read().decode()[-2000:])
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def workers_account(gunicorn):
    """An account the workers see (committed), removed with everything in it afterwards."""
    account = account_create(account_id=ACCOUNT_ID, alias=None, name="Workers",
                             root_email="root@workers.example",
                             root_password="Correct-Horse-Battery-9")
    yield account
    Account.objects.filter(account_id=ACCOUNT_ID).delete()


@pytest.mark.django_db(transaction=True)
def test_a_revoked_permission_is_refused_at_once_by_every_worker(gunicorn, workers_account):
    user = user_create(account=workers_account, name="reader")
    inline_policy_put(entity=user, name="list", policy_document=document_text(
        {"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}))
    created = access_key_create(user=user)
    authorization = basic(created.access_key.access_key_id, created.secret_access_key)
    users = f"{gunicorn}/api/v1/users/"
    # Every worker decides (and caches) "allowed".
    assert [status(users, authorization) for _ in range(CALLS)] == [200] * CALLS
    inline_policy_put(entity=user, name="revoked", policy_document=document_text(
        {"Effect": "Deny", "Action": "*", "Resource": "*"}))
    assert [status(users, authorization) for _ in range(CALLS)] == [403] * CALLS


@pytest.mark.django_db(transaction=True)
def test_every_worker_counts_the_same_failures(gunicorn, workers_account):
    """Throttles live in the database: 5 wrong secrets in all across the workers, then 429
    in every worker (the test settings' cache is per process)."""
    created = access_key_create(user=user_create(account=workers_account, name="reader"))
    wrong = basic(created.access_key.access_key_id, "not-the-secret")
    users = f"{gunicorn}/api/v1/users/"
    assert [status(users, wrong) for _ in range(CALLS)] == [401] * 5 + [429] * (CALLS - 5)
