"""A guard rail set to block refuses a change made with boto3: 409 with our own code
GuardRailViolation in Query-protocol error XML, and the change is not made."""

from __future__ import annotations

import base64
import json
import urllib.request

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT
from .documents import ALLOW_ALL, error_of


def _rest(wire_url: str, keys, path: str, body: dict) -> dict:
    """POST to the REST API of the same server with the access key (HTTP Basic)."""
    token = base64.b64encode(f"{keys.access_key_id}:{keys.secret_access_key}".encode())
    request = urllib.request.Request(
        wire_url.removesuffix("/aws") + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Basic {token.decode()}",
                 "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def test_block_refuses_an_attachment_on_the_wire(iam, wire_url, wire_root):
    iam.create_user(UserName="railed")
    arn = iam.create_policy(PolicyName="rail-all", PolicyDocument=json.dumps(ALLOW_ALL))[
        "Policy"]["Arn"]
    created = _rest(wire_url, wire_root, "/api/v1/guard-rails/", {
        "name": "railed-no-users", "subject": f"arn:aws:iam::{WIRE_ACCOUNT}:user/railed",
        "action": "iam:CreateUser", "expected": "denied", "mode": "block"})
    assert created["last_status"] == "holds"
    with pytest.raises(ClientError) as caught:
        iam.attach_user_policy(UserName="railed", PolicyArn=arn)
    assert error_of(caught) == ("GuardRailViolation", 409)
    assert "railed-no-users" in caught.value.response["Error"]["Message"]
    assert iam.list_attached_user_policies(UserName="railed")["AttachedPolicies"] == []
