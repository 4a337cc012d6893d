"""A live server speaking AWS's wire API to real boto3 clients.

One server thread per test session, one account per test module (created committed, deleted
with everything in it when the module ends): wire tests drive the server only through boto3
and the AWS CLI, and give what they create names of their own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

from accounts.models import Account, IamUser
from accounts.services import access_key_create, account_create
from policies.selectors import aws_managed_policy
from policies.services import aws_managed_policies_sync, policy_attach_to_user
from tests.trail_scan import secrets_in_trail

WIRE_ACCOUNT = "123456789012"
HERE = Path(__file__).parent
REGION = "us-east-1"
AWS = Path(sys.executable).with_name("aws")


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
    """The root access key of an account holding only its root user (removed afterwards).

    The AWS-managed policies are loaded again if a transactional test flushed them before
    (a quick no-op when they are there)."""
    with django_db_blocker.unblock():
        aws_managed_policies_sync()
        yield fresh_wire_account()
        # The module's calls left a trail with no secret in it.
        found = secrets_in_trail()
        Account.objects.filter(account_id=WIRE_ACCOUNT).delete()
        assert found == []


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


@pytest.fixture(scope="module")
def make_user(iam, wire_url, django_db_blocker):
    """`make_user("bob", "IAMReadOnlyAccess")`: an IAM user created through boto3 by the root
    user, with that AWS-managed policy and an access key, kept for the module; returns
    (its IAM client, its keys)."""

    def make(name: str, policy: str | None = None):
        with django_db_blocker.unblock():
            iam.create_user(UserName=name)
            if policy is not None:
                _attach(iam, name, policy)
            key = iam.create_access_key(UserName=name)["AccessKey"]
        keys = Keys(key["AccessKeyId"], key["SecretAccessKey"])
        return client("iam", wire_url, keys), keys

    return make


def _attach(iam, user_name: str, policy: str) -> None:
    """AttachUserPolicy through boto3, or through the service while that action is not on
    the wire yet."""
    try:
        iam.attach_user_policy(UserName=user_name, PolicyArn=f"arn:aws:iam::aws:policy/{policy}")
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "InvalidAction":
            raise
        user = IamUser.objects.get(account__account_id=WIRE_ACCOUNT, name=user_name)
        policy_attach_to_user(policy=aws_managed_policy(policy), user=user)


def aws_cli(wire_url: str, keys: Keys, *args: str) -> dict:
    """Run `aws --endpoint-url <wire_url> <args> --output json` with these keys; its JSON."""
    env = {**os.environ, "AWS_ACCESS_KEY_ID": keys.access_key_id,
           "AWS_SECRET_ACCESS_KEY": keys.secret_access_key, "AWS_DEFAULT_REGION": REGION,
           "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    done = subprocess.run([str(AWS), "--endpoint-url", wire_url, *args, "--output", "json"],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}


@pytest.fixture(scope="module")
def org(wire_url, wire_root):
    """An Organizations client of the account's root user."""
    return client("organizations", wire_url, wire_root)


@pytest.fixture(scope="module")
def org_root(org) -> str:
    """The account made the management account of a new organization: its root's ID."""
    org.create_organization(FeatureSet="ALL")
    return org.list_roots()["Roots"][0]["Id"]
