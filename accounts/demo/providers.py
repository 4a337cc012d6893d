"""The demo's identity providers: a SAML IdP (its metadata document, as an IdP exports it)
and GitHub Actions' OpenID Connect provider."""

from __future__ import annotations

from ..models import Account, OidcProvider, SamlProvider
from ..services import oidc_provider_create, saml_provider_create

# A self-signed certificate's body, as IdPs put it in their metadata (not a secret).
_CERTIFICATE = (
    "MIIDpDCCAoygAwIBAgIGAYw1n0aBMA0GCSqGSIb3DQEBCwUAMIGSMQswCQYDVQQGEwJVUzETMBEGA1UECAwK"
    "Q2FsaWZvcm5pYTEWMBQGA1UEBwwNU2FuIEZyYW5jaXNjbzENMAsGA1UECgwET2t0YTEUMBIGA1UECwwLU1NP"
    "UHJvdmlkZXIxEzARBgNVBAMMCmV4YW1wbGVjb3JwMRwwGgYJKoZIhvcNAQkBFg1pbmZvQG9rdGEuY29tMB4X"
    "DTIzMTIwNjA5MzAwMFoXDTMzMTIwNjA5MzEwMFowgZIxCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9y"
    "bmlhMRYwFAYDVQQHDA1TYW4gRnJhbmNpc2NvMQ0wCwYDVQQKDARPa3RhMRQwEgYDVQQLDAtTU09Qcm92aWRl"
)
GITHUB_ACTIONS_URL = "https://token.actions.githubusercontent.com"
STS_AUDIENCE = "sts.amazonaws.com"


def saml_metadata(entity_id: str = "http://www.okta.com/exk1example",
                  valid_until: str | None = "2036-12-31T23:59:59Z") -> str:
    """An IdP's SAML 2.0 metadata document (over 1,000 characters, as AWS requires), with
    the validUntil AWS takes the provider's expiry from, if given."""
    until = f' validUntil="{valid_until}"' if valid_until else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'entityID="{entity_id}"{until}>\n'
        '  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n'
        '    <md:KeyDescriptor use="signing">\n'
        '      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>'
        f'<ds:X509Certificate>{_CERTIFICATE}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n'
        '    </md:KeyDescriptor>\n'
        '    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'
        '</md:NameIDFormat>\n'
        '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
        'Location="https://example-corp.okta.com/app/amazon_aws/exk1example/sso/saml"/>\n'
        '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        'Location="https://example-corp.okta.com/app/amazon_aws/exk1example/sso/saml"/>\n'
        '  </md:IDPSSODescriptor>\n'
        '</md:EntityDescriptor>\n'
    )


def build_providers(account: Account) -> None:
    """The demo's SAML provider (ExampleCorpOkta) and GitHub Actions' OIDC provider, unless
    the account has them."""
    if not SamlProvider.objects.filter(account=account, name__iexact="ExampleCorpOkta").exists():
        saml_provider_create(account=account, name="ExampleCorpOkta",
                             metadata_document=saml_metadata(), tags={"team": "identity"})
    if not OidcProvider.objects.filter(account=account,
                                       url=GITHUB_ACTIONS_URL.removeprefix("https://")).exists():
        oidc_provider_create(account=account, url=GITHUB_ACTIONS_URL,
                             client_ids=[STS_AUDIENCE], tags={"team": "platform"})
