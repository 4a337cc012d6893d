"""Keys of a provider without an uploaded JWKS: fetched from its issuer's discovery document
when reachable (here a stand-in for urlopen: the tests never reach out), else
IDPCommunicationError; never fetched when the timeout is 0."""

from __future__ import annotations

import io
import json

import pytest
from django.test import override_settings

from accounts.federation import jwks as jwks_module
from accounts.federation.errors import IDPCommunicationError
from accounts.federation.jwks import discover_jwks
from accounts.federation.minting import jwks_for
from accounts.federation.providers import provider_keys
from accounts.services import oidc_provider_create

from .idp import rsa_idp

ISSUER = "login.example.com"


def fake_issuer(monkeypatch, documents: dict[str, object]) -> list[str]:
    """urlopen answering `documents` by URL (OSError for others); the URLs asked."""
    asked: list[str] = []

    def urlopen(request, timeout):
        asked.append(request.full_url)
        assert timeout == 2
        if request.full_url not in documents:
            raise OSError("unreachable")
        return io.BytesIO(json.dumps(documents[request.full_url]).encode())

    monkeypatch.setattr(jwks_module.urllib.request, "urlopen", urlopen)
    return asked


def test_keys_come_from_the_jwks_uri_of_the_discovery_document(monkeypatch):
    keys = jwks_for(rsa_idp())
    asked = fake_issuer(monkeypatch, {
        f"https://{ISSUER}/.well-known/openid-configuration": {
            "issuer": f"https://{ISSUER}", "jwks_uri": f"https://{ISSUER}/keys"},
        f"https://{ISSUER}/keys": keys})
    assert discover_jwks(ISSUER, timeout=2) == keys
    assert asked == [f"https://{ISSUER}/.well-known/openid-configuration",
                     f"https://{ISSUER}/keys"]


@pytest.mark.parametrize("configuration", [None, {"jwks_uri": "http://insecure/keys"}, [1]])
def test_an_unreachable_or_odd_issuer_is_an_idp_communication_error(monkeypatch,
                                                                      configuration):
    documents = {} if configuration is None else {
        f"https://{ISSUER}/.well-known/openid-configuration": configuration}
    fake_issuer(monkeypatch, documents)
    with pytest.raises(IDPCommunicationError, match="Couldn't retrieve verification key"):
        discover_jwks(ISSUER, timeout=2)


@pytest.mark.django_db
def test_uploaded_keys_win_and_fetched_ones_are_kept(account, monkeypatch):
    uploaded = oidc_provider_create(account=account, url="https://uploaded.example.com",
                                    jwks=json.dumps(jwks_for(rsa_idp())))
    bare = oidc_provider_create(account=account, url=f"https://{ISSUER}")
    with pytest.raises(IDPCommunicationError, match="switched off"):
        provider_keys(bare)  # the tests' setting: never fetched
    asked = fake_issuer(monkeypatch, {
        f"https://{ISSUER}/.well-known/openid-configuration": {
            "jwks_uri": f"https://{ISSUER}/keys"},
        f"https://{ISSUER}/keys": jwks_for(rsa_idp("fetched"))})
    with override_settings(IAM_OIDC_DISCOVERY_TIMEOUT=2):
        assert provider_keys(uploaded) == uploaded.jwks
        assert provider_keys(bare)["keys"][0]["kid"] == "fetched"
        assert provider_keys(bare)["keys"][0]["kid"] == "fetched"
    assert len(asked) == 2  # one discovery, then the cache
