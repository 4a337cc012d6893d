"""Reading a signed SAML 2.0 assertion: subject, issuer, times, audiences and the attributes
AWS reads, and the `saml:*` condition keys they become."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from .errors import InvalidIdentityToken
from .tags import SessionTags, session_tags, source_identity_from_claim

SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
_NS = {"saml": SAML}
ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/"
ROLE = ATTRIBUTE + "Role"
ROLE_SESSION_NAME = ATTRIBUTE + "RoleSessionName"
SESSION_DURATION = ATTRIBUTE + "SessionDuration"
PRINCIPAL_TAG = ATTRIBUTE + "PrincipalTag:"
TRANSITIVE_TAG_KEYS = ATTRIBUTE + "TransitiveTagKeys"
SOURCE_IDENTITY = ATTRIBUTE + "SourceIdentity"
UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
_SHORT_FORMATS = {"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent": "persistent",
                  "urn:oasis:names:tc:SAML:2.0:nameid-format:transient": "transient"}
_SESSION_NAME = re.compile(r"^[\w+=,.@-]{2,64}$")
_EDU = "urn:oid:1.3.6.1.4.1.5923.1.1.1."
# The directory attributes AWS offers as saml:<name> keys, by the names IdPs send them
# under (their OIDs, or their friendly names ignoring case).
_SAML_KEYS = {
    "urn:oid:2.5.4.3": "commonName", "cn": "commonName", "commonname": "commonName",
    "urn:oid:2.5.4.42": "givenName", "givenname": "givenName",
    "urn:oid:2.5.4.4": "surname", "sn": "surname", "surname": "surname",
    "urn:oid:0.9.2342.19200300.100.1.3": "mail", "mail": "mail",
    "urn:oid:0.9.2342.19200300.100.1.1": "uid", "uid": "uid",
    "urn:oid:2.5.4.41": "name", "name": "name",
    "urn:oid:2.5.4.45": "x500UniqueIdentifier", "x500uniqueidentifier": "x500UniqueIdentifier",
    **{f"{_EDU}{number}": key for number, key in (
        (1, "edupersonaffiliation"), (2, "edupersonnickname"), (3, "edupersonorgdn"),
        (4, "edupersonorgunitdn"), (5, "edupersonprimaryaffiliation"),
        (6, "edupersonprincipalname"), (7, "edupersonentitlement"),
        (8, "edupersonprimaryorgunitdn"), (9, "edupersonscopedaffiliation"),
        (10, "edupersontargetedid"), (11, "edupersonassurance"))},
}
_SAML_KEYS.update({key: key for key in list(_SAML_KEYS.values()) if key.startswith("edu")})


@dataclass(frozen=True)
class SamlIdentity:
    """What a verified assertion says."""

    issuer: str
    subject: str
    subject_type: str
    recipient: str
    audiences: tuple[str, ...]
    not_before: datetime | None
    expires_at: datetime
    session_not_on_or_after: datetime | None
    roles: tuple[tuple[str, str], ...]  # (role ARN, provider ARN) pairs
    role_session_name: str
    session_duration: int | None
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tags: SessionTags = field(default_factory=SessionTags)
    source_identity: str | None = None

    def name_qualifier(self, account_id: str, provider_name: str) -> str:
        """AWS's NameQualifier: base64 of SHA-1(issuer + account ID + "/" + provider name),
        the same for one user of one IdP in one account."""
        digest = hashlib.sha1(f"{self.issuer}{account_id}/{provider_name}".encode()).digest()
        return base64.b64encode(digest).decode()

    def condition_keys(self, account_id: str, provider_name: str) -> dict[str, Any]:
        """The `saml:*` keys of the trust policy's request context."""
        keys: dict[str, Any] = {
            "saml:sub": self.subject, "saml:sub_type": self.subject_type,
            "saml:aud": self.recipient, "saml:iss": self.issuer,
            "saml:namequalifier": self.name_qualifier(account_id, provider_name),
            "saml:doc": f"{account_id}/{provider_name}",
        }
        for name, values in self.attributes.items():
            key = _SAML_KEYS.get(name) or _SAML_KEYS.get(name.lower())
            if key is not None and values:
                keys[f"saml:{key}"] = list(values) if len(values) > 1 else values[0]
        return keys


