"""STS on the wire: who am I for every kind of caller, session and federation tokens,
session tags and source identity, key lookups and encoded authorization messages."""

from __future__ import annotations

import hashlib
import json
import urllib.request

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT, aws_cli, client
from .sts_support import allow, make_role, mfa_user, refused, rest_get, session, statement


@pytest.fixture(scope="module")
def bob(make_user, iam):
    """A user allowed everything IAM and STS offer (but what tests deny); (IAM client, keys)."""
    iam_client, keys = make_user("sts-bob")
    iam.put_user_policy(UserName="sts-bob", PolicyName="all",
                        PolicyDocument=allow(["iam:*", "sts:*"]))
    return iam_client, keys


@pytest.fixture(scope="module")
def bob_sts(bob, wire_url):
    return client("sts", wire_url, bob[1])


BOB = f"arn:aws:iam::{WIRE_ACCOUNT}:user/sts-bob"


def test_get_caller_identity_for_each_kind_of_caller(wire_url, wire_root, iam, bob, bob_sts):
    root = client("sts", wire_url, wire_root).get_caller_identity()
    assert (root["Arn"], root["UserId"], root["Account"]) == (
        f"arn:aws:iam::{WIRE_ACCOUNT}:root", WIRE_ACCOUNT, WIRE_ACCOUNT)
    user = bob_sts.get_caller_identity()
    user_id = iam.get_user(UserName="sts-bob")["User"]["UserId"]
    assert (user["Arn"], user["UserId"]) == (BOB, user_id)
    cli = aws_cli(wire_url, bob[1], "sts", "get-caller-identity")
    assert cli["Arn"] == BOB
    role = make_role(iam, "sts-who", statement({"AWS": BOB}))
    assumed = session("sts", wire_url, bob_sts.assume_role(
        RoleArn=role, RoleSessionName="who")["Credentials"]).get_caller_identity()
    assert assumed["Arn"] == f"arn:aws:sts::{WIRE_ACCOUNT}:assumed-role/sts-who/who"
    federation = bob_sts.get_federation_token(Name="contractor")
    assert federation["FederatedUser"]["Arn"] == (
        f"arn:aws:sts::{WIRE_ACCOUNT}:federated-user/contractor")
    federated = session("sts", wire_url, federation["Credentials"]).get_caller_identity()
    assert (federated["Arn"], federated["UserId"]) == (
        federation["FederatedUser"]["Arn"], f"{WIRE_ACCOUNT}:contractor")


def test_federated_user_has_only_what_its_policy_allows(bob_sts, wire_url):
    bare = bob_sts.get_federation_token(Name="bare")["Credentials"]
    assert rest_get(wire_url, "/api/v1/users/", bare)[0] == 403
    answer = bob_sts.get_federation_token(Name="reader", Policy=allow("iam:ListUsers"))
    assert answer["PackedPolicySize"] > 0
    status, body = rest_get(wire_url, "/api/v1/users/", answer["Credentials"])
    assert status == 200, body
    assert rest_get(wire_url, "/api/v1/roles/", answer["Credentials"])[0] == 403
    # As at AWS, IAM's API refuses GetFederationToken's credentials, and STS answers them
    # only who they are.
    iam_api = session("iam", wire_url, answer["Credentials"])
    assert refused(iam_api.list_users) == "InvalidClientTokenId"
    assert refused(session("sts", wire_url, answer["Credentials"]).get_session_token) == (
        "AccessDenied")


def test_get_session_token_with_mfa(iam, bob, bob_sts, wire_url):
    serial, totp = mfa_user(iam, "sts-bob")
    plain = bob_sts.get_session_token(DurationSeconds=900)["Credentials"]
    strong = bob_sts.get_session_token(SerialNumber=serial, TokenCode=totp.now())
    iam.put_user_policy(UserName="sts-bob", PolicyName="need-mfa", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Action": "iam:ListGroups", "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}))
    # IAM's API takes GetSessionToken's credentials only when MFA was used to get them.
    assert refused(session("iam", wire_url, plain).list_groups) == "InvalidClientTokenId"
    assert rest_get(wire_url, "/api/v1/groups/", plain)[0] == 403
    session("iam", wire_url, strong["Credentials"]).list_groups()
    assert session("sts", wire_url, strong["Credentials"]).get_caller_identity()["Arn"] == BOB
    assert refused(bob_sts.get_session_token, DurationSeconds=129601) == "ValidationError"
    iam.delete_user_policy(UserName="sts-bob", PolicyName="need-mfa")


