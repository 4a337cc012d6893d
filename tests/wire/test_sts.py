"""STS on the wire: AssumeRole (same account and across accounts, external ID, MFA), the
temporary credentials it issues used on the wire and through the REST API, and every way
AWS refuses them."""

from __future__ import annotations

import pytest

from .conftest import WIRE_ACCOUNT, client
from .sts_support import (
    OTHER_ACCOUNT,
    allow,
    aws_cli_session,
    expire,
    make_role,
    mfa_user,
    other_account,
    refused,
    rest_get,
    session,
    statement,
)


@pytest.fixture(scope="module")
def alice(make_user, iam):
    """An IAM user allowed sts:AssumeRole on any role; (its IAM client, its keys)."""
    iam_client, keys = make_user("sts-alice")
    iam.put_user_policy(UserName="sts-alice", PolicyName="assume",
                        PolicyDocument=allow("sts:AssumeRole"))
    return iam_client, keys


@pytest.fixture(scope="module")
def alice_sts(alice, wire_url):
    return client("sts", wire_url, alice[1])


def _alice_arn() -> str:
    return f"arn:aws:iam::{WIRE_ACCOUNT}:user/sts-alice"


def test_same_account_assume_role_gives_working_temporary_credentials(iam, alice_sts,
                                                                       wire_url):
    arn = make_role(iam, "sts-reader", statement({"AWS": _alice_arn()}))
    answer = alice_sts.assume_role(RoleArn=arn, RoleSessionName="alice-session")
    credentials = answer["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    assert answer["AssumedRoleUser"]["Arn"] == (
        f"arn:aws:sts::{WIRE_ACCOUNT}:assumed-role/sts-reader/alice-session")
    role_id = iam.get_role(RoleName="sts-reader")["Role"]["RoleId"]
    assert answer["AssumedRoleUser"]["AssumedRoleId"] == f"{role_id}:alice-session"

    sts = session("sts", wire_url, credentials)
    me = sts.get_caller_identity()
    assert (me["Arn"], me["UserId"], me["Account"]) == (
        answer["AssumedRoleUser"]["Arn"], f"{role_id}:alice-session", WIRE_ACCOUNT)
    reader = session("iam", wire_url, credentials)
    assert "sts-alice" in [u["UserName"] for u in reader.list_users()["Users"]]
    assert refused(reader.create_user, UserName="sts-nope") == "AccessDenied"
    listed = aws_cli_session(wire_url, credentials, "iam", "list-users")
    assert "sts-alice" in [u["UserName"] for u in listed["Users"]]
    who = aws_cli_session(wire_url, credentials, "sts", "get-caller-identity")
    assert who["Arn"] == me["Arn"]

    status, body = rest_get(wire_url, "/api/v1/users/", credentials)
    assert status == 200, body
    status, body = rest_get(wire_url, "/api/v1/users/", credentials, token="")
    assert status == 401 and "security token" in body["message"]
    status, _ = rest_get(wire_url, "/api/v1/users/", credentials,
                         token=credentials["SessionToken"][:-4] + "AAAA")
    assert status == 401


def test_assume_role_from_the_aws_cli(iam, alice, wire_url):
    arn = make_role(iam, "sts-cli", statement({"AWS": _alice_arn()}))
    answer = aws_cli_session(wire_url, {"AccessKeyId": alice[1].access_key_id,
                                        "SecretAccessKey": alice[1].secret_access_key,
                                        "SessionToken": ""},
                             "sts", "assume-role", "--role-arn", arn,
                             "--role-session-name", "cli", "--duration-seconds", "900")
    assert answer["AssumedRoleUser"]["Arn"].endswith(":assumed-role/sts-cli/cli")


def test_tampered_missing_and_expired_tokens_are_refused(iam, alice_sts, wire_url):
    arn = make_role(iam, "sts-tokens", statement({"AWS": _alice_arn()}))
    credentials = alice_sts.assume_role(RoleArn=arn, RoleSessionName="tt")["Credentials"]
    token = credentials["SessionToken"]
    tampered = {**credentials, "SessionToken": token[:20] + ("B" if token[20] != "B" else "C")
                + token[21:]}
    sts = session("sts", wire_url, tampered)
    assert refused(sts.get_caller_identity) == "InvalidClientTokenId"
    unsigned = client("sts", wire_url, type("K", (), {
        "access_key_id": credentials["AccessKeyId"],
        "secret_access_key": credentials["SecretAccessKey"]})())
    assert refused(unsigned.get_caller_identity) == "InvalidClientTokenId"
    wrong_secret = {**credentials, "SecretAccessKey": "x" * 40}
    assert refused(session("sts", wire_url, wrong_secret).get_caller_identity) == (
        "SignatureDoesNotMatch")
    good = session("iam", wire_url, credentials)
    good.list_roles()
    expire(credentials["AccessKeyId"])
    assert refused(good.list_roles) == "ExpiredToken"
    status, body = rest_get(wire_url, "/api/v1/users/", credentials)
    assert status == 401 and "expired" in body["message"]