def _time(value: str | None, what: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidIdentityToken(f"The assertion's {what} {value!r} is not a date and "
                                   "time.") from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _attributes(assertion: etree._Element) -> dict[str, tuple[str, ...]]:
    attributes: dict[str, tuple[str, ...]] = {}
    for attribute in assertion.iterfind("saml:AttributeStatement/saml:Attribute", _NS):
        values = tuple(_text(v) for v in attribute.iterfind("saml:AttributeValue", _NS))
        for name in (attribute.get("Name"), attribute.get("FriendlyName")):
            if name:
                attributes[name] = attributes.get(name, ()) + values
    return attributes


def _roles(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        parts = [part.strip() for part in value.split(",")]
        if len(parts) != 2:
            continue
        role = next((p for p in parts if ":role/" in p), None)
        provider = next((p for p in parts if ":saml-provider/" in p), None)
        if role and provider:
            pairs.append((role, provider))
    return tuple(pairs)


def _one(attributes: Mapping[str, tuple[str, ...]], name: str) -> str | None:
    values = attributes.get(name, ())
    return values[0] if values else None


def _duration(attributes: Mapping[str, tuple[str, ...]]) -> int | None:
    value = _one(attributes, SESSION_DURATION)
    if value is None:
        return None
    if not value.isdigit() or not 900 <= int(value) <= 43200:
        raise InvalidIdentityToken("The SessionDuration attribute is a number of seconds from "
                                   "900 to 43200.")
    return int(value)


def _tags(attributes: Mapping[str, tuple[str, ...]]) -> SessionTags:
    tags = {}
    for name, values in attributes.items():
        if name.startswith(PRINCIPAL_TAG):
            if len(values) != 1:
                raise InvalidIdentityToken(f"Attribute {name} must have one value.")
            tags[name.removeprefix(PRINCIPAL_TAG)] = values[0]
    return session_tags(tags, attributes.get(TRANSITIVE_TAG_KEYS, ()))


def read_assertion(assertion: etree._Element) -> SamlIdentity:
    """The signed assertion's subject, times, audiences and AWS attributes."""
    subject = assertion.find("saml:Subject", _NS)
    name_id = subject.find("saml:NameID", _NS) if subject is not None else None
    if name_id is None or not _text(name_id):
        raise InvalidIdentityToken("The SAML assertion has no Subject/NameID.")
    name_format = name_id.get("Format", UNSPECIFIED)
    confirmation = subject.find(
        "saml:SubjectConfirmation/saml:SubjectConfirmationData", _NS) if subject is not None \
        else None
    conditions = assertion.find("saml:Conditions", _NS)
    ends = [moment for moment in (
        _time(conditions.get("NotOnOrAfter") if conditions is not None else None,
              "Conditions NotOnOrAfter"),
        _time(confirmation.get("NotOnOrAfter") if confirmation is not None else None,
              "SubjectConfirmationData NotOnOrAfter")) if moment is not None]
    if not ends:
        raise InvalidIdentityToken("The SAML assertion has no NotOnOrAfter (Conditions or "
                                   "SubjectConfirmationData).")
    audiences = tuple(_text(a) for a in assertion.iterfind(
        "saml:Conditions/saml:AudienceRestriction/saml:Audience", _NS))
    attributes = _attributes(assertion)
    session_name = _one(attributes, ROLE_SESSION_NAME)
    if session_name is None:
        raise InvalidIdentityToken("RoleSessionName is required in AuthnResponse")
    if not _SESSION_NAME.match(session_name):
        raise InvalidIdentityToken("The RoleSessionName attribute must have 2 to 64 letters, "
                                   "digits and _+=,.@- characters.")
    authn = assertion.find("saml:AuthnStatement", _NS)
    recipient = confirmation.get("Recipient") if confirmation is not None else None
    return SamlIdentity(
        issuer=_text(assertion.find("saml:Issuer", _NS)), subject=_text(name_id),
        subject_type=_SHORT_FORMATS.get(name_format, name_format),
        recipient=recipient or (audiences[0] if audiences else ""), audiences=audiences,
        not_before=_time(conditions.get("NotBefore") if conditions is not None else None,
                         "NotBefore"),
        expires_at=min(ends),
        session_not_on_or_after=_time(
            authn.get("SessionNotOnOrAfter") if authn is not None else None,
            "SessionNotOnOrAfter"),
        roles=_roles(attributes.get(ROLE, ())), role_session_name=session_name,
        session_duration=_duration(attributes), attributes=attributes, tags=_tags(attributes),
        source_identity=source_identity_from_claim(_one(attributes, SOURCE_IDENTITY)),
    )
