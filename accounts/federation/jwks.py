"""An OpenID Connect provider's signing keys: a JSON Web Key Set (RFC 7517) as the
administrator uploads it with the provider, or as the issuer publishes it (its
`/.well-known/openid-configuration` names the `jwks_uri`), fetched only when reachable."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Mapping
from typing import Any

from jwt import PyJWK
from jwt.exceptions import PyJWTError

from iamconsole.exceptions import InvalidInput

from .errors import IDPCommunicationError

JWKS_MAX = 65_536
KEYS_MAX = 100
# The signature algorithms STS accepts on ID tokens, by the key type that signs them.
ALGORITHMS = {"RS256": "RSA", "RS384": "RSA", "RS512": "RSA",
              "ES256": "EC", "ES384": "EC", "ES512": "EC"}
_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "k")
_FETCH_MAX = 1_048_576
UNREACHABLE = ("Couldn't retrieve verification key from your identity provider, please "
               "reference AssumeRoleWithWebIdentity documentation for requirements")


def parse_jwks(text: Any, field: str = "jwks") -> dict[str, Any]:
    """A JWKS document, checked: JSON `{"keys": [...]}` of 1 to 100 public RSA or EC keys
    (no private members), at most 64 KiB. Returns the document as parsed."""
    if not isinstance(text, str) or not 1 <= len(text) <= JWKS_MAX:
        raise InvalidInput(f"A JSON Web Key Set has 1 to {JWKS_MAX:,} characters.", field=field)
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise InvalidInput(f"The JSON Web Key Set is not valid JSON: {exc}.",
                           field=field) from exc
    keys = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(keys, list) or not 1 <= len(keys) <= KEYS_MAX:
        raise InvalidInput('A JSON Web Key Set is an object {"keys": [...]} with 1 to '
                           f"{KEYS_MAX} keys.", field=field)
    for index, key in enumerate(keys, 1):
        check_jwk(key, f"key {index}", field)
    return {"keys": keys}


def check_jwk(key: Any, name: str, field: str) -> PyJWK:
    """One public signing key of the set (RSA, or EC on P-256, P-384 or P-521)."""
    if not isinstance(key, dict):
        raise InvalidInput(f"The JSON Web Key Set's {name} is not an object.", field=field)
    if key.get("kty") not in ("RSA", "EC"):
        raise InvalidInput(f"The JSON Web Key Set's {name} has kty {key.get('kty')!r}: "
                           "only RSA and EC keys sign ID tokens.", field=field)
    if any(member in key for member in _PRIVATE_MEMBERS):
        raise InvalidInput(f"The JSON Web Key Set's {name} holds a private key: upload the "
                           "public keys only.", field=field)
    if "alg" in key and key["alg"] not in ALGORITHMS:
        raise InvalidInput(f"The JSON Web Key Set's {name} has alg {key['alg']!r}: one of "
                           f"{', '.join(ALGORITHMS)}.", field=field)
    if key.get("use", "sig") != "sig":
        raise InvalidInput(f"The JSON Web Key Set's {name} is not a signing key (use "
                           f"{key['use']!r}).", field=field)
    try:
        return PyJWK(key)
    except (PyJWTError, ValueError, TypeError, KeyError) as exc:
        raise InvalidInput(f"The JSON Web Key Set's {name} is not a valid key: {exc}.",
                           field=field) from exc


def signing_keys(jwks: Mapping[str, Any]) -> list[tuple[dict[str, Any], PyJWK]]:
    """The set's keys, each as given and as a key that verifies (invalid ones left out:
    the set was checked when uploaded)."""
    usable = []
    for key in jwks.get("keys", []):
        try:
            usable.append((key, check_jwk(key, "key", "jwks")))
        except InvalidInput:
            continue
    return usable


def _get_json(url: str, timeout: float) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (https)
        return json.loads(response.read(_FETCH_MAX))


def discover_jwks(identifier: str, *, timeout: float) -> dict[str, Any]:
    """The issuer's keys, as its discovery document points to them:
    `https://<identifier>/.well-known/openid-configuration` → `jwks_uri` (https only).
    IDPCommunicationError when either cannot be fetched within `timeout` seconds."""
    try:
        configuration = _get_json(f"https://{identifier}/.well-known/openid-configuration",
                                  timeout)
        uri = configuration.get("jwks_uri") if isinstance(configuration, dict) else None
        if not isinstance(uri, str) or not uri.startswith("https://"):
            raise IDPCommunicationError(UNREACHABLE)
        return parse_jwks(json.dumps(_get_json(uri, timeout)))
    except (OSError, ValueError, InvalidInput) as exc:
        raise IDPCommunicationError(UNREACHABLE) from exc
