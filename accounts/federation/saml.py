"""Verifying a SAML 2.0 response as AssumeRoleWithSAML does, and what its assertion says
(the Role, RoleSessionName, SessionDuration, PrincipalTag, TransitiveTagKeys and
SourceIdentity attributes; the `saml:*` condition keys).

Pure: the provider's metadata document is given; nothing is read or fetched. Only what the
signature covers is read (signxml returns the signed element), so a response that wraps an
unsigned assertion beside a signed one is read as the signed one or refused.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import UTC, datetime

from lxml import etree
from signxml import SignatureConfiguration, XMLVerifier
from signxml.exceptions import SignXMLException

from .errors import ExpiredTokenException, IDPRejectedClaim, InvalidIdentityToken
from .saml_assertion import SAML, SAMLP, SamlIdentity, read_assertion
from .saml_metadata import idp_metadata, parse_xml

SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
# The audiences AWS's sign-in endpoint answers to (global, regional, and the legacy URN).
AWS_AUDIENCES = ("https://signin.aws.amazon.com/saml", "urn:amazon:webservices")
_NS = {"saml": SAML, "samlp": SAMLP}
_SIGNATURE_INVALID = "Response signature invalid"


def decode_response(saml_assertion: str) -> etree._Element:
    """The SAMLResponse as a browser posts it (base64 of the XML), parsed safely."""
    try:
        data = base64.b64decode("".join(saml_assertion.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidIdentityToken("Invalid base64 SAMLResponse (Service: "
                                   "AWSSecurityTokenService)") from exc
    root = parse_xml(data, "SAML response")
    if root.tag != f"{{{SAMLP}}}Response":
        raise InvalidIdentityToken("The SAML assertion is not a SAML 2.0 Response "
                                   "(samlp:Response).")
    return root


def _check_status(response: etree._Element) -> None:
    code = response.find("samlp:Status/samlp:StatusCode", _NS)
    value = code.get("Value") if code is not None else None
    if value != SUCCESS:
        raise IDPRejectedClaim(f"The identity provider reported a failed authentication "
                               f"(StatusCode {value}).")


def _verified(data: bytes, location: str, certificates: Sequence[object]) -> etree._Element:
    """The element the signature at `location` signs, verified with one of the IdP's
    certificates. InvalidIdentityToken otherwise."""
    config = SignatureConfiguration(location=location, expect_references=1)
    for certificate in certificates:
        try:
            result = XMLVerifier().verify(data, x509_cert=certificate, expect_config=config)
        except (SignXMLException, ValueError, TypeError, etree.LxmlError):
            continue
        signed = result.signed_xml  # type: ignore[union-attr]
        if isinstance(signed, etree._Element):
            return signed
    raise InvalidIdentityToken(_SIGNATURE_INVALID)


def signed_assertion(response: etree._Element, certificates: Sequence[object]) -> etree._Element:
    """The response's one assertion, as signed: the Response's signature (which covers it),
    else the Assertion's own."""
    data = etree.tostring(response)
    assertions = response.findall("saml:Assertion", _NS)
    if response.find("saml:EncryptedAssertion", _NS) is not None:
        raise InvalidIdentityToken("Encrypted SAML assertions are not supported here: "
                                   "configure the IdP to sign the assertion unencrypted.")
    if len(assertions) != 1:
        raise InvalidIdentityToken("A SAML response carries exactly one Assertion.")
    if response.find("{http://www.w3.org/2000/09/xmldsig#}Signature") is not None:
        signed = _verified(data, "./", certificates)
        found = signed.findall("saml:Assertion", _NS)
        if signed.tag != f"{{{SAMLP}}}Response" or len(found) != 1:
            raise InvalidIdentityToken(_SIGNATURE_INVALID)
        return found[0]
    signed = _verified(data, f"./{{{SAML}}}Assertion/", certificates)
    if signed.tag != f"{{{SAML}}}Assertion":
        raise InvalidIdentityToken(_SIGNATURE_INVALID)
    return signed


def verify_saml_response(
    saml_assertion: str,
    *,
    metadata_document: str,
    now: datetime | None = None,
) -> SamlIdentity:
    """Verify a base64 SAMLResponse against the provider's metadata: status Success, the
    XML signature (of the Response or of its Assertion) by a certificate of the metadata,
    the assertion's Issuer = the metadata's entity ID, the audience AWS's sign-in endpoint,
    `NotBefore` ≤ now < `NotOnOrAfter` (Conditions and SubjectConfirmationData), and the
    attributes AWS reads. Raises InvalidIdentityToken, ExpiredTokenException or
    IDPRejectedClaim with AWS's messages."""
    now = now or datetime.now(UTC)
    response = decode_response(saml_assertion)
    _check_status(response)
    metadata = idp_metadata(metadata_document)
    assertion = signed_assertion(response, metadata.certificates)
    identity = read_assertion(assertion)
    if identity.issuer != metadata.entity_id:
        raise InvalidIdentityToken("Issuer not present in specified provider: the assertion's "
                                   f"Issuer {identity.issuer!r} is not the metadata's entityID "
                                   f"{metadata.entity_id!r}.")
    if not any(audience in AWS_AUDIENCES or _regional_audience(audience)
               for audience in identity.audiences):
        raise InvalidIdentityToken("The SAML assertion's audience is not AWS's sign-in "
                                   f"endpoint ({AWS_AUDIENCES[0]}).")
    if identity.not_before is not None and now < identity.not_before:
        raise InvalidIdentityToken(f"The SAML assertion is not valid before "
                                   f"{identity.not_before:%Y-%m-%dT%H:%M:%SZ} (NotBefore).")
    if now >= identity.expires_at:
        raise ExpiredTokenException(f"Token expired: current date/time "
                                    f"{now:%Y-%m-%dT%H:%M:%SZ} must be before the expiration "
                                    f"date/time {identity.expires_at:%Y-%m-%dT%H:%M:%SZ} "
                                    "(NotOnOrAfter)")
    return identity


def _regional_audience(audience: str) -> bool:
    """`https://<region>.signin.aws.amazon.com/saml`, a regional sign-in endpoint."""
    host = audience.removeprefix("https://").removesuffix("/saml")
    return (audience.startswith("https://") and audience.endswith("/saml")
            and host.endswith(".signin.aws.amazon.com") and host.count(".") == 4)

