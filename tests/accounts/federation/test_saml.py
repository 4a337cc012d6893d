"""Verifying SAML responses as AssumeRoleWithSAML does."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree

from accounts.federation.errors import (
    ExpiredTokenException,
    IDPRejectedClaim,
    InvalidIdentityToken,
)
from accounts.federation.minting import SamlClaims, mint_saml_response, saml_metadata_for
from accounts.federation.saml import verify_saml_response

from .idp import rsa_idp

ENTITY = "https://idp.example.com/saml"
ROLE = "arn:aws:iam::123456789012:role/Engineer"
PROVIDER = "arn:aws:iam::123456789012:saml-provider/ExampleCorp"
CLAIMS = SamlClaims(subject="jane", roles=[(ROLE, PROVIDER)], session_name="jane@example.com",
                    tags={"team": "payments", "cost-center": "42"},
                    transitive_tag_keys=["team"], session_duration=7200,
                    source_identity="jane")


def metadata(idp=None) -> str:
    return saml_metadata_for(idp or rsa_idp(), entity_id=ENTITY,
                             sso_url="https://idp.example.com/sso")


def response(idp=None, claims=CLAIMS, **kwargs) -> str:
    return mint_saml_response(idp or rsa_idp(), issuer=kwargs.pop("issuer", ENTITY),
                              claims=claims, **kwargs)


def verify(value: str, document: str | None = None, **kwargs):
    return verify_saml_response(value, metadata_document=document or metadata(), **kwargs)


@pytest.mark.parametrize("sign", ["response", "assertion"])
def test_a_signed_response_gives_the_assertion_attributes(sign):
    identity = verify(response(sign=sign))
    assert identity.roles == ((ROLE, PROVIDER),)
    assert identity.role_session_name == "jane@example.com"
    assert identity.session_duration == 7200
    assert identity.tags.tags == {"team": "payments", "cost-center": "42"}
    assert identity.tags.transitive_keys == ("team",)
    assert identity.source_identity == "jane"


def test_condition_keys_are_aws_saml_keys_with_its_name_qualifier():
    keys = verify(response()).condition_keys("123456789012", "ExampleCorp")
    expected = base64.b64encode(hashlib.sha1(
        f"{ENTITY}123456789012/ExampleCorp".encode()).digest()).decode()
    assert keys == {"saml:sub": "jane", "saml:sub_type": "persistent",
                    "saml:aud": "https://signin.aws.amazon.com/saml", "saml:iss": ENTITY,
                    "saml:namequalifier": expected, "saml:doc": "123456789012/ExampleCorp"}


def test_a_response_signed_by_another_key_is_refused():
    with pytest.raises(InvalidIdentityToken, match="Response signature invalid"):
        verify(response(rsa_idp("intruder")))


def _edit(encoded: str, change) -> str:
    root = etree.fromstring(base64.b64decode(encoded))
    change(root)
    return base64.b64encode(etree.tostring(root)).decode()


@pytest.mark.parametrize("sign", ["response", "assertion"])
def test_a_tampered_assertion_is_refused(sign):
    def promote(root):
        for value in root.iter("{urn:oasis:names:tc:SAML:2.0:assertion}AttributeValue"):
            if value.text == f"{ROLE},{PROVIDER}":
                value.text = f"{ROLE.replace('Engineer', 'Admin')},{PROVIDER}"

    with pytest.raises(InvalidIdentityToken, match="Response signature invalid"):
        verify(_edit(response(sign=sign), promote))


def test_an_unsigned_response_is_refused():
    def unsign(root):
        for signature in root.iter("{http://www.w3.org/2000/09/xmldsig#}Signature"):
            signature.getparent().remove(signature)

    with pytest.raises(InvalidIdentityToken, match="Response signature invalid"):
        verify(_edit(response(), unsign))


def test_a_second_unsigned_assertion_is_refused():
    """Signature wrapping: an extra assertion beside the signed one is not read."""
    def wrap(root):
        assertion = root.find("{urn:oasis:names:tc:SAML:2.0:assertion}Assertion")
        root.append(etree.fromstring(etree.tostring(assertion)))

    with pytest.raises(InvalidIdentityToken, match="exactly one Assertion"):
        verify(_edit(response(sign="assertion"), wrap))


def test_a_response_for_another_audience_is_refused():
    other = dataclasses.replace(CLAIMS, audience="https://other.example.com/acs")
    with pytest.raises(InvalidIdentityToken, match="audience"):
        verify(response(claims=other))


def test_an_expired_assertion_is_refused():
    past = datetime.now(UTC) - timedelta(hours=1)
    with pytest.raises(ExpiredTokenException, match="Token expired"):
        verify(response(now=past))


def test_a_response_from_another_issuer_is_refused():
    with pytest.raises(InvalidIdentityToken, match="Issuer not present in specified provider"):
        verify(response(issuer="https://rogue.example.com"))


def test_a_failed_authentication_is_the_idp_rejecting_the_claim():
    def fail(root):
        code = root.find(".//{urn:oasis:names:tc:SAML:2.0:protocol}StatusCode")
        code.set("Value", "urn:oasis:names:tc:SAML:2.0:status:Requester")

    with pytest.raises(IDPRejectedClaim, match="Requester"):
        verify(_edit(response(sign="assertion"), fail))


def test_the_session_name_attribute_is_required():
    unnamed = dataclasses.replace(CLAIMS, session_name="x")
    with pytest.raises(InvalidIdentityToken, match="RoleSessionName"):
        verify(response(claims=unnamed))


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"<a/>").decode(),
                                 base64.b64encode(b"<!DOCTYPE x [<!ENTITY e 'x'>]><a/>").decode(),
                                 base64.b64encode(b"<unclosed").decode()])
def test_what_is_not_a_saml_response_is_an_invalid_token(bad):
    with pytest.raises(InvalidIdentityToken):
        verify(bad)


def test_metadata_without_a_signing_certificate_verifies_nothing():
    document = metadata().replace('use="signing"', 'use="encryption"')
    with pytest.raises(InvalidIdentityToken, match="no IdP signing certificate"):
        verify(response(), document)


def test_a_certificate_rollover_keeps_both_keys():
    """Metadata listing the old and the new certificate accepts responses of both."""
    new = rsa_idp("new")
    document = metadata().replace(
        "</md:KeyDescriptor>",
        '</md:KeyDescriptor><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds='
        '"http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>'
        f"{new.certificate_body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
        "</md:KeyDescriptor>", 1)
    assert verify(response(new), document).subject == "jane"
    assert verify(response(), document).subject == "jane"



def test_an_empty_signature_value_is_an_invalid_signature():
    def empty(root):
        for value in root.iter("{http://www.w3.org/2000/09/xmldsig#}SignatureValue"):
            value.text = None

    with pytest.raises(InvalidIdentityToken, match="Response signature invalid"):
        verify(_edit(response(), empty))
