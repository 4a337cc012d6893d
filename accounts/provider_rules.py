"""AWS's input rules for identity providers: SAML provider names, metadata documents (and the
validUntil they carry), assertion encryption, private keys; OpenID Connect URLs, client IDs
(audiences) and thumbprints. Shared by the services and the operations."""

from __future__ import annotations

import re
import secrets
import string
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.utils.dateparse import parse_datetime

from iamconsole.exceptions import InvalidInput, LimitExceeded

SAML_NAME_RE = re.compile(r"^[\w._-]{1,128}$")
METADATA_MIN, METADATA_MAX = 1000, 10_000_000
ENCRYPTION_MODES = ("Allowed", "Required")
PRIVATE_KEY_MAX = 16384
PRIVATE_KEYS_MAX = 2
PRIVATE_KEY_RE = re.compile(r"^[\t\n\r\x20-\xff]+$")
KEY_ID_RE = re.compile(r"^[A-Z0-9]{22,64}$")
URL_MAX = 255
CLIENT_ID_MAX = 255
CLIENT_IDS_MAX = 100
THUMBPRINTS_MAX = 5
THUMBPRINT_RE = re.compile(r"^[0-9A-Fa-f]{40}$")
_ID_ALPHABET = string.ascii_uppercase + string.digits
# A metadata document's root: an IdP's EntityDescriptor, or several in EntitiesDescriptor.
_METADATA_ROOTS = ("EntityDescriptor", "EntitiesDescriptor")
UNPARSABLE_METADATA = "Could not parse metadata"


def new_provider_id() -> str:
    """A SAMLProviderUUID or a private key's KeyId: 26 uppercase alphanumerics (AWS's
    `[A-Z0-9]+`, 22 to 64 characters)."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(26))


def validate_saml_name(name: Any) -> str:
    """A SAML provider's name: 1 to 128 letters, digits, and _.- (AWS's `[\\w._-]+`)."""
    if not isinstance(name, str) or not SAML_NAME_RE.match(name):
        raise InvalidInput("The name of a SAML provider has 1 to 128 characters: letters, "
                           "digits and _.-", field="name")
    return name


def saml_metadata_valid_until(document: Any) -> datetime | None:
    """Check a SAML metadata document (1,000 to 10,000,000 characters of well-formed XML
    whose root is an EntityDescriptor or EntitiesDescriptor, without a DTD) and return the
    validUntil its root declares, if any."""
    field = "saml_metadata_document"
    if not isinstance(document, str) or not METADATA_MIN <= len(document) <= METADATA_MAX:
        raise InvalidInput("A SAML metadata document has 1,000 to 10,000,000 characters.",
                           field=field)
    # Metadata never needs a DTD; refusing one keeps entity expansion out of the parser.
    if "<!DOCTYPE" in document or "<!ENTITY" in document:
        raise InvalidInput(UNPARSABLE_METADATA, field=field)
    try:
        root = ET.fromstring(document)
    except ET.ParseError as exc:
        raise InvalidInput(UNPARSABLE_METADATA, field=field) from exc
    if root.tag.rsplit("}", 1)[-1] not in _METADATA_ROOTS:
        raise InvalidInput(UNPARSABLE_METADATA, field=field)
    valid_until = root.get("validUntil")
    if valid_until is None:
        return None
    try:
        parsed = parse_datetime(valid_until.strip())
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise InvalidInput(f"{UNPARSABLE_METADATA}: validUntil {valid_until!r} is not a "
                           "date and time with a time zone.", field=field)
    return parsed


def validate_encryption_mode(mode: Any) -> str:
    """AssertionEncryptionMode: Allowed or Required."""
    if mode not in ENCRYPTION_MODES:
        raise InvalidInput("AssertionEncryptionMode is Allowed or Required.",
                           field="assertion_encryption_mode")
    return mode


def validate_private_key(key: Any) -> str:
    """AddPrivateKey: a PEM private key of 1 to 16,384 printable characters."""
    if (not isinstance(key, str) or not 1 <= len(key) <= PRIVATE_KEY_MAX
            or not PRIVATE_KEY_RE.match(key)):
        raise InvalidInput("A private key is a PEM document of 1 to 16,384 characters.",
                           field="add_private_key")
    if "PRIVATE KEY-----" not in key:
        raise InvalidInput("The private key is not a PEM private key (-----BEGIN PRIVATE "
                           "KEY-----).", field="add_private_key")
    return key


def validate_key_id(key_id: Any) -> str:
    """RemovePrivateKey: a key ID, 22 to 64 uppercase letters and digits."""
    if not isinstance(key_id, str) or not KEY_ID_RE.match(key_id):
        raise InvalidInput("A private key ID has 22 to 64 uppercase letters and digits.",
                           field="remove_private_key")
    return key_id


def oidc_url_identifier(url: Any) -> str:
    """An OpenID Connect provider's URL, checked: https://, a host, no query, fragment or
    credentials, at most 255 characters. Returns what names the provider (and ends its
    ARN): the host (lowercased) and path, without https:// or a trailing slash."""
    field = "url"
    if not isinstance(url, str) or not 1 <= len(url) <= URL_MAX:
        raise InvalidInput("The URL of an OpenID Connect provider has 1 to 255 characters.",
                           field=field)
    if not url.lower().startswith("https://"):
        raise InvalidInput("Invalid Open ID Connect Provider URL: it must begin with https://",
                           field=field)
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError as exc:
        raise InvalidInput("Invalid Open ID Connect Provider URL", field=field) from exc
    if (not host or parts.query or parts.fragment or "?" in url or "#" in url
            or parts.username is not None or any(ch.isspace() for ch in url)):
        raise InvalidInput("Invalid Open ID Connect Provider URL: a host and an optional "
                           "path, without query or fragment.", field=field)
    netloc = host + (f":{port}" if port else "")
    return (netloc + parts.path).rstrip("/")


