"""The demo's identity providers: the company's SAML IdP (ExampleCorpOkta, its metadata
holding the demo IdP's test certificate), GitHub Actions' OpenID Connect provider, and the
CI system's (token.actions.example-ci.com, verifying with the demo IdP's test JWKS)."""

from __future__ import annotations

import json

from ..models import Account, OidcProvider, SamlProvider
from ..services import oidc_provider_create, saml_provider_create
from .test_idp import CI_AUDIENCE, CI_ISSUER, demo_jwks, demo_saml_metadata

GITHUB_ACTIONS_URL = "https://token.actions.githubusercontent.com"
STS_AUDIENCE = CI_AUDIENCE
SAML_PROVIDER_NAME = "ExampleCorpOkta"


def saml_metadata(entity_id: str = "http://www.okta.com/exk1example",
                  valid_until: str | None = "2036-12-31T23:59:59Z") -> str:
    """An IdP's SAML 2.0 metadata document (over 1,000 characters, as AWS requires), with
    the validUntil AWS takes the provider's expiry from, if given: the demo IdP's."""
    return demo_saml_metadata(entity_id, valid_until)


def build_providers(account: Account) -> None:
    """The demo's SAML provider and OpenID Connect providers, unless the account has them."""
    if not SamlProvider.objects.filter(account=account,
                                       name__iexact=SAML_PROVIDER_NAME).exists():
        saml_provider_create(account=account, name=SAML_PROVIDER_NAME,
                             metadata_document=saml_metadata(), tags={"team": "identity"})
    if not OidcProvider.objects.filter(account=account,
                                       url=GITHUB_ACTIONS_URL.removeprefix("https://")).exists():
        oidc_provider_create(account=account, url=GITHUB_ACTIONS_URL,
                             client_ids=[STS_AUDIENCE], tags={"team": "platform"})
    if not OidcProvider.objects.filter(account=account,
                                       url=CI_ISSUER.removeprefix("https://")).exists():
        oidc_provider_create(account=account, url=CI_ISSUER, client_ids=[CI_AUDIENCE],
                             jwks=json.dumps(demo_jwks()), tags={"team": "platform"})
