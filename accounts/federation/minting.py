"""A test identity provider: a key pair and certificate, and what an IdP would issue with
them (a signed OpenID Connect ID token, the JWKS that verifies it, a SAML metadata document
and a signed SAML response). For the demo and the tests only: a real IdP keeps its key."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner
from signxml.algorithms import CanonicalizationMethod

from .saml_assertion import (
    PRINCIPAL_TAG,
    ROLE,
    ROLE_SESSION_NAME,
    SAML,
    SAMLP,
    SESSION_DURATION,
    SOURCE_IDENTITY,
    TRANSITIVE_TAG_KEYS,
)
from .saml_metadata import DS, MD

AWS_SAML_AUDIENCE = "https://signin.aws.amazon.com/saml"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"


@dataclass(frozen=True)
class TestIdp:
    """A test IdP's private key (PEM) and self-signed certificate (PEM)."""

    private_key_pem: str
    certificate_pem: str
    kid: str = "test-idp-1"

    @property
    def certificate_body(self) -> str:
        """The certificate's base64 body, as metadata documents carry it."""
        lines = self.certificate_pem.strip().splitlines()
        return "".join(line for line in lines if not line.startswith("-----"))


def new_test_idp(*, name: str = "Test IdP", curve: bool = False, kid: str = "test-idp-1",
                 now: datetime | None = None) -> TestIdp:
    """A new key pair (RSA 2048, or EC P-256 with `curve`) and a self-signed certificate
    valid for ten years."""
    now = now or datetime.now(UTC)
    key: Any = ec.generate_private_key(ec.SECP256R1()) if curve else rsa.generate_private_key(
        public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(days=1))
                   .not_valid_after(now + timedelta(days=3650))
                   .sign(key, hashes.SHA256()))
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return TestIdp(private, certificate.public_bytes(serialization.Encoding.PEM).decode(), kid)


def _private_key(idp: TestIdp) -> Any:
    return serialization.load_pem_private_key(idp.private_key_pem.encode(), password=None)


def _algorithm(idp: TestIdp) -> str:
    return "ES256" if isinstance(_private_key(idp), ec.EllipticCurvePrivateKey) else "RS256"


def jwks_for(*idps: TestIdp) -> dict[str, Any]:
    """The public JWKS of these IdPs' keys (kid, alg, use sig)."""
    keys = []
    for idp in idps:
        algorithm = jwt.get_algorithm_by_name(_algorithm(idp))
        key = algorithm.to_jwk(_private_key(idp).public_key(), as_dict=True)
        keys.append({**key, "kid": idp.kid, "alg": _algorithm(idp), "use": "sig"})
    return {"keys": keys}


def mint_id_token(idp: TestIdp, *, issuer: str, audience: str | Sequence[str], subject: str,
                  lifetime: int = 3600, claims: Mapping[str, Any] | None = None,
                  now: datetime | None = None) -> str:
    """An ID token signed by the IdP's key: iss, aud, sub, iat, nbf, exp and `claims`."""
    moment = int((now or datetime.now(UTC)).timestamp())
    payload = {"iss": issuer, "aud": audience, "sub": subject, "iat": moment, "nbf": moment,
               "exp": moment + lifetime, "jti": uuid.uuid4().hex, **(claims or {})}
    return jwt.encode(payload, _private_key(idp), algorithm=_algorithm(idp),
                      headers={"kid": idp.kid})


