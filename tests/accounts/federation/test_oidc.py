"""Verifying OpenID Connect ID tokens as AssumeRoleWithWebIdentity does."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from accounts.federation.errors import ExpiredTokenException, InvalidIdentityToken
from accounts.federation.jwks import parse_jwks
from accounts.federation.minting import jwks_for, mint_id_token
from accounts.federation.oidc import issuer_identifier, token_issuer, verify_web_identity_token
from iamconsole.exceptions import InvalidInput

from .idp import ec_idp, rsa_idp

ISSUER = "https://token.actions.example-ci.com"
HOST = "token.actions.example-ci.com"
AUDIENCE = "sts.amazonaws.com"
SUBJECT = "repo:acme/app:ref:refs/heads/main"


def token(idp=None, **overrides):
    """A token of the CI provider, with `overrides` for mint_id_token's arguments."""
    arguments = {"issuer": ISSUER, "audience": AUDIENCE, "subject": SUBJECT, **overrides}
    return mint_id_token(idp or rsa_idp(), **arguments)


def verify(value, jwks=None, client_ids=(AUDIENCE,), **kwargs):
    return verify_web_identity_token(value, identifier=HOST, client_ids=list(client_ids),
                                     jwks=jwks or jwks_for(rsa_idp()), **kwargs)


def test_a_signed_token_maps_its_claims_to_the_provider_condition_keys():
    """`sub` and `aud` become `<host>:sub` and `<host>:aud`, as trust policies test them."""
    identity = verify(token(claims={"amr": ["authenticated", "mfa"]}))
    assert identity.subject == SUBJECT and identity.audience == AUDIENCE
    assert identity.condition_keys == {
        f"{HOST}:sub": SUBJECT, f"{HOST}:aud": AUDIENCE, f"{HOST}:amr": ["authenticated", "mfa"]}


def test_es256_tokens_verify_with_an_ec_key_of_the_set():
    identity = verify(token(ec_idp()), jwks=jwks_for(rsa_idp(), ec_idp()))
    assert identity.subject == SUBJECT


def test_the_kid_picks_the_key_among_several():
    other = rsa_idp("other")
    assert verify(token(other), jwks=jwks_for(rsa_idp(), other)).subject == SUBJECT


def test_a_token_whose_kid_is_not_in_the_set_is_refused():
    with pytest.raises(InvalidIdentityToken, match="kid 'intruder'"):
        verify(token(rsa_idp("intruder")))


def test_a_token_signed_by_another_key_under_the_provider_kid_is_refused():
    """A bad signature: the set's key with that kid did not sign the token."""
    keys = jwks_for(rsa_idp())
    keys["keys"][0]["kid"] = "intruder"
    with pytest.raises(InvalidIdentityToken, match="signature is not valid"):
        verify(token(rsa_idp("intruder")), jwks=keys)


def test_a_tampered_payload_is_refused():
    header, payload, signature = token().split(".")
    claims = json.loads(jwt.utils.base64url_decode(payload))
    claims["sub"] = "repo:evil/app:ref:refs/heads/main"
    forged = ".".join([header, jwt.utils.base64url_encode(json.dumps(claims).encode()).decode(),
                       signature])
    with pytest.raises(InvalidIdentityToken, match="signature"):
        verify(forged)


@pytest.mark.parametrize("algorithm", ["none", "HS256"])
def test_unsigned_and_shared_secret_tokens_are_refused(algorithm):
    secret = "a-shared-secret-of-32-bytes-long" if algorithm == "HS256" else None
    unsigned = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": SUBJECT,
                           "exp": 9999999999}, secret, algorithm=algorithm)
    with pytest.raises(InvalidIdentityToken, match="RS256"):
        verify(unsigned)


def test_a_token_for_another_audience_is_refused():
    with pytest.raises(InvalidIdentityToken, match="Incorrect token audience"):
        verify(token(audience="someone-else"))


def test_azp_is_the_audience_when_present_and_aud_becomes_oaud():
    identity = verify(token(audience="web-app", claims={"azp": "client-1"}),
                      client_ids=["client-1"])
    assert identity.condition_keys[f"{HOST}:aud"] == "client-1"
    assert identity.condition_keys[f"{HOST}:oaud"] == "web-app"


def test_an_expired_token_is_refused_with_aws_message():
    past = datetime.now(UTC) - timedelta(hours=2)
    with pytest.raises(ExpiredTokenException, match="Token expired: current date/time"):
        verify(token(now=past, lifetime=600))


def test_a_token_not_valid_yet_is_refused():
    future = datetime.now(UTC) + timedelta(hours=1)
    with pytest.raises(InvalidIdentityToken, match="not valid yet"):
        verify(token(now=future))


def test_a_token_from_another_issuer_is_refused():
    with pytest.raises(InvalidIdentityToken, match="not the provider"):
        verify(token(issuer="https://other.example.com"))


def test_session_tags_and_source_identity_come_from_aws_claims():
    identity = verify(token(claims={
        "https://aws.amazon.com/tags": {"principal_tags": {"team": ["ci"], "env": ["prod"]},
                                        "transitive_tag_keys": ["team"]},
        "https://aws.amazon.com/source_identity": "deploy-bot"}))
    assert identity.tags.tags == {"team": "ci", "env": "prod"}
    assert identity.tags.transitive_keys == ("team",)
    assert identity.tags.context()["aws:TagKeys"] == ["team", "env"]
    assert identity.source_identity == "deploy-bot"


def test_transitive_keys_must_be_tag_keys():
    with pytest.raises(InvalidIdentityToken, match="Transitive tag key"):
        verify(token(claims={"https://aws.amazon.com/tags": {
            "principal_tags": {"team": ["ci"]}, "transitive_tag_keys": ["cost"]}}))


def test_issuer_identifier_is_host_and_path_without_scheme_or_trailing_slash():
    assert issuer_identifier("https://Token.Example.com/tenant/") == "token.example.com/tenant"


def test_token_issuer_reads_iss_without_verifying():
    assert token_issuer(token(rsa_idp("unknown"))) == ISSUER
    with pytest.raises(InvalidIdentityToken, match="not a valid JWT"):
        token_issuer("not.a.jwt")


def test_an_uploaded_jwks_holds_public_signing_keys_only():
    keys = jwks_for(rsa_idp(), ec_idp())
    assert parse_jwks(json.dumps(keys)) == keys
    private = {"keys": [{**keys["keys"][0], "d": "secret"}]}
    with pytest.raises(InvalidInput, match="private key") as refused:
        parse_jwks(json.dumps(private))
    assert refused.value.field == "jwks"
    for bad, rule in [("{", "not valid JSON"), ('{"keys": []}', "1 to 100 keys"),
                      ('{"keys": [{"kty": "oct", "k": "x"}]}', "only RSA and EC"),
                      ('{"keys": [{"kty": "RSA", "n": "x"}]}', "not a valid key")]:
        with pytest.raises(InvalidInput, match=rule):
            parse_jwks(bad)


@pytest.mark.parametrize("exp", ["tomorrow", 1e20, -1, True])
def test_an_exp_that_is_no_date_is_an_invalid_token(exp):
    with pytest.raises(InvalidIdentityToken, match="exp is not a number of seconds"):
        verify(token(claims={"exp": exp}))
