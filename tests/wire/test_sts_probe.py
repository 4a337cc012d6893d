"""The STS probe: 21 checks of signatures, AccessDenied, explicit deny, boundaries, trust and
external ID, role-session limits, tampered or missing session tokens and session policies,
run against the live server with boto3 as a caller would. Prints `STS probe: N/21`.

Run it alone: `.venv/bin/python -m pytest -p no:cacheprovider -q -s tests/wire/test_sts_probe.py`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT, Keys, client
from .sts_support import (
    OTHER_ACCOUNT,
    allow,
    expire,
    make_role,
    other_account,
    rest_get,
    session,
    statement,
)

CHECKS = 21
Check = Callable[[], bool]


def error_code(call: Callable[..., Any], **kwargs: Any) -> str:
    """The error code of the call, or "" when it succeeds."""
    try:
        call(**kwargs)
    except ClientError as exc:
        return exc.response["Error"]["Code"]
    return ""


def _unsigned(wire_url: str) -> str:
    body = b"Action=GetCallerIdentity&Version=2011-06-15"
    request = urllib.request.Request(wire_url, data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310 (our server)
            return ""
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return text.split("<Code>", 1)[1].split("</Code>", 1)[0]


def _tampered_body(sts) -> str:
    def tamper(request, **_: Any) -> None:
        body = request.body
        request.body = (body.replace("2011-06-15", "2011-06-16") if isinstance(body, str)
                        else body.replace(b"2011-06-15", b"2011-06-16"))

    sts.meta.events.register("before-send.sts.GetCallerIdentity", tamper)
    return error_code(sts.get_caller_identity)


def _checks(wire_url: str, iam, make_user, other: Keys) -> list[tuple[str, Check]]:
    """The probe's checks, each a name and a function answering whether it held."""
    me = f"arn:aws:iam::{WIRE_ACCOUNT}:user/probe-caller"
    _, keys = make_user("probe-caller")
    iam.put_user_policy(UserName="probe-caller", PolicyName="all",
                        PolicyDocument=allow(["iam:*", "sts:*"]))
    sts = client("sts", wire_url, keys)
    _, bare_keys = make_user("probe-bare")
    bare_iam = client("iam", wire_url, bare_keys)
    _, denied_keys = make_user("probe-denied")
    iam.put_user_policy(UserName="probe-denied", PolicyName="p", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "iam:ListUsers", "Resource": "*"}]}))
    _, bounded_keys = make_user("probe-bounded")
    boundary = iam.create_policy(PolicyName="probe-boundary",
                                 PolicyDocument=allow("iam:ListRoles"))["Policy"]["Arn"]
    iam.put_user_policy(UserName="probe-bounded", PolicyName="all",
                        PolicyDocument=allow("*"))
    iam.put_user_permissions_boundary(UserName="probe-bounded", PermissionsBoundary=boundary)
    role = make_role(iam, "probe-role", statement({"AWS": [me]}), max_session=7200)
    iam.update_assume_role_policy(RoleName="probe-role",
                                  PolicyDocument=statement({"AWS": [me, role]}))
    iam.put_role_policy(RoleName="probe-role", PolicyName="chain",
                        PolicyDocument=allow("sts:AssumeRole"))
    bounded_role = make_role(iam, "probe-bounded-role", statement({"AWS": me}))
    iam.put_role_permissions_boundary(RoleName="probe-bounded-role",
                                      PermissionsBoundary=boundary)
    stranger = make_role(iam, "probe-stranger", statement(
        {"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:user/someone-else"}))
    by_account = make_role(iam, "probe-account", statement(
        {"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:root"}))
    partner = make_role(client("iam", wire_url, other), "probe-partner", statement(
        {"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:root"},
        condition={"StringEquals": {"sts:ExternalId": "probe-external-id"}}))
    creds = sts.assume_role(RoleArn=role, RoleSessionName="probe")["Credentials"]
    token = creds["SessionToken"]
    tampered = {**creds, "SessionToken": token[:30] + ("Q" if token[30] != "Q" else "R")
                + token[31:]}
    no_token = Keys(creds["AccessKeyId"], creds["SecretAccessKey"])
    unknown = Keys("AKIA" + "Z" * 16, "x" * 40)
    wrong_secret = Keys(keys.access_key_id, "y" * 40)

    def session_expires() -> bool:
        expiring = sts.assume_role(RoleArn=role, RoleSessionName="expiring")["Credentials"]
        reader = session("iam", wire_url, expiring)
        before = error_code(reader.list_roles)
        expire(expiring["AccessKeyId"])
        return before == "" and error_code(reader.list_roles) == "ExpiredToken"

    def cross_account_with_external_id() -> bool:
        answer = sts.assume_role(RoleArn=partner, RoleSessionName="probe",
                                 ExternalId="probe-external-id")
        found = session("sts", wire_url, answer["Credentials"]).get_caller_identity()
        return found["Account"] == OTHER_ACCOUNT

    def session_policy_limits() -> bool:
        limited = session("iam", wire_url, sts.assume_role(
            RoleArn=role, RoleSessionName="limited", Policy=allow("iam:ListRoles"))[
            "Credentials"])
        return (error_code(limited.list_roles) == ""
                and error_code(limited.list_users) == "AccessDenied")

    def federated_without_policy() -> bool:
        bare = sts.get_federation_token(Name="probe")["Credentials"]
        allowed = sts.get_federation_token(Name="probe", Policy=allow("iam:ListUsers"))
        return (rest_get(wire_url, "/api/v1/users/", bare)[0] == 403
                and rest_get(wire_url, "/api/v1/users/", allowed["Credentials"])[0] == 200)

    def chaining_capped() -> bool:
        chained = session("sts", wire_url, creds)
        return error_code(chained.assume_role, RoleArn=role, RoleSessionName="chain",
                          DurationSeconds=3601) == "ValidationError"

    explicit = client("iam", wire_url, denied_keys)
    bounded = client("iam", wire_url, bounded_keys)
    bounded_session = session("iam", wire_url, sts.assume_role(
        RoleArn=bounded_role, RoleSessionName="probe")["Credentials"])
    return [
        ("signature: wrong secret", lambda: error_code(
            client("sts", wire_url, wrong_secret).get_caller_identity)
         == "SignatureDoesNotMatch"),
        ("signature: body changed after signing",
         lambda: _tampered_body(client("sts", wire_url, keys)) == "SignatureDoesNotMatch"),
        ("signature: unknown access key", lambda: error_code(
            client("sts", wire_url, unknown).get_caller_identity) == "InvalidClientTokenId"),
        ("signature: unsigned request", lambda: _unsigned(wire_url)
         == "MissingAuthenticationToken"),
        ("AccessDenied: no policy allows", lambda: error_code(bare_iam.list_users)
         == "AccessDenied"),
        ("explicit deny wins over allow", lambda: error_code(explicit.list_users)
         == "AccessDenied" and error_code(explicit.list_roles) == ""),
        ("user boundary limits an admin", lambda: error_code(bounded.list_users)
         == "AccessDenied" and error_code(bounded.list_roles) == ""),
        ("role boundary limits its sessions", lambda: error_code(bounded_session.list_users)
         == "AccessDenied" and error_code(bounded_session.list_roles) == ""),
        ("trust: a role not trusting the caller", lambda: error_code(
            sts.assume_role, RoleArn=stranger, RoleSessionName="probe") == "AccessDenied"),
        ("trust: cross-account without external ID", lambda: error_code(
            sts.assume_role, RoleArn=partner, RoleSessionName="probe") == "AccessDenied"),
        ("trust: cross-account with external ID", cross_account_with_external_id),
        ("trust: the caller lacks sts:AssumeRole", lambda: error_code(
            client("sts", wire_url, bare_keys).assume_role, RoleArn=by_account,
            RoleSessionName="probe") == "AccessDenied"),
        ("session: duration over the role's maximum", lambda: error_code(
            sts.assume_role, RoleArn=role, RoleSessionName="probe", DurationSeconds=7201)
         == "ValidationError"),
        ("session: role chaining capped at one hour", chaining_capped),
        ("session: invalid session name", lambda: error_code(
            sts.assume_role, RoleArn=role, RoleSessionName="no spaces")
         == "ValidationError"),
        ("session: expired credentials", session_expires),
        ("token: tampered session token", lambda: error_code(
            session("sts", wire_url, tampered).get_caller_identity)
         == "InvalidClientTokenId"),
        ("token: missing session token", lambda: error_code(
            client("sts", wire_url, no_token).get_caller_identity) == "InvalidClientTokenId"),
        ("token: REST API without the session token", lambda: rest_get(
            wire_url, "/api/v1/users/", creds, token="")[0] == 401),
        ("session policy: only its actions", session_policy_limits),
        ("session policy: federated user needs one", federated_without_policy),
    ]


@pytest.fixture(scope="module")
def other(django_db_setup, django_db_blocker):
    """A second account's root keys (created committed, outside any test's transaction)."""
    with other_account(django_db_blocker) as keys:
        yield keys


def test_sts_probe(wire_url, iam, make_user, other, capsys):
    results = []
    for name, check in _checks(wire_url, iam, make_user, other):
        try:
            held = bool(check())
        except ClientError as exc:
            held, name = False, f"{name} ({exc.response['Error']['Code']})"
        results.append((name, held))
    passed = sum(held for _, held in results)
    with capsys.disabled():
        for name, held in results:
            print(f"  {'ok  ' if held else 'FAIL'} {name}")
        print(f"STS probe: {passed}/{len(results)}")
    assert len(results) == CHECKS
    assert [name for name, held in results if not held] == []
