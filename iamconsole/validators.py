"""AWS's rules for names, paths, descriptions and tags, as reusable checks raising InvalidInput."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from .exceptions import InvalidInput

NAME_RE = re.compile(r"^[A-Za-z0-9_+=,.@-]+$")
PATH_RE = re.compile(r"^/$|^/[\x21-\x7E]*/$")
POLICY_PATH_RE = re.compile(r"^((/[A-Za-z0-9.,+@=_-]+)*)/$")
PATH_MAX = 512
# Maximum name lengths by entity type (AWS).
NAME_MAX = {
    "user": 64,
    "role": 64,
    "group": 128,
    "instance profile": 128,
    "policy": 128,
    "inline policy": 128,
    "MFA device": 226,
    "server certificate": 128,
}
TAGS_MAX = 50
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
_TAG_EXTRA = set("_.:/=+-@")
DUPLICATE_TAG_KEYS = ("Duplicate tag keys found. Please note that Tag keys are case "
                      "insensitive.")


def validate_name(name: str, kind: str, *, field: str = "name") -> str:
    """Check an entity name: ASCII letters, digits and _+=,.@- within the type's length."""
    limit = NAME_MAX[kind]
    if not isinstance(name, str) or not name:
        raise InvalidInput(f"The {kind} name must not be empty.", field=field)
    if len(name) > limit:
        raise InvalidInput(
            f"The {kind} name must be at most {limit} characters long.", field=field
        )
    if not NAME_RE.match(name):
        raise InvalidInput(
            f"The {kind} name may contain only letters, digits and _+=,.@- characters.",
            field=field,
        )
    return name


def validate_path(path: str, *, policy: bool = False, field: str = "path") -> str:
    """Check a path: `/` or `/a/b/`, at most 512 characters; policy paths are stricter."""
    if not isinstance(path, str) or not path or len(path) > PATH_MAX:
        raise InvalidInput("A path has 1 to 512 characters.", field=field)
    pattern = POLICY_PATH_RE if policy else PATH_RE
    if not pattern.match(path):
        raise InvalidInput(
            "A path is / or starts and ends with / (for example /division/team/) and "
            "contains only printable ASCII characters"
            + (" (letters, digits and .,+@=_- between slashes)." if policy else "."),
            field=field,
        )
    return path


# The path of the roles AWS's services create for themselves (service-linked roles), and
# every path AWS keeps for its own roles (IAM Identity Center's too).
SERVICE_ROLE_PATH = "/aws-service-role/"
RESERVED_ROLE_PATHS = (SERVICE_ROLE_PATH, "/aws-reserved/")


def validate_role_path(path: str, *, field: str = "path") -> str:
    """Check a role's path: a valid path that AWS does not keep for its own roles."""
    validate_path(path, field=field)
    if path.lower().startswith(RESERVED_ROLE_PATHS):
        raise InvalidInput(f"The path {path} is reserved by AWS.", field=field)
    return path


def validate_max_session_duration(seconds: int) -> int:
    """Check a role's maximum session duration: 3,600 to 43,200 seconds."""
    if not isinstance(seconds, int) or isinstance(seconds, bool) or not 3600 <= seconds <= 43200:
        raise InvalidInput(
            "The maximum session duration is 3,600 to 43,200 seconds (1 to 12 hours).",
            field="max_session_duration",
        )
    return seconds


def validate_description(description: str, *, field: str = "description") -> str:
    """Check a role or policy description: at most 1,000 characters."""
    if len(description) > 1000:
        raise InvalidInput("A description has at most 1,000 characters.", field=field)
    return description


def _tag_text_ok(text: str) -> bool:
    """AWS's tag pattern `[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`."""
    return all(
        ch in _TAG_EXTRA or unicodedata.category(ch)[0] in "LZN" for ch in text
    )


def validate_tag(key: str, value: str) -> None:
    """Check one tag: key 1-128, value 0-256 characters, AWS's character set, no `aws:` key."""
    if not isinstance(key, str) or not 1 <= len(key) <= TAG_KEY_MAX:
        raise InvalidInput("A tag key has 1 to 128 characters.", field="tags")
    if not isinstance(value, str) or len(value) > TAG_VALUE_MAX:
        raise InvalidInput(f"The value of tag {key!r} has at most 256 characters.", field="tags")
    if key.lower().startswith("aws:"):
        raise InvalidInput(f"The tag key {key!r} uses the reserved prefix aws:.", field="tags")
    if not _tag_text_ok(key) or not _tag_text_ok(value):
        raise InvalidInput(
            f"The tag {key!r} may contain only letters, digits, spaces and _.:/=+-@.",
            field="tags",
        )


def check_unique_tag_keys(keys: Iterable[str]) -> None:
    """AWS's InvalidInput when one request names a tag key twice, ignoring case."""
    seen: set[str] = set()
    for key in keys:
        folded = key.lower() if isinstance(key, str) else key
        if folded in seen:
            raise InvalidInput(DUPLICATE_TAG_KEYS, field="tags")
        seen.add(folded)


def merge_tags(current: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """Add or replace tags; a key differing only in case replaces the value, keeping its case."""
    if len(new) > TAGS_MAX:
        raise InvalidInput("At most 50 tags can be set in one request.", field="tags")
    merged = dict(current)
    by_lower = {key.lower(): key for key in merged}
    for key, value in new.items():
        validate_tag(key, value)
        existing = by_lower.get(key.lower())
        merged[existing or key] = value
        by_lower[key.lower()] = existing or key
    if len(merged) > TAGS_MAX:
        raise InvalidInput("A resource has at most 50 tags.", field="tags")
    return merged


def validate_tags(tags: Mapping[str, str] | None) -> dict[str, str]:
    """Check a complete tag set given at creation and return it as a plain dict."""
    if not tags:
        return {}
    if not isinstance(tags, Mapping):
        raise InvalidInput("Tags are an object mapping keys to values.", field="tags")
    check_unique_tag_keys(tags)
    return merge_tags({}, tags)
