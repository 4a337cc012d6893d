"""Session tags and the source identity an identity provider passes: the `principal_tags`
and `transitive_tag_keys` of an ID token's `https://aws.amazon.com/tags` claim, the
PrincipalTag:<Key> and TransitiveTagKeys attributes of a SAML assertion."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidIdentityToken

TAGS_MAX = 50
TAG_KEY_MAX, TAG_VALUE_MAX = 128, 256
_TAG_TEXT = re.compile(r"^[\w\s+=,.@:/-]*$")
_SOURCE_IDENTITY = re.compile(r"^[\w+=,.@-]{2,64}$")


@dataclass(frozen=True)
class SessionTags:
    """Tags for the session (key → value) and the keys that pass on to chained roles."""

    tags: Mapping[str, str] = field(default_factory=dict)
    transitive_keys: tuple[str, ...] = ()

    def context(self) -> dict[str, Any]:
        """What the session tags set in the trust policy's request context for
        sts:TagSession: aws:RequestTag/<key>, aws:TagKeys, sts:TransitiveTagKeys."""
        if not self.tags:
            return {}
        keys: dict[str, Any] = {f"aws:RequestTag/{k}": v for k, v in self.tags.items()}
        keys["aws:TagKeys"] = list(self.tags)
        if self.transitive_keys:
            keys["sts:TransitiveTagKeys"] = list(self.transitive_keys)
        return keys


def session_tags(tags: Mapping[str, str], transitive: Sequence[str]) -> SessionTags:
    """Checked as AWS checks session tags: at most 50, keys of 1 to 128 and values of at most
    256 letters, digits, spaces and _.:/=+-@, keys unique ignoring case; transitive keys
    among the tags' keys."""
    if len(tags) > TAGS_MAX:
        raise InvalidIdentityToken(f"The identity provider passed {len(tags)} session tags: "
                                   f"at most {TAGS_MAX}.")
    seen: set[str] = set()
    for key, value in tags.items():
        if not 1 <= len(key) <= TAG_KEY_MAX or not _TAG_TEXT.match(key):
            raise InvalidIdentityToken(f"Session tag key {key!r} must have 1 to {TAG_KEY_MAX} "
                                       "letters, digits, spaces and _.:/=+-@.")
        if len(value) > TAG_VALUE_MAX or not _TAG_TEXT.match(value):
            raise InvalidIdentityToken(f"Session tag {key!r} has a value longer than "
                                       f"{TAG_VALUE_MAX} characters or with other characters "
                                       "than letters, digits, spaces and _.:/=+-@.")
        if key.lower() in seen:
            raise InvalidIdentityToken(f"Session tag key {key!r} is passed twice (tag keys "
                                       "are compared ignoring case).")
        seen.add(key.lower())
    lowered = {key.lower() for key in tags}
    for key in transitive:
        if key.lower() not in lowered:
            raise InvalidIdentityToken(f"Transitive tag key {key!r} is not the key of a "
                                       "session tag.")
    return SessionTags(dict(tags), tuple(dict.fromkeys(transitive)))


def session_tags_from_claim(claim: Any) -> SessionTags:
    """The `https://aws.amazon.com/tags` claim: `{"principal_tags": {"Key": ["value"]},
    "transitive_tag_keys": ["Key"]}` (each tag has one value)."""
    if claim is None:
        return SessionTags()
    if not isinstance(claim, dict):
        raise InvalidIdentityToken("The https://aws.amazon.com/tags claim is not an object.")
    principal_tags = claim.get("principal_tags", {})
    transitive = claim.get("transitive_tag_keys", [])
    if not isinstance(principal_tags, dict) or not isinstance(transitive, list):
        raise InvalidIdentityToken("The https://aws.amazon.com/tags claim has principal_tags "
                                   "(an object) and transitive_tag_keys (a list).")
    tags: dict[str, str] = {}
    for key, values in principal_tags.items():
        value = values[0] if isinstance(values, list) and len(values) == 1 else values
        if not isinstance(value, str):
            raise InvalidIdentityToken(f"Session tag {key!r} must have one string value.")
        tags[key] = value
    if not all(isinstance(key, str) for key in transitive):
        raise InvalidIdentityToken("transitive_tag_keys is a list of tag keys.")
    return session_tags(tags, transitive)


def source_identity_from_claim(value: Any) -> str | None:
    """A source identity claim or attribute: 2 to 64 letters, digits and _+=,.@-."""
    if value is None:
        return None
    if not isinstance(value, str) or not _SOURCE_IDENTITY.match(value):
        raise InvalidIdentityToken("The source identity must have 2 to 64 letters, digits "
                                   "and _+=,.@- characters.")
    return value
