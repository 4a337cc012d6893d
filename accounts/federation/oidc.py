"""Verifying an OpenID Connect ID token as AssumeRoleWithWebIdentity does, and the condition
keys its claims become (`<provider>:sub`, `:aud`, `:oaud`, `:amr`).

Pure: the provider's identifier, client IDs and keys are given; nothing is read or fetched.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import jwt
from jwt.exceptions import InvalidTokenError

from .errors import ExpiredTokenException, InvalidIdentityToken
from .jwks import ALGORITHMS, signing_keys
from .tags import SessionTags, session_tags_from_claim, source_identity_from_claim

# Where a token carries session tags and a source identity (AWS's claim names).
TAGS_CLAIM = "https://aws.amazon.com/tags"
SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity"
_YEAR_10000 = 253_402_300_800  # epoch seconds past which no date exists
_CHECKS_OFF = {"verify_exp": False, "verify_nbf": False, "verify_iat": False,
               "verify_aud": False, "verify_iss": False, "verify_sub": False,
               "verify_jti": False}


@dataclass(frozen=True)
class WebIdentity:
    """What a verified ID token says: who (`sub`), for which client ID (`audience`), from
    which issuer, until when, and its claims as the trust policy's condition keys."""

    issuer: str
    subject: str
    audience: str
    expires_at: datetime
    claims: Mapping[str, Any]
    condition_keys: Mapping[str, Any]
    tags: SessionTags = field(default_factory=SessionTags)
    source_identity: str | None = None


def issuer_identifier(issuer: str) -> str:
    """What names the provider of an issuer URL: its host (lowercased) and path, without
    https:// or a trailing slash (`https://Token.Example.com/` → `token.example.com`)."""
    rest = issuer.strip().removeprefix("https://")
    host, slash, path = rest.partition("/")
    return (host.lower() + slash + path).rstrip("/")


