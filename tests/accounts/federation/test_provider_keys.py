"""An OpenID Connect provider's signing keys (its JWKS): given on the console's Add provider
page or the REST API, replaced or removed later, refused when not a set of public keys."""

from __future__ import annotations

import json

import pytest

from accounts.federation.minting import jwks_for
from accounts.models import OidcProvider
from tests.api.helpers import guarded

from .idp import ec_idp, rsa_idp

pytestmark = pytest.mark.django_db
URL = "https://login.example.com/tenant-1"


def test_the_console_adds_a_provider_with_its_keys_and_shows_them(root_client):
    keys = jwks_for(rsa_idp(), ec_idp())
    response = root_client.post("/identity-providers/create/", {
        "provider_type": "oidc", "url": URL, "audiences": "app", "jwks": json.dumps(keys)})
    assert response.status_code == 302
    provider = OidcProvider.objects.get()
    assert provider.jwks == keys
    page = root_client.get(response["Location"]).content.decode()
    assert "test-idp-1" in page and "ec-1" in page and "P-256" in page


def test_the_console_refuses_a_private_key_beside_the_field(root_client):
    private = {"keys": [{**jwks_for(rsa_idp())["keys"][0], "d": "AQAB"}]}
    response = root_client.post("/identity-providers/create/", {
        "provider_type": "oidc", "url": URL, "audiences": "app", "jwks": json.dumps(private)})
    assert response.status_code == 400
    assert "holds a private key" in response.content.decode()
    assert not OidcProvider.objects.exists()


def test_the_keys_form_replaces_and_removes_them(root_client, account):
    root_client.post("/identity-providers/create/", {
        "provider_type": "oidc", "url": URL, "audiences": "app"})
    provider = OidcProvider.objects.get()
    assert provider.jwks == {}
    page = f"/identity-providers/keys/{provider.arn}"
    assert root_client.post(page, {"jwks": json.dumps(jwks_for(ec_idp()))}).status_code == 302
    provider.refresh_from_db()
    assert [key["kid"] for key in provider.jwks["keys"]] == ["ec-1"]
    refused = root_client.post(page, {"jwks": "{not json"})
    assert refused.status_code == 400 and "not valid JSON" in refused.content.decode()
    assert root_client.post(page, {"jwks": ""}).status_code == 302
    provider.refresh_from_db()
    assert provider.jwks == {}


def test_the_rest_api_takes_the_keys_as_json_and_needs_the_thumbprint_permission(account):
    api = guarded(account, {"Effect": "Allow", "Action": [
        "iam:CreateOpenIDConnectProvider", "iam:GetOpenIDConnectProvider"], "Resource": "*"})
    keys = jwks_for(rsa_idp())
    created = api.post("/api/v1/oidc-providers/", {"url": URL, "client_id_list": ["app"],
                                                   "jwks": keys})
    assert created.status_code == 201 and created.json()["jwks"] == keys
    path = "/api/v1/oidc-providers/login.example.com~tenant-1/jwks/"
    denied = api.put(path, {"jwks": None})
    assert denied.status_code == 403
    assert "iam:UpdateOpenIDConnectProviderThumbprint" in denied.json()["message"]
    assert OidcProvider.objects.get().jwks == keys