def test_session_policy_and_boundary_limit_the_session(iam, alice_sts, wire_url):
    arn = make_role(iam, "sts-limited", statement({"AWS": _alice_arn()}))
    only_roles = allow("iam:ListRoles")
    answer = alice_sts.assume_role(RoleArn=arn, RoleSessionName="ss", Policy=only_roles)
    assert 0 < answer["PackedPolicySize"] <= 100
    limited = session("iam", wire_url, answer["Credentials"])
    limited.list_roles()
    assert refused(limited.list_users) == "AccessDenied"

    boundary = iam.create_policy(PolicyName="sts-boundary",
                                 PolicyDocument=allow("iam:ListRoles"))["Policy"]["Arn"]
    iam.put_role_permissions_boundary(RoleName="sts-limited", PermissionsBoundary=boundary)
    bounded = session("iam", wire_url, alice_sts.assume_role(
        RoleArn=arn, RoleSessionName="bb")["Credentials"])
    bounded.list_roles()
    assert refused(bounded.list_users) == "AccessDenied"


def test_trust_policy_and_the_callers_own_permission_decide(iam, make_user, alice_sts,
                                                            wire_url):
    other = make_role(iam, "sts-not-alice", statement(
        {"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:user/nobody-else"}))
    assert refused(alice_sts.assume_role, RoleArn=other, RoleSessionName="ss") == "AccessDenied"
    account_trust = make_role(iam, "sts-account", statement(
        {"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:root"}))
    _, keys = make_user("sts-powerless")
    powerless = client("sts", wire_url, keys)
    assert refused(powerless.assume_role, RoleArn=account_trust,
                   RoleSessionName="ss") == "AccessDenied"
    alice_sts.assume_role(RoleArn=account_trust, RoleSessionName="ss")
    missing = f"arn:aws:iam::{WIRE_ACCOUNT}:role/sts-no-such-role"
    assert refused(alice_sts.assume_role, RoleArn=missing, RoleSessionName="ss") == (
        "AccessDenied")


@pytest.fixture(scope="module")
def other(django_db_setup, django_db_blocker):
    """A second account's root keys (created committed, outside any test's transaction)."""
    with other_account(django_db_blocker) as keys:
        yield keys


def test_cross_account_with_external_id(iam, alice_sts, make_user, wire_url, other):
    theirs = client("iam", wire_url, other)
    arn = make_role(theirs, "partner", statement(
        {"AWS": f"arn:aws:iam::{WIRE_ACCOUNT}:root"},
        condition={"StringEquals": {"sts:ExternalId": "shared-secret-1"}}))
    assert arn.startswith(f"arn:aws:iam::{OTHER_ACCOUNT}:role/")
    assert refused(alice_sts.assume_role, RoleArn=arn, RoleSessionName="xx") == (
        "AccessDenied")
    assert refused(alice_sts.assume_role, RoleArn=arn, RoleSessionName="xx",
                   ExternalId="wrong-secret") == "AccessDenied"
    credentials = alice_sts.assume_role(RoleArn=arn, RoleSessionName="xx",
                                        ExternalId="shared-secret-1")["Credentials"]
    me = session("sts", wire_url, credentials).get_caller_identity()
    assert me["Account"] == OTHER_ACCOUNT
    assert me["Arn"] == f"arn:aws:sts::{OTHER_ACCOUNT}:assumed-role/partner/xx"
    session("iam", wire_url, credentials).list_roles()
    # The trust policy trusts the account; a user it does not allow is refused.
    _, plain = make_user("sts-no-cross")
    assert refused(client("sts", wire_url, plain).assume_role, RoleArn=arn,
                   RoleSessionName="xx", ExternalId="shared-secret-1") == "AccessDenied"


def test_mfa_required_by_the_trust_policy(iam, alice, alice_sts, wire_url):
    serial, totp = mfa_user(iam, "sts-alice")
    arn = make_role(iam, "sts-mfa", statement(
        {"AWS": _alice_arn()}, condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    assert refused(alice_sts.assume_role, RoleArn=arn, RoleSessionName="mm") == "AccessDenied"
    assert refused(alice_sts.assume_role, RoleArn=arn, RoleSessionName="mm",
                   SerialNumber=serial, TokenCode="000000" if totp.now() != "000000"
                   else "111111") == "AccessDenied"
    credentials = alice_sts.assume_role(RoleArn=arn, RoleSessionName="mm",
                                        SerialNumber=serial,
                                        TokenCode=totp.now())["Credentials"]
    session("iam", wire_url, credentials).list_roles()


def test_duration_and_session_name_rules(iam, alice_sts, wire_url):
    arn = make_role(iam, "sts-long", statement({"AWS": [_alice_arn()]}), max_session=7200)
    answer = alice_sts.assume_role(RoleArn=arn, RoleSessionName="long", DurationSeconds=7200)
    assert refused(alice_sts.assume_role, RoleArn=arn, RoleSessionName="long",
                   DurationSeconds=7201) == "ValidationError"
    assert refused(alice_sts.assume_role, RoleArn=arn, RoleSessionName="bad name!") == (
        "ValidationError")
    # Role chaining: the role trusts its own sessions; one hour at most.
    iam.update_assume_role_policy(RoleName="sts-long", PolicyDocument=statement(
        {"AWS": [_alice_arn(), arn]}))
    iam.put_role_policy(RoleName="sts-long", PolicyName="chain",
                        PolicyDocument=allow("sts:AssumeRole"))
    chained = session("sts", wire_url, answer["Credentials"])
    assert refused(chained.assume_role, RoleArn=arn, RoleSessionName="again",
                   DurationSeconds=3601) == "ValidationError"
    again = chained.assume_role(RoleArn=arn, RoleSessionName="again", DurationSeconds=3600)
    assert again["AssumedRoleUser"]["Arn"].endswith("/sts-long/again")
