"""STS federation on the wire: AssumeRoleWithWebIdentity and AssumeRoleWithSAML through
boto3 (unsigned) and the AWS CLI, the returned credentials used for IAM calls, and refusals
for a bad signature, a wrong audience, an expired token and an unknown provider."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import subprocess
import urllib.request
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from accounts.federation.minting import (
    SamlClaims,
    jwks_for,
    mint_id_token,
    mint_saml_response,
    saml_metadata_for,
)
from tests.accounts.federation.idp import rsa_idp

from .conftest import AWS, REGION, WIRE_ACCOUNT, Keys, aws_cli
from .sts_support import make_role, refused, session, statement

ISSUER = "https://token.actions.example-ci.com"
HOST = "token.actions.example-ci.com"
AUDIENCE = "sts.amazonaws.com"
SUBJECT = "repo:acme/web-app:ref:refs/heads/main"
OIDC_ARN = f"arn:aws:iam::{WIRE_ACCOUNT}:oidc-provider/{HOST}"
ENTITY = "https://idp.acme.example/saml"
SAML_ARN = f"arn:aws:iam::{WIRE_ACCOUNT}:saml-provider/AcmeIdP"
DEPLOY = f"arn:aws:iam::{WIRE_ACCOUNT}:role/fed-deploy"
ENGINEER = f"arn:aws:iam::{WIRE_ACCOUNT}:role/fed-engineer"
TEAM_ONLY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*",
    "Condition": {"StringEquals": {"aws:PrincipalTag/team": "payments"}}}]})


def _rest(wire_url: str, keys: Keys, method: str, path: str, body: dict) -> int:
    base = wire_url.rsplit("/aws", 1)[0]
    pair = base64.b64encode(f"{keys.access_key_id}:{keys.secret_access_key}".encode()).decode()
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method,
                                     headers={"Authorization": f"Basic {pair}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (ours)
        return response.status


@pytest.fixture(scope="module")
def providers(iam, wire_url, wire_root):
    """The CI system's OpenID Connect provider (its JWKS uploaded through the REST API, as
    AWS's API has no such field), the company's SAML provider, and a role trusting each."""
    created = iam.create_open_id_connect_provider(Url=ISSUER, ClientIDList=[AUDIENCE])
    assert created["OpenIDConnectProviderArn"] == OIDC_ARN
    assert _rest(wire_url, wire_root, "PUT", f"/api/v1/oidc-providers/{HOST}/jwks/",
                 {"jwks": jwks_for(rsa_idp())}) == 200
    iam.create_saml_provider(Name="AcmeIdP", SAMLMetadataDocument=saml_metadata_for(
        rsa_idp(), entity_id=ENTITY, sso_url="https://idp.acme.example/sso"))
    make_role(iam, "fed-deploy", statement(
        {"Federated": OIDC_ARN}, action="sts:AssumeRoleWithWebIdentity",
        condition={"StringEquals": {f"{HOST}:aud": AUDIENCE},
                   "StringLike": {f"{HOST}:sub": "repo:acme/web-app:*"}}))
    make_role(iam, "fed-engineer", statement(
        {"Federated": SAML_ARN}, action=["sts:AssumeRoleWithSAML", "sts:TagSession"],
        condition={"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}),
        policy=None)
    iam.put_role_policy(RoleName="fed-engineer", PolicyName="team", PolicyDocument=TEAM_ONLY)


@pytest.fixture(scope="module")
def anonymous(wire_url, providers):
    """An STS client without credentials: federated sign-ins are not signed."""
    return boto3.client("sts", endpoint_url=wire_url, region_name=REGION,
                        config=Config(signature_version=UNSIGNED,
                                      retries={"max_attempts": 1, "mode": "standard"}))


def token(idp=None, **overrides) -> str:
    return mint_id_token(idp or rsa_idp(), **{"issuer": ISSUER, "audience": AUDIENCE,
                                              "subject": SUBJECT, **overrides})


CLAIMS = SamlClaims(subject="jane", roles=[(ENGINEER, SAML_ARN)], session_name="jane@acme",
                    tags={"team": "payments"})


def assertion(idp=None, claims=CLAIMS, **kwargs) -> str:
    return mint_saml_response(idp or rsa_idp(), issuer=ENTITY, claims=claims, **kwargs)


def test_a_ci_token_assumes_the_deploy_role_and_its_credentials_call_iam(anonymous, wire_url):
    answer = anonymous.assume_role_with_web_identity(
        RoleArn=DEPLOY, RoleSessionName="ci-run-42", WebIdentityToken=token())
    assert answer["SubjectFromWebIdentityToken"] == SUBJECT
    assert answer["Audience"] == AUDIENCE and answer["Provider"] == OIDC_ARN
    assert answer["AssumedRoleUser"]["Arn"] == (
        f"arn:aws:sts::{WIRE_ACCOUNT}:assumed-role/fed-deploy/ci-run-42")
    assert answer["Credentials"]["AccessKeyId"].startswith("ASIA")
    credentials = answer["Credentials"]
    assert session("sts", wire_url, credentials).get_caller_identity()["Arn"] == (
        answer["AssumedRoleUser"]["Arn"])
    roles = session("iam", wire_url, credentials).list_roles()["Roles"]
    assert DEPLOY in {role["Arn"] for role in roles}


def test_a_federated_session_keeps_to_its_session_policy_and_the_role_maximum(anonymous,
                                                                           wire_url):
    narrowed = anonymous.assume_role_with_web_identity(
        RoleArn=DEPLOY, RoleSessionName="ci-narrow", WebIdentityToken=token(),
        Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}]}))
    assert narrowed["PackedPolicySize"] > 0
    iam = session("iam", wire_url, narrowed["Credentials"])
    iam.list_users()
    assert refused(iam.list_roles) == "AccessDenied"  # the role allows it, the session not
    assert refused(anonymous.assume_role_with_web_identity, RoleArn=DEPLOY,
                   RoleSessionName="ci", WebIdentityToken=token(),
                   DurationSeconds=7200) == "ValidationError"
    assert refused(anonymous.assume_role_with_web_identity, RoleArn=DEPLOY,
                   RoleSessionName="ci", WebIdentityToken=token(),
                   Policy='{"Statement": 5}') == "MalformedPolicyDocument"


def test_web_identity_through_the_aws_cli(wire_url, wire_root, providers):
    answer = aws_cli(wire_url, wire_root, "sts", "assume-role-with-web-identity",
                     "--role-arn", DEPLOY, "--role-session-name", "cli-run",
                     "--web-identity-token", token())
    assert answer["AssumedRoleUser"]["Arn"].endswith("assumed-role/fed-deploy/cli-run")


def test_the_aws_cli_shows_the_refusal_of_an_expired_token(wire_url, providers):
    env = {**os.environ, "AWS_DEFAULT_REGION": REGION, "AWS_CONFIG_FILE": os.devnull,
           "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    env.pop("AWS_ACCESS_KEY_ID", None)
    env.pop("AWS_SECRET_ACCESS_KEY", None)
    expired = token(now=datetime.now(UTC) - timedelta(hours=2), lifetime=600)
    done = subprocess.run([str(AWS), "--endpoint-url", wire_url, "sts",
                           "assume-role-with-web-identity", "--role-arn", DEPLOY,
                           "--role-session-name", "ci", "--web-identity-token", expired],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert "(ExpiredTokenException)" in done.stderr and "Token expired" in done.stderr


def _refusal(call, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    error = caught.value.response["Error"]
    return error["Code"], error["Message"]


def test_web_identity_refusals(anonymous):
    def web(value: str) -> tuple[str, str]:
        return _refusal(anonymous.assume_role_with_web_identity, RoleArn=DEPLOY,
                        RoleSessionName="ci", WebIdentityToken=value)

    # A bad signature: the intruder's signature under the provider's kid.
    forged = mint_id_token(rsa_idp("intruder"), issuer=ISSUER, audience=AUDIENCE,
                           subject=SUBJECT)
    _, payload, signature = forged.split(".")
    genuine_header = token().split(".")[0]
    assert web(f"{genuine_header}.{payload}.{signature}")[0] == "InvalidIdentityToken"
    assert web(token(audience="another-app")) == ("InvalidIdentityToken",
                                                   "Incorrect token audience")
    expired = token(now=datetime.now(UTC) - timedelta(hours=2), lifetime=600)
    assert web(expired)[0] == "ExpiredTokenException"
    code, message = web(token(issuer="https://unknown.example.com"))
    assert code == "InvalidIdentityToken" and "No OpenIDConnect provider found" in message
    # Signed and valid, but the trust policy's sub condition does not match.
    assert web(token(subject="repo:evil/app:ref:refs/heads/main"))[0] == "AccessDenied"


def test_session_tags_from_a_token_need_tag_session_in_the_trust_policy(anonymous):
    tagged = token(claims={"https://aws.amazon.com/tags": {"principal_tags": {"team": ["ci"]}}})
    assert refused(anonymous.assume_role_with_web_identity, RoleArn=DEPLOY,
                   RoleSessionName="ci", WebIdentityToken=tagged) == "AccessDenied"


def test_a_saml_assertion_assumes_the_engineer_role_with_its_session_tags(anonymous, wire_url):
    answer = anonymous.assume_role_with_saml(RoleArn=ENGINEER, PrincipalArn=SAML_ARN,
                                             SAMLAssertion=assertion())
    assert answer["Subject"] == "jane" and answer["SubjectType"] == "persistent"
    assert answer["Issuer"] == ENTITY
    assert answer["Audience"] == "https://signin.aws.amazon.com/saml"
    assert answer["NameQualifier"] == base64.b64encode(hashlib.sha1(
        f"{ENTITY}{WIRE_ACCOUNT}/AcmeIdP".encode()).digest()).decode()
    assert answer["AssumedRoleUser"]["Arn"] == (
        f"arn:aws:sts::{WIRE_ACCOUNT}:assumed-role/fed-engineer/jane@acme")
    engineer = session("iam", wire_url, answer["Credentials"])
    engineer.list_users()  # allowed by aws:PrincipalTag/team = payments, the session tag
    other = dataclasses.replace(CLAIMS, tags={"team": "growth"})
    denied = session("iam", wire_url, anonymous.assume_role_with_saml(
        RoleArn=ENGINEER, PrincipalArn=SAML_ARN,
        SAMLAssertion=assertion(claims=other))["Credentials"])
    assert refused(denied.list_users) == "AccessDenied"


def test_saml_through_the_aws_cli(wire_url, wire_root, providers):
    answer = aws_cli(wire_url, wire_root, "sts", "assume-role-with-saml", "--role-arn",
                     ENGINEER, "--principal-arn", SAML_ARN, "--saml-assertion", assertion())
    assert answer["AssumedRoleUser"]["Arn"].endswith("assumed-role/fed-engineer/jane@acme")


def test_saml_refusals(anonymous):
    def saml(value: str, principal: str = SAML_ARN) -> str:
        return _refusal(anonymous.assume_role_with_saml, RoleArn=ENGINEER,
                        PrincipalArn=principal, SAMLAssertion=value)[0]

    assert saml(assertion(rsa_idp("intruder"))) == "InvalidIdentityToken"
    elsewhere = dataclasses.replace(CLAIMS, audience="https://other.example.com/acs")
    assert saml(assertion(claims=elsewhere)) == "InvalidIdentityToken"
    assert saml(assertion(now=datetime.now(UTC) - timedelta(hours=1))) == (
        "ExpiredTokenException")
    unknown = f"arn:aws:iam::{WIRE_ACCOUNT}:saml-provider/Nobody"
    assert saml(assertion(), unknown) == "InvalidIdentityToken"
    # The assertion names the engineer role: the deploy role is not for this user.
    assert _refusal(anonymous.assume_role_with_saml, RoleArn=DEPLOY, PrincipalArn=SAML_ARN,
                    SAMLAssertion=assertion())[0] == "AccessDenied"
