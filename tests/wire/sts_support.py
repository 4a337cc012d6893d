"""Helpers of the STS wire tests and probe: roles, temporary credentials as boto3 clients,
the AWS CLI and the REST API, and moving a session's expiry into the past."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import boto3
import pyotp
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from django.db import connections
from django.utils import timezone

from accounts.models import Account, TemporaryCredential
from accounts.services import access_key_create, account_create

from .conftest import AWS, REGION, Keys

OTHER_ACCOUNT = "210987654321"
READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"


def statement(principal: Mapping[str, Any], *, action: str | list[str] = "sts:AssumeRole",
              condition: Mapping[str, Any] | None = None) -> str:
    """A trust policy with one Allow statement."""
    entry: dict[str, Any] = {"Effect": "Allow", "Principal": dict(principal), "Action": action}
    if condition:
        entry["Condition"] = dict(condition)
    return json.dumps({"Version": "2012-10-17", "Statement": [entry]})


def allow(action: str | list[str], resource: str = "*") -> str:
    """An identity policy allowing `action` on `resource`."""
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": resource}]})


def make_role(iam, name: str, trust: str, *, policy: str | None = READ_ONLY,
              max_session: int = 3600) -> str:
    """A role created through boto3 with a managed policy attached; its ARN."""
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust,
                          MaxSessionDuration=max_session)["Role"]["Arn"]
    if policy is not None:
        iam.attach_role_policy(RoleName=name, PolicyArn=policy)
    return arn


def session(service: str, url: str, credentials: Mapping[str, Any]):
    """A boto3 client signing with temporary credentials (AssumeRole's `Credentials`)."""
    return boto3.client(
        service, endpoint_url=url, region_name=REGION,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        config=Config(retries={"max_attempts": 1, "mode": "standard"}))


def code(caught: pytest.ExceptionInfo[ClientError]) -> str:
    """The AWS error code of a refused call."""
    return caught.value.response["Error"]["Code"]


def refused(call, *args: Any, **kwargs: Any) -> str:
    """The error code of a call that must fail."""
    with pytest.raises(ClientError) as caught:
        call(*args, **kwargs)
    return code(caught)


def aws_cli_session(url: str, credentials: Mapping[str, Any], *args: str) -> dict:
    """`aws --endpoint-url URL ARGS --output json` signed with temporary credentials."""
    env = {**os.environ, "AWS_ACCESS_KEY_ID": credentials["AccessKeyId"],
           "AWS_SECRET_ACCESS_KEY": credentials["SecretAccessKey"],
           "AWS_SESSION_TOKEN": credentials["SessionToken"], "AWS_DEFAULT_REGION": REGION,
           "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    done = subprocess.run([str(AWS), "--endpoint-url", url, *args, "--output", "json"],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}


def rest_get(wire_url: str, path: str, credentials: Mapping[str, Any],
             token: str | None = None) -> tuple[int, Any]:
    """GET a REST API path with temporary credentials as Basic credentials plus their
    X-Amz-Security-Token header (`token` overrides it; "" sends none)."""
    base = wire_url.rsplit("/aws", 1)[0]
    pair = f"{credentials['AccessKeyId']}:{credentials['SecretAccessKey']}"
    headers = {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}
    token = credentials["SessionToken"] if token is None else token
    if token:
        headers["X-Amz-Security-Token"] = token
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (ours)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def expire(access_key_id: str) -> None:
    """Move a session's expiry one second into the past, where the live server sees it: on
    SQLite through the shared connection, on PostgreSQL through a connection of its own
    (committed, outside the test's transaction)."""
    when = timezone.now() - timedelta(seconds=1)
    default = connections["default"]
    if default.vendor == "sqlite":
        TemporaryCredential.objects.filter(access_key_id=access_key_id).update(expires_at=when)
        return
    own = default.copy()
    try:
        with own.cursor() as cursor:
            cursor.execute(f"UPDATE {TemporaryCredential._meta.db_table} SET expires_at = %s "
                           "WHERE access_key_id = %s", [when, access_key_id])
    finally:
        own.close()


def mfa_user(iam, name: str) -> tuple[str, pyotp.TOTP]:
    """Give an existing user a virtual MFA device enabled with codes of a minute ago; its
    serial number and authenticator (whose current code is unused)."""
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=f"{name}-phone")
    serial = device["VirtualMFADevice"]["SerialNumber"]
    totp = pyotp.TOTP(device["VirtualMFADevice"]["Base32StringSeed"].decode())
    step = totp.timecode(time.time())
    iam.enable_mfa_device(UserName=name, SerialNumber=serial,
                          AuthenticationCode1=totp.generate_otp(step - 3),
                          AuthenticationCode2=totp.generate_otp(step - 2))
    return serial, totp


@contextmanager
def other_account(django_db_blocker) -> Iterator[Keys]:
    """A second account (210987654321) with its root user's access key, removed afterwards."""
    with django_db_blocker.unblock():
        Account.objects.filter(account_id=OTHER_ACCOUNT).delete()
        account = account_create(account_id=OTHER_ACCOUNT, alias=None, name="Other",
                                 root_email="root@other.example",
                                 root_password="Correct-Horse-Battery-9")
        created = access_key_create(account=account)
    try:
        yield Keys(created.access_key.access_key_id, created.secret_access_key)
    finally:
        with django_db_blocker.unblock():
            Account.objects.filter(account_id=OTHER_ACCOUNT).delete()