def validate_client_id(client_id: Any, field: str = "client_id") -> str:
    """A client ID (audience): 1 to 255 characters."""
    if not isinstance(client_id, str) or not 1 <= len(client_id) <= CLIENT_ID_MAX:
        raise InvalidInput("A client ID has 1 to 255 characters.", field=field)
    return client_id


def validate_client_ids(client_ids: Any) -> list[str]:
    """ClientIDList: at most 100 client IDs of 1 to 255 characters; repeats are kept once."""
    if isinstance(client_ids, str) or not isinstance(client_ids, Sequence):
        raise InvalidInput("ClientIDList is a list of client IDs.", field="client_id_list")
    unique = list(dict.fromkeys(validate_client_id(c, "client_id_list") for c in client_ids))
    check_client_id_count(len(unique))
    return unique


def check_client_id_count(count: int) -> None:
    """At most 100 client IDs on one provider (AWS's LimitExceeded)."""
    if count > CLIENT_IDS_MAX:
        raise LimitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: "
                            f"{CLIENT_IDS_MAX}", field="client_id_list")


def validate_thumbprints(thumbprints: Any) -> list[str]:
    """ThumbprintList: 0 to 5 thumbprints, each 40 hexadecimal characters (a SHA-1)."""
    field = "thumbprint_list"
    if isinstance(thumbprints, str) or not isinstance(thumbprints, Sequence):
        raise InvalidInput("ThumbprintList is a list of thumbprints.", field=field)
    if len(thumbprints) > THUMBPRINTS_MAX:
        raise InvalidInput(f"Thumbprint list must contain at most {THUMBPRINTS_MAX} entries.",
                           field=field)
    for thumbprint in thumbprints:
        if not isinstance(thumbprint, str) or not THUMBPRINT_RE.match(thumbprint):
            raise InvalidInput(f"Thumbprint {thumbprint!s} is not 40 hexadecimal characters "
                               "(the SHA-1 of the certificate).", field=field)
    return list(dict.fromkeys(thumbprints))