def saml_metadata_for(idp: TestIdp, *, entity_id: str, sso_url: str) -> str:
    """The IdP's metadata document (its entity ID, signing certificate and SSO endpoint)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<md:EntityDescriptor xmlns:md="{MD}" entityID="{entity_id}">\n'
        '  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n'
        '    <md:KeyDescriptor use="signing">\n'
        f'      <ds:KeyInfo xmlns:ds="{DS}"><ds:X509Data>'
        f'<ds:X509Certificate>{idp.certificate_body}</ds:X509Certificate></ds:X509Data>'
        '</ds:KeyInfo>\n    </md:KeyDescriptor>\n'
        f'    <md:NameIDFormat>{PERSISTENT}</md:NameIDFormat>\n'
        '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
        f'Location="{sso_url}"/>\n'
        '  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n'
    )


def _element(parent: etree._Element, tag: str, text: str | None = None,
             **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v})
    if text is not None:
        element.text = text
    return element


def _attribute(statement: etree._Element, name: str, values: Sequence[str]) -> None:
    attribute = _element(statement, f"{{{SAML}}}Attribute", Name=name)
    for value in values:
        _element(attribute, f"{{{SAML}}}AttributeValue", value)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class SamlClaims:
    """What the test IdP asserts: who, which role (pairs of role ARN, provider ARN), the
    session name, tags and duration."""

    subject: str
    roles: Sequence[tuple[str, str]]
    session_name: str
    tags: Mapping[str, str] | None = None
    transitive_tag_keys: Sequence[str] = ()
    session_duration: int | None = None
    source_identity: str | None = None
    audience: str = AWS_SAML_AUDIENCE


def _assertion(issuer: str, claims: SamlClaims, now: datetime, lifetime: int) -> etree._Element:
    until = _stamp(now + timedelta(seconds=lifetime))
    assertion = etree.Element(f"{{{SAML}}}Assertion", {"ID": f"_{uuid.uuid4().hex}",
                              "Version": "2.0", "IssueInstant": _stamp(now)},
                              nsmap={"saml": SAML})
    _element(assertion, f"{{{SAML}}}Issuer", issuer)
    subject = _element(assertion, f"{{{SAML}}}Subject")
    _element(subject, f"{{{SAML}}}NameID", claims.subject, Format=PERSISTENT)
    confirmation = _element(subject, f"{{{SAML}}}SubjectConfirmation",
                            Method="urn:oasis:names:tc:SAML:2.0:cm:bearer")
    _element(confirmation, f"{{{SAML}}}SubjectConfirmationData", NotOnOrAfter=until,
             Recipient=claims.audience)
    conditions = _element(assertion, f"{{{SAML}}}Conditions", NotBefore=_stamp(now),
                          NotOnOrAfter=until)
    restriction = _element(conditions, f"{{{SAML}}}AudienceRestriction")
    _element(restriction, f"{{{SAML}}}Audience", claims.audience)
    authn = _element(assertion, f"{{{SAML}}}AuthnStatement", AuthnInstant=_stamp(now),
                     SessionIndex=f"_{uuid.uuid4().hex}")
    context = _element(authn, f"{{{SAML}}}AuthnContext")
    _element(context, f"{{{SAML}}}AuthnContextClassRef",
             "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
    statement = _element(assertion, f"{{{SAML}}}AttributeStatement")
    _attribute(statement, ROLE, [f"{role},{provider}" for role, provider in claims.roles])
    _attribute(statement, ROLE_SESSION_NAME, [claims.session_name])
    if claims.session_duration is not None:
        _attribute(statement, SESSION_DURATION, [str(claims.session_duration)])
    for key, value in (claims.tags or {}).items():
        _attribute(statement, PRINCIPAL_TAG + key, [value])
    if claims.transitive_tag_keys:
        _attribute(statement, TRANSITIVE_TAG_KEYS, list(claims.transitive_tag_keys))
    if claims.source_identity:
        _attribute(statement, SOURCE_IDENTITY, [claims.source_identity])
    return assertion


def mint_saml_response(idp: TestIdp, *, issuer: str, claims: SamlClaims,
                       lifetime: int = 300, now: datetime | None = None,
                       sign: str = "response") -> str:
    """A SAML response (base64, as a browser posts it) carrying one assertion, signed with
    RSA-SHA256 by the IdP's key: the whole response (`sign="response"`) or the assertion
    (`sign="assertion"`)."""
    now = now or datetime.now(UTC)
    assertion = _assertion(issuer, claims, now, lifetime)
    signer = XMLSigner(signature_algorithm="rsa-sha256", digest_algorithm="sha256",
                       c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0)
    if sign == "assertion":
        assertion = _signed(signer, assertion, idp)
    response = etree.Element(f"{{{SAMLP}}}Response", {
        "ID": f"_{uuid.uuid4().hex}", "Version": "2.0", "IssueInstant": _stamp(now),
        "Destination": claims.audience}, nsmap={"samlp": SAMLP, "saml": SAML})
    _element(response, f"{{{SAML}}}Issuer", issuer)
    status = _element(response, f"{{{SAMLP}}}Status")
    _element(status, f"{{{SAMLP}}}StatusCode", Value="urn:oasis:names:tc:SAML:2.0:status:Success")
    response.append(assertion)
    if sign == "response":
        response = _signed(signer, response, idp)
    return base64.b64encode(etree.tostring(response)).decode()


def _signed(signer: XMLSigner, element: etree._Element, idp: TestIdp) -> etree._Element:
    """The element signed (enveloped), its signature placed after its Issuer as SAML's
    schema wants it."""
    placeholder = etree.Element(f"{{{DS}}}Signature", {"Id": "placeholder"},
                                nsmap={"ds": DS})
    element.insert(1, placeholder)
    return signer.sign(element, key=idp.private_key_pem, cert=idp.certificate_pem,
                       reference_uri=element.get("ID"))
