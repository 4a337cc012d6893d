"""What a SAML provider's metadata document says about its IdP: the entity ID (the issuer of
its responses) and the certificates whose keys sign them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cryptography import x509
from lxml import etree

from .errors import InvalidIdentityToken

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
_NS = {"md": MD, "ds": DS}
_SPACE = re.compile(r"\s+")


def safe_parser() -> etree.XMLParser:
    """An XML parser that resolves no entities, reads nothing from the network and keeps
    no comments (IdP documents never need them)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                           huge_tree=False, load_dtd=False)


def parse_xml(document: bytes | str, what: str) -> etree._Element:
    """A document parsed safely; InvalidIdentityToken if it is not XML or declares a DTD."""
    data = document.encode() if isinstance(document, str) else document
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InvalidIdentityToken(f"The {what} declares a DTD, which SAML never needs.")
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidIdentityToken(f"The {what} is not well-formed XML: {exc}.") from exc


@dataclass(frozen=True)
class IdpMetadata:
    """The IdP's entity ID and its signing certificates (several while a key rolls over)."""

    entity_id: str
    certificates: tuple[x509.Certificate, ...]


def idp_metadata(document: str) -> IdpMetadata:
    """The first IdP (an EntityDescriptor with an IDPSSODescriptor) of a metadata document,
    with its signing certificates (KeyDescriptors whose use is signing or not given).
    InvalidIdentityToken when there is none: the provider cannot verify responses."""
    root = parse_xml(document, "provider's metadata document")
    entities = [root] if root.tag == f"{{{MD}}}EntityDescriptor" else root.iterfind(
        ".//md:EntityDescriptor", _NS)
    for entity in entities:
        descriptor = entity.find("md:IDPSSODescriptor", _NS)
        if descriptor is None:
            continue
        certificates = []
        for key in descriptor.iterfind("md:KeyDescriptor", _NS):
            if key.get("use", "signing") != "signing":
                continue
            for element in key.iterfind("ds:KeyInfo/ds:X509Data/ds:X509Certificate", _NS):
                certificates.append(_certificate(element.text or ""))
        if certificates:
            return IdpMetadata(entity.get("entityID", ""), tuple(certificates))
    raise InvalidIdentityToken("The SAML provider's metadata document has no IdP signing "
                               "certificate (IDPSSODescriptor/KeyDescriptor/X509Certificate).")


def _certificate(text: str) -> x509.Certificate:
    body = _SPACE.sub("", text)
    pem = f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
    try:
        return x509.load_pem_x509_certificate(pem.encode())
    except ValueError as exc:
        raise InvalidIdentityToken("The SAML provider's metadata document holds a "
                                   "certificate that cannot be read.") from exc
