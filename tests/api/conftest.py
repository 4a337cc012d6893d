"""Fixtures of the API tests: callers that authenticate with access keys as HTTP Basic."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client

from accounts.services import access_key_create, user_create
from policies.selectors import aws_managed_policy
from policies.services import policy_attach_to_user


def basic(access_key_id: str, secret: str) -> str:
    """An `Authorization: Basic` header value for an access key."""
    return "Basic " + base64.b64encode(f"{access_key_id}:{secret}".encode()).decode()


class Api:
    """The Django test client with an access key, JSON bodies and short method names."""

    def __init__(self, access_key_id: str | None = None, secret: str | None = None):
        self.client = Client()
        self.access_key_id = access_key_id
        self.headers: dict[str, str] = {}
        if access_key_id and secret:
            self.headers["HTTP_AUTHORIZATION"] = basic(access_key_id, secret)

    def call(self, method: str, path: str, body: Any = None, **headers: str):
        kwargs: dict[str, Any] = {**self.headers, **headers}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())(path, **kwargs)

    def get(self, path: str, **headers: str):
        return self.call("get", path, **headers)

    def post(self, path: str, body: Any = None, **headers: str):
        return self.call("post", path, {} if body is None else body, **headers)

    def put(self, path: str, body: Any = None, **headers: str):
        return self.call("put", path, {} if body is None else body, **headers)

    def patch(self, path: str, body: Any = None, **headers: str):
        return self.call("patch", path, {} if body is None else body, **headers)

    def delete(self, path: str, **headers: str):
        return self.call("delete", path, **headers)


def user_with_key(account, name: str, *policies: str):
    """An IAM user with the named AWS-managed policies attached and an access key."""
    user = user_create(account=account, name=name)
    for policy in policies:
        policy_attach_to_user(policy=aws_managed_policy(policy), user=user)
    return user, access_key_create(user=user)


@pytest.fixture
def admin(account):
    """An IAM user with AdministratorAccess calling with its access key."""
    _, created = user_with_key(account, "admin", "AdministratorAccess")
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def root_api(account):
    """The account's root user calling with a root access key."""
    created = access_key_create(account=account)
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def nobody(account):
    """An IAM user without any policy: every operation is denied to it."""
    _, created = user_with_key(account, "nobody")
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def reader(account):
    """An IAM user with IAMReadOnlyAccess: it may read everything and change nothing."""
    _, created = user_with_key(account, "reader", "IAMReadOnlyAccess")
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def other_root(other_account):
    """The root user of ANOTHER account (it sees none of `account`'s entities)."""
    created = access_key_create(account=other_account)
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def anonymous():
    """A caller without credentials."""
    return Api()


def error(response) -> tuple[int, str]:
    """(status, AWS code) of an error answer."""
    return response.status_code, response.json()["code"]


DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}],
}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
}


@pytest.fixture
def world(account):
    """One of every entity in `account`, named as the path parameters of `fill_path` expect."""
    from types import SimpleNamespace

    from accounts.services import (
        group_add_user,
        group_create,
        instance_profile_create,
        login_profile_create,
        mfa_device_create_virtual,
        password_policy_update,
        role_create,
        tag_resource,
    )
    from policies.services import (
        inline_policy_put,
        policy_attach,
        policy_create,
        policy_version_create,
    )

    alice = user_create(account=account, name="alice")
    tag_resource(resource=alice, tags={"team": "platform"})
    group = group_create(account=account, name="devs")
    group_add_user(group=group, user=alice)
    role = role_create(account=account, name="web", trust_policy=TRUST)
    profile = instance_profile_create(account=account, name="web-profile", role=role)
    policy = policy_create(account=account, name="s3-list", policy_document=DOCUMENT)
    policy_version_create(policy=policy, policy_document=DOCUMENT)
    for entity in (alice, group, role):
        inline_policy_put(entity=entity, name="inline1", policy_document=DOCUMENT)
        policy_attach(policy=policy, entity=entity)
    key = access_key_create(user=alice)
    device = mfa_device_create_virtual(account=account, name="phone")
    login_profile_create(user=alice, password="Example-Passw0rd!")
    password_policy_update(account=account, minimum_password_length=10)
    return SimpleNamespace(
        alice=alice, group=group, role=role, profile=profile, policy=policy,
        key=key.access_key, device=device.device,
    )


def fill_path(path: str, world) -> str:
    """A concrete URL for an OpenAPI path template, naming `world`'s entities."""
    names = {
        "users": "alice", "groups": "devs", "roles": "web", "instance-profiles": "web-profile",
        "mfa-devices": "phone",
    }
    collection = path.split("/")[3]
    values = {
        "name": names.get(collection, ""),
        "policy_id": world.policy.unique_id,
        "version_id": "v1",
        "policy_name": "inline1",
        "user_name": "alice",
        "role_name": "web",
        "access_key_id": world.key.access_key_id,
        "device_name": "phone",
    }
    for key, value in values.items():
        path = path.replace("{" + key + "}", value)
    return path
