"""The demo's federation stories: its CI provider's sample token assumes the deploy role,
its company IdP's sample assertion the engineer role with the engineer's team as a session
tag; the providers' pages mint both, with the AWS CLI command."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from accounts.demo.test_idp import CI_SUBJECT, sample_assertion, sample_token
from accounts.federation.errors import InvalidIdentityToken
from accounts.models import OidcProvider, SamlProvider
from accounts.operations.sts_federation import AssumeRoleWithSAML, AssumeRoleWithWebIdentity
from iamconsole.exceptions import AccessDenied
from iamconsole.operations import Caller
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
CORP = "123456789012"
DEPLOY = f"arn:aws:iam::{CORP}:role/CIDeployRole"
ENGINEER = f"arn:aws:iam::{CORP}:role/EngineerRole"


@pytest.fixture
def credentials(tmp_path, monkeypatch):
    """The demo's credentials file."""
    path = tmp_path / "demo-credentials.json"
    monkeypatch.setenv("DEMO_CREDENTIALS_FILE", str(path))
    return path


@pytest.fixture
def demo(credentials):
    """The demo loaded: its CI provider and its SAML provider."""
    call_command("load_demo")
    return (OidcProvider.objects.get(url="token.actions.example-ci.com"),
            SamlProvider.objects.get(name="ExampleCorpOkta"))


def test_the_ci_token_assumes_the_deploy_role_for_the_main_branch_only(demo):
    ci, _ = demo
    session = Caller(None).run(AssumeRoleWithWebIdentity, role_arn=DEPLOY,
                               role_session_name="ci-run", web_identity_token=sample_token(ci))
    assert session.issued.principal.arn == f"arn:aws:sts::{CORP}:assumed-role/CIDeployRole/ci-run"
    assert dict(session.issued.principal.session_context)[
        "token.actions.example-ci.com:sub"] == CI_SUBJECT
    with pytest.raises(AccessDenied):
        Caller(None).run(AssumeRoleWithWebIdentity, role_arn=DEPLOY, role_session_name="ci",
                         web_identity_token=sample_token(
                             ci, subject="repo:example-corp/web-app:ref:refs/heads/feature"))


def test_the_engineer_assertion_carries_the_team_tag(demo):
    _, okta = demo
    session = Caller(None).run(AssumeRoleWithSAML, role_arn=ENGINEER, principal_arn=okta.arn,
                               saml_assertion=sample_assertion(okta, role_arn=ENGINEER))
    assert dict(session.issued.principal.session_tags)["team"] == "payments"
    assert session.issued.principal.arn.endswith("EngineerRole/jane.doe@example-corp.com")


def test_the_github_provider_without_keys_refuses_tokens_offline(demo):
    """No JWKS uploaded and fetching switched off (tests): the issuer's keys are missing."""
    github = OidcProvider.objects.get(url="token.actions.githubusercontent.com")
    token = sample_token(github)
    with pytest.raises(Exception) as refused:
        Caller(None).run(AssumeRoleWithWebIdentity, role_arn=DEPLOY, role_session_name="ci",
                         web_identity_token=token)
    assert refused.value.code == "IDPCommunicationError"
    assert not isinstance(refused.value, InvalidIdentityToken)


def test_provider_pages_mint_a_sample_and_the_cli_command(demo, credentials, client):
    ci, okta = demo
    sign_in(client, ci.account, password=json.loads(credentials.read_text())["root_password"])
    page = client.get(f"/identity-providers/details/{ci.arn}").content.decode()
    assert "Mint a sample token" in page and "demo-idp-2026" in page
    minted = client.post(f"/identity-providers/mint/{ci.arn}", {"role_arn": DEPLOY})
    text = minted.content.decode()
    assert minted.status_code == 200
    assert "aws sts assume-role-with-web-identity --endpoint-url http://testserver/aws" in text
    assert f"--role-arn {DEPLOY}" in text
    saml = client.post(f"/identity-providers/mint/{okta.arn}", {"role_arn": ENGINEER})
    assert f"--principal-arn {okta.arn}" in saml.content.decode()
    github = OidcProvider.objects.get(url="token.actions.githubusercontent.com")
    assert client.get(f"/identity-providers/mint/{github.arn}").status_code == 404
    assert "Mint a sample" not in client.get(
        f"/identity-providers/details/{github.arn}").content.decode()
