"""What the trail never keeps: secrets, replaced by AWS's placeholder wherever they appear."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

# AWS writes this in place of a value it does not record.
HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"

# Fields (compared lowercase, without "_") whose value is secret: passwords, secret keys,
# session tokens, MFA seeds and codes, private keys.
SECRET_FIELDS = frozenset({
    "password", "newpassword", "oldpassword", "passwordhash", "rootpassword",
    "secretaccesskey", "secretkey", "secret", "sessiontoken", "securitytoken",
    "servicepassword", "privatekey", "base32stringseed", "qrcodepng", "seed",
    "seedencrypted", "authenticationcode1", "authenticationcode2", "code", "samlassertion",
    "webidentitytoken", "tokencode", "secretencrypted",
})


_PRIVATE_KEY = "PRIVATE KEY-----"


def storable(value: Any) -> Any:
    """`value` with every string as PostgreSQL and JSON keep it: a lone surrogate or a NUL
    (input the request carried, which an error message may repeat) becomes U+FFFD, and a
    string holding a PEM private key is hidden whatever field it came in."""
    if isinstance(value, str):
        if _PRIVATE_KEY in value:
            return HIDDEN
        if value.isascii():
            return value.replace("\x00", "\ufffd")
        return (value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
                .replace("\x00", "\ufffd"))
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable(item) for item in value]
    return value


def is_secret(name: str) -> bool:
    """Whether a field of this name holds a secret (`new_password`, `SecretAccessKey`)."""
    return name.replace("_", "").replace("-", "").lower() in SECRET_FIELDS


def camel(name: str) -> str:
    """A field name as CloudTrail writes it: `user_name` and `UserName` give `userName`."""
    if "_" in name:
        head, *rest = name.split("_")
        return head.lower() + "".join(part[:1].upper() + part[1:] for part in rest)
    return name[:1].lower() + name[1:]


def plain(value: Any, depth: int = 0) -> Any:
    """`value` as JSON (camelCase keys), every secret field hidden; entities by their
    identifying attributes, never by everything they hold."""
    if depth > 8:
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, Enum):
        return plain(value.value, depth)
    if isinstance(value, Mapping):
        return {camel(str(key)): HIDDEN if is_secret(str(key)) else plain(item, depth + 1)
                for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item, depth + 1) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)},
                     depth)
    return entity(value)


# An entity's identifying attributes, as AWS's shapes name them.
_ENTITY_ATTRIBUTES = (("path", "path"), ("arn", "arn"), ("unique_id", "Id"),
                      ("create_date", "createDate"), ("created_at", "createDate"),
                      ("access_key_id", "accessKeyId"), ("status", "status"),
                      ("serial_number", "serialNumber"))


def response_elements(value: Any) -> Any:
    """An operation's output as CloudTrail's `responseElements`: an entity under its noun
    (`{"user": {...}}`), anything else as `plain` shows it."""
    meta = getattr(value, "_meta", None)
    if meta is not None:
        return {_noun(meta.model_name): entity(value)}
    return plain(value)


def entity(value: Any) -> Any:
    """A model instance as CloudTrail shows one: `{"userName", "userId", "arn", ...}`."""
    meta = getattr(value, "_meta", None)
    if meta is None:  # a query or an object of our own: not a shape CloudTrail shows
        return None
    noun = _noun(meta.model_name)
    out: dict[str, Any] = {}
    if isinstance(getattr(value, "name", None), str):
        out[f"{noun}Name"] = value.name
    for attribute, key in _ENTITY_ATTRIBUTES:
        item = value.__dict__.get(attribute)
        if item is not None:
            out[f"{noun}Id" if key == "Id" else key] = plain(item, 7)
    return out


def _noun(model_name: str) -> str:
    return {"iamuser": "user", "iamgroup": "group", "managedpolicy": "policy",
            "instanceprofile": "instanceProfile", "accesskey": "accessKey",
            "mfadevice": "mFADevice"}.get(model_name, model_name)
