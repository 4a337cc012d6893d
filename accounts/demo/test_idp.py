"""The demo's identity provider, TEST ONLY: its key pair is public in this repository
(test_idp_key.pem, test_idp_certificate.pem), so that the console, the README and the tests
can mint signed sample tokens and assertions for the demo's providers. A provider verifies
with this key only when its JWKS or metadata holds it, which only the demo's providers do."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..federation.minting import (
    SamlClaims,
    TestIdp,
    jwks_for,
    mint_id_token,
    mint_saml_response,
    saml_metadata_for,
)
from ..federation.saml_metadata import idp_metadata

HERE = Path(__file__).parent
KID = "demo-idp-2026"
# The demo's CI system (its OpenID Connect provider) and its company IdP (SAML).
CI_ISSUER = "https://token.actions.example-ci.com"
CI_AUDIENCE = "sts.amazonaws.com"
SAML_ENTITY_ID = "http://www.okta.com/exk1example"
SAML_SSO_URL = "https://example-corp.okta.com/app/amazon_aws/exk1example/sso/saml"
# Who the samples are for: the CI pipeline of the web app's main branch, and an engineer.
CI_SUBJECT = "repo:example-corp/web-app:ref:refs/heads/main"
ENGINEER = "jane.doe@example-corp.com"
ENGINEER_TAGS = {"team": "payments", "cost-center": "cc-4711"}
SAMPLE_LIFETIME = 3600


@cache
def demo_idp() -> TestIdp:
    """The demo IdP's key and certificate (read once)."""
    key = (HERE / "test_idp_key.pem").read_text()
    key = key[key.index("-----BEGIN"):]  # past the TEST ONLY notice
    return TestIdp(key, (HERE / "test_idp_certificate.pem").read_text(), KID)


def demo_jwks() -> dict[str, Any]:
    """The JWKS of the demo IdP's public key (what the demo's CI provider is given)."""
    return jwks_for(demo_idp())


def demo_saml_metadata(entity_id: str = SAML_ENTITY_ID,
                       valid_until: str | None = "2036-12-31T23:59:59Z") -> str:
    """The demo IdP's SAML metadata document (its signing certificate), with the
    validUntil AWS takes the provider's expiry from, if given."""
    document = saml_metadata_for(demo_idp(), entity_id=entity_id, sso_url=SAML_SSO_URL)
    if valid_until:
        document = document.replace(f'entityID="{entity_id}"',
                                    f'entityID="{entity_id}" validUntil="{valid_until}"', 1)
    return document


def signs_for(provider: Any) -> bool:
    """Whether the demo IdP's key is among those the provider trusts: its JWKS (an OpenID
    Connect provider) or its metadata's certificates (a SAML provider)."""
    if hasattr(provider, "metadata_document"):
        return demo_idp().certificate_body in provider.metadata_document
    public = demo_jwks()["keys"][0]
    return any(key.get("n") == public["n"] for key in (provider.jwks or {}).get("keys", []))


def sample_token(provider: Any, *, subject: str = CI_SUBJECT) -> str:
    """An ID token of the OpenID Connect provider's issuer for its first audience, signed by
    the demo IdP, valid for an hour."""
    audience = provider.client_ids[0] if provider.client_ids else CI_AUDIENCE
    return mint_id_token(demo_idp(), issuer=f"https://{provider.url}", audience=audience,
                         subject=subject, lifetime=SAMPLE_LIFETIME)


def sample_assertion(provider: Any, *, role_arn: str, subject: str = ENGINEER) -> str:
    """A SAML response of the provider's IdP naming `role_arn` with this provider, the
    engineer's session name and tags, signed by the demo IdP, valid for an hour."""
    claims = SamlClaims(subject=subject, roles=[(role_arn, provider.arn)],
                        session_name=subject, tags=ENGINEER_TAGS)
    issuer = idp_metadata(provider.metadata_document).entity_id
    return mint_saml_response(demo_idp(), issuer=issuer, claims=claims,
                              lifetime=SAMPLE_LIFETIME)


def cli_command(provider: Any, *, role_arn: str, sample: str, endpoint: str) -> str:
    """The AWS CLI command that assumes `role_arn` with the sample (unsigned, as AWS's)."""
    common = (f"aws sts {{}} --endpoint-url {endpoint} --region us-east-1 \\\n"
              f"  --role-arn {role_arn} \\\n")
    if hasattr(provider, "metadata_document"):
        return (common.format("assume-role-with-saml")
                + f"  --principal-arn {provider.arn} \\\n  --saml-assertion {sample}")
    return (common.format("assume-role-with-web-identity")
            + f"  --role-session-name ci-deploy \\\n  --web-identity-token {sample}")