def test_session_tags_need_tag_session_and_become_principal_tags(iam, bob_sts, wire_url):
    plain = make_role(iam, "sts-untagged", statement({"AWS": BOB}))
    tags = [{"Key": "team", "Value": "blue"}]
    assert refused(bob_sts.assume_role, RoleArn=plain, RoleSessionName="tt",
                   Tags=tags) == "AccessDenied"
    arn = make_role(iam, "sts-tagged", statement(
        {"AWS": BOB}, action=["sts:AssumeRole", "sts:TagSession"]), policy=None)
    iam.put_role_policy(RoleName="sts-tagged", PolicyName="by-tag", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*",
            "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}]}))
    blue = bob_sts.assume_role(RoleArn=arn, RoleSessionName="tt", Tags=tags,
                               TransitiveTagKeys=["team"])
    session("iam", wire_url, blue["Credentials"]).list_roles()
    red = bob_sts.assume_role(RoleArn=arn, RoleSessionName="tt",
                              Tags=[{"Key": "team", "Value": "red"}])
    assert refused(session("iam", wire_url, red["Credentials"]).list_roles) == "AccessDenied"


def test_source_identity_needs_permission_and_stays_through_chaining(iam, bob_sts, wire_url):
    plain = make_role(iam, "sts-nosource", statement({"AWS": BOB}))
    assert refused(bob_sts.assume_role, RoleArn=plain, RoleSessionName="si",
                   SourceIdentity="bob@corp") == "AccessDenied"
    arn = make_role(iam, "sts-source", statement(
        {"AWS": BOB}, action=["sts:AssumeRole", "sts:SetSourceIdentity"]))
    answer = bob_sts.assume_role(RoleArn=arn, RoleSessionName="si", SourceIdentity="bob@corp")
    assert answer["SourceIdentity"] == "bob@corp"
    iam.update_assume_role_policy(RoleName="sts-source", PolicyDocument=statement(
        {"AWS": [BOB, arn]}, action=["sts:AssumeRole", "sts:SetSourceIdentity"]))
    iam.put_role_policy(RoleName="sts-source", PolicyName="chain",
                        PolicyDocument=allow(["sts:AssumeRole", "sts:SetSourceIdentity"]))
    chained = session("sts", wire_url, answer["Credentials"])
    assert refused(chained.assume_role, RoleArn=arn, RoleSessionName="s2",
                   SourceIdentity="mallory") == "ValidationError"
    again = chained.assume_role(RoleArn=arn, RoleSessionName="s2")
    assert again["SourceIdentity"] == "bob@corp"


def test_session_policy_limits(iam, bob_sts):
    arn = make_role(iam, "sts-packed", statement({"AWS": BOB}))
    arns = [{"arn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"}] * 11
    assert refused(bob_sts.assume_role, RoleArn=arn, RoleSessionName="pp",
                   PolicyArns=arns) == "ValidationError"
    noise = ("".join(hashlib.sha256(f"{i}-{j}".encode()).hexdigest() for j in range(4))
             for i in range(40))
    tags = [{"Key": f"k{i}", "Value": value[:250]} for i, value in enumerate(noise)]
    iam.update_assume_role_policy(RoleName="sts-packed", PolicyDocument=statement(
        {"AWS": BOB}, action=["sts:AssumeRole", "sts:TagSession"]))
    assert refused(bob_sts.assume_role, RoleArn=arn, RoleSessionName="pp",
                   Tags=tags) == "PackedPolicyTooLarge"


def test_access_key_info_and_decoded_authorization_messages(iam, bob, bob_sts, wire_url,
                                                           make_user):
    assert bob_sts.get_access_key_info(AccessKeyId=bob[1].access_key_id)["Account"] == (
        WIRE_ACCOUNT)
    _, keys = make_user("sts-nobody")
    nobody = client("iam", wire_url, keys)
    with pytest.raises(ClientError) as caught:
        nobody.create_user(UserName="sts-never")
    detail = caught.value.response["Error"]["Detail"]
    encoded = detail.rsplit(": ", 1)[1]
    decoded = json.loads(bob_sts.decode_authorization_message(
        EncodedMessage=encoded)["DecodedMessage"])
    assert decoded["allowed"] is False
    assert decoded["context"]["action"] == "iam:CreateUser"
    assert decoded["context"]["principal"]["arn"].endswith(":user/sts-nobody")
    assert decoded["explanation"] and decoded["explicitDeny"] is False
    assert refused(client("sts", wire_url, keys).decode_authorization_message,
                   EncodedMessage=encoded) == "AccessDenied"
    assert refused(bob_sts.decode_authorization_message, EncodedMessage="garbage") == (
        "InvalidAuthorizationMessageException")


def test_each_sts_action_is_refused_by_a_deny_of_it_but_who_am_i(iam, make_user, wire_url,
                                                                 bob):
    """What the STS scenarios declare, checked at their only door: a Deny of the action
    refuses GetFederationToken, GetAccessKeyInfo and DecodeAuthorizationMessage; AWS asks
    no permission for GetCallerIdentity and GetSessionToken, so no Deny refuses them."""
    _, keys = make_user("sts-denied")
    federated = f"arn:aws:sts::{WIRE_ACCOUNT}:federated-user/denied"
    iam.put_user_policy(UserName="sts-denied", PolicyName="p", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "sts:*", "Resource": "*"}]}))
    sts = client("sts", wire_url, keys)
    assert sts.get_caller_identity()["Arn"].endswith(":user/sts-denied")
    assert sts.get_session_token(DurationSeconds=900)["Credentials"]["AccessKeyId"]
    with pytest.raises(ClientError) as caught:
        sts.get_federation_token(Name="denied")
    assert f"sts:GetFederationToken on resource: {federated}" in str(caught.value)
    assert refused(sts.get_access_key_info, AccessKeyId=bob[1].access_key_id) == (
        "AccessDenied")
    assert refused(sts.decode_authorization_message, EncodedMessage="x" * 20) == (
        "AccessDenied")


def test_a_presigned_get_caller_identity_with_temporary_credentials(iam, bob_sts, wire_url):
    """What EKS and Vault do: a presigned GetCallerIdentity URL proves who holds the
    temporary credentials (the session token travels in the query string)."""
    role = make_role(iam, "sts-presigned", statement({"AWS": BOB}))
    credentials = bob_sts.assume_role(RoleArn=role, RoleSessionName="vault")["Credentials"]
    url = session("sts", wire_url, credentials).generate_presigned_url(
        "get_caller_identity", ExpiresIn=60, HttpMethod="GET")
    assert "X-Amz-Security-Token=" in url
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our server)
        body = response.read().decode()
    assert f"<Arn>arn:aws:sts::{WIRE_ACCOUNT}:assumed-role/sts-presigned/vault</Arn>" in body
