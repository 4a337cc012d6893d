"""A live server speaking AWS's wire API to real boto3 clients.

One server thread per test session, one account per test module (created committed, deleted
with everything in it when the module ends): wire tests drive the server only through boto3
and the AWS CLI, and give what they create names of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

from accounts.models import Account
from accounts.services import access_key_create, account_create

WIRE_ACCOUNT = "123456789012"
HERE = Path(__file__).parent
REGION = "us-east-1"


@dataclass(frozen=True)
class Keys:
    """An access key pair, as boto3 takes it."""

    access_key_id: str
    secret_access_key: str


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Wire tests use the test database (the server thread's), each in a transaction of its
    own on SQLite, where the thread shares the test's connection."""
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def wire_url(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The /aws endpoint of a server thread sharing the test database."""
    with django_db_blocker.unblock():
        shared = {conn.alias: conn for conn in connections.all()
                  if conn.vendor == "sqlite" and conn.is_in_memory_db()}
        for conn in shared.values():
            conn.inc_thread_sharing()
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        yield f"http://127.0.0.1:{server.port}/aws"
        server.terminate()


@pytest.fixture(scope="module")
def wire_root(django_db_setup, django_db_blocker) -> Iterator[Keys]:
    """The root access key of an account holding only its root user (removed afterwards)."""
    with django_db_blocker.unblock():
        yield fresh_wire_account()
        Account.objects.filter(account_id=WIRE_ACCOUNT).delete()


def fresh_wire_account() -> Keys:
    """Account 123456789012 anew, holding only its root user; the root user's access key."""
    Account.objects.filter(account_id=WIRE_ACCOUNT).delete()
    account = account_create(account_id=WIRE_ACCOUNT, alias=None, name="Wire",
                             root_email="root@wire.example",
                             root_password="Correct-Horse-Battery-9")
    created = access_key_create(account=account)
    return Keys(created.access_key.access_key_id, created.secret_access_key)


def client(service: str, url: str, keys: Keys):
    """A boto3 client of `service` at the endpoint, signing with `keys`, without retries."""
    return boto3.client(
        service, endpoint_url=url, region_name=REGION,
        aws_access_key_id=keys.access_key_id, aws_secret_access_key=keys.secret_access_key,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


@pytest.fixture(scope="module")
def iam(wire_url, wire_root):
    """An IAM client of the account's root user."""
    return client("iam", wire_url, wire_root)