def token_issuer(token: str) -> str:
    """The token's `iss`, read without verifying anything: which provider to verify it with.
    InvalidIdentityToken unless the token is a JWT with an https:// issuer."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False, **_CHECKS_OFF})
    except InvalidTokenError as exc:
        raise InvalidIdentityToken(f"The web identity token is not a valid JWT: {exc}.") from exc
    issuer = claims.get("iss")
    if not isinstance(issuer, str) or not issuer.startswith("https://"):
        raise InvalidIdentityToken("The web identity token has no issuer (iss) beginning "
                                   "with https://.")
    return issuer


def _key_for(token: str, jwks: Mapping[str, Any]) -> tuple[Any, str]:
    try:
        header = jwt.get_unverified_header(token)
    except InvalidTokenError as exc:
        raise InvalidIdentityToken(f"The web identity token is not a valid JWT: {exc}.") from exc
    algorithm = header.get("alg")
    if algorithm not in ALGORITHMS:
        raise InvalidIdentityToken(f"The web identity token is signed with {algorithm!r}: "
                                   f"one of {', '.join(ALGORITHMS)} is required.")
    kid = header.get("kid")
    candidates = [(raw, key) for raw, key in signing_keys(jwks)
                  if raw["kty"] == ALGORITHMS[algorithm]
                  and raw.get("alg", algorithm) == algorithm
                  and (kid is None or raw.get("kid") == kid)]
    if kid is None and len(candidates) > 1:
        candidates = []  # without a kid, only a set with one key of the type is unambiguous
    if not candidates:
        named = f"kid {kid!r}" if kid is not None else f"type {ALGORITHMS[algorithm]}"
        raise InvalidIdentityToken(f"No key with {named} in the provider's keys verifies "
                                   "the web identity token.")
    return candidates[0][1].key, algorithm


def _epoch(claims: Mapping[str, Any], name: str, required: bool) -> int | None:
    value = claims.get(name)
    if value is None and not required:
        return None
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not 0 <= value < _YEAR_10000):
        raise InvalidIdentityToken(f"The web identity token's {name} is not a number of "
                                   "seconds since the epoch.")
    return int(value)


def _audience(claims: Mapping[str, Any], client_ids: Sequence[str]) -> tuple[str, list[str]]:
    """(the client ID the token is for, its `aud` values): `azp` when the token has one
    (Google's way), else the first `aud` value the provider lists."""
    aud = claims.get("aud")
    audiences = [aud] if isinstance(aud, str) else aud if isinstance(aud, list) else []
    audiences = [value for value in audiences if isinstance(value, str)]
    azp = claims.get("azp")
    wanted = [azp] if isinstance(azp, str) else audiences
    for value in wanted:
        if value in client_ids:
            return value, audiences
    raise InvalidIdentityToken("Incorrect token audience")


def verify_web_identity_token(
    token: str,
    *,
    identifier: str,
    client_ids: Sequence[str],
    jwks: Mapping[str, Any],
    now: datetime | None = None,
) -> WebIdentity:
    """Verify `token` for the provider named `identifier` (its URL without https://): the
    signature with the provider's keys (RS256... ES512; the header's `kid` picks the key),
    `iss` = the provider's URL, `aud` (or `azp`) among its client IDs, `exp` in the future,
    `nbf` (if any) in the past, a `sub`. Raises InvalidIdentityToken or
    ExpiredTokenException with AWS's messages."""
    now = now or datetime.now(UTC)
    key, algorithm = _key_for(token, jwks)
    try:
        claims = jwt.decode(token, key, algorithms=[algorithm], options=_CHECKS_OFF)
    except InvalidTokenError as exc:
        raise InvalidIdentityToken("The web identity token's signature is not valid for "
                                   "the provider's keys.") from exc
    issuer = claims.get("iss")
    if not isinstance(issuer, str) or issuer_identifier(issuer) != identifier:
        raise InvalidIdentityToken(f"The token's issuer {issuer!r} is not the provider "
                                   f"https://{identifier}.")
    expires = _epoch(claims, "exp", required=True)
    moment = int(now.timestamp())
    if expires is not None and expires <= moment:
        raise ExpiredTokenException(f"Token expired: current date/time {moment} must be "
                                    f"before the expiration date/time {expires}")
    not_before = _epoch(claims, "nbf", required=False)
    if not_before is not None and not_before > moment:
        raise InvalidIdentityToken(f"Token is not valid yet: current date/time {moment} must "
                                   f"not be before the not-before date/time {not_before}")
    audience, audiences = _audience(claims, client_ids)
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidIdentityToken("The web identity token has no subject (sub).")
    return WebIdentity(
        issuer=issuer, subject=subject, audience=audience,
        expires_at=datetime.fromtimestamp(expires or moment, UTC), claims=claims,
        condition_keys=condition_keys(identifier, claims, audience, audiences),
        tags=session_tags_from_claim(claims.get(TAGS_CLAIM)),
        source_identity=source_identity_from_claim(claims.get(SOURCE_IDENTITY_CLAIM)),
    )


def condition_keys(identifier: str, claims: Mapping[str, Any], audience: str,
                   audiences: Sequence[str]) -> dict[str, Any]:
    """The claims as AWS's web identity condition keys, prefixed with the provider's
    identifier: `:sub`, `:aud` (the client ID: `azp` when present), `:oaud` (the token's
    `aud` when `azp` took its place), `:amr` (a multivalued key)."""
    keys: dict[str, Any] = {f"{identifier}:sub": claims["sub"], f"{identifier}:aud": audience}
    if isinstance(claims.get("azp"), str) and audiences:
        keys[f"{identifier}:oaud"] = audiences if len(audiences) > 1 else audiences[0]
    amr = claims.get("amr")
    if isinstance(amr, str):
        amr = [amr]
    if isinstance(amr, list):
        keys[f"{identifier}:amr"] = [json.dumps(v) if not isinstance(v, str) else v
                                     for v in amr]
    return keys
