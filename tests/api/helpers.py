"""Helpers of the API tests: callers with access keys (HTTP Basic), errors, path templates."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.test import Client

from accounts.services import access_key_create, user_create
from policies.selectors import aws_managed_policy
from policies.services import inline_policy_put, policy_attach_to_user
from tests.documents import document


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


def guarded(account, *statements: dict) -> Api:
    """An API caller with these statements as its only (inline) policy."""
    user, created = user_with_key(account, "operator")
    inline_policy_put(entity=user, name="guardrail", policy_document=document(*statements))
    return Api(created.access_key.access_key_id, created.secret_access_key)


def error(response) -> tuple[int, str]:
    """(status, AWS code) of an error answer."""
    return response.status_code, response.json()["code"]


DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}],
}


# The service-linked role of the API tests' world.
LINKED_ROLE = "AWSServiceRoleForElasticBeanstalk"


# Organizations' IDs in AWS's formats, naming nothing: the paths' values when `world` holds no
# organization (its `organization`: the same keys, naming its root, OU, account...).
ABSENT_ORGANIZATION = {
    "root_id": "r-abcd", "ou_id": "ou-abcd-11111111", "parent_id": "ou-abcd-11111111",
    "child_id": "222222222222", "account_id": "222222222222", "request_id": "car-11111111",
    "handshake_id": "h-1111111111", "policy_id": "p-11111111", "target_id": "ou-abcd-11111111",
    "resource_id": "ou-abcd-11111111", "policy_type": "SERVICE_CONTROL_POLICY",
}


def fill_path(path: str, world) -> str:
    """A concrete URL for an OpenAPI path template, naming `world`'s entities."""
    if path.startswith("/api/v1/organizations/"):
        ids = getattr(world, "organization", None) or ABSENT_ORGANIZATION
        for key, value in ids.items():
            path = path.replace("{" + key + "}", value)
        return path
    names = {
        "users": "alice", "groups": "devs", "roles": "web", "instance-profiles": "web-profile",
        "mfa-devices": "phone", "saml-providers": "okta", "oidc-providers": "token.example.com",
        "service-linked-roles": LINKED_ROLE, "server-certificates": "web-cert",
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
        "client_id": "web-app",
        "deletion_task_id": getattr(world, "deletion_task_id", ""),
        "job_id": getattr(world, "job_id", ""),
        "ssh_public_key_id": world.ssh_key.ssh_public_key_id,
        "certificate_id": world.certificate.certificate_id,
        "credential_id": world.credential.service_specific_credential_id,
        "event_id": "00000000-0000-0000-0000-000000000000",
        "rail_id": str(world.rail.pk) if hasattr(world, "rail") else "",
    }
    for key, value in values.items():
        path = path.replace("{" + key + "}", value)
    return path
