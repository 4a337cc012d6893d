"""Encodings the authorization-details format uses: URL-encoded documents and ISO dates."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

# The extension block holding what GetAccountAuthorizationDetails leaves out.
EXTENSION_KEY = "x-console"
EXTENSION_VERSION = 1


def encode_document(text: str) -> str:
    """A policy document as GAAD sends it: the exact text, URL-encoded (RFC 3986)."""
    return quote(text, safe="")


def iso(moment: datetime | None) -> str | None:
    """A time as the AWS CLI prints it: UTC, whole seconds, `+00:00` (None stays None)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def tag_list(tags: dict[str, str]) -> list[dict[str, str]]:
    """Tags as AWS lists them: [{"Key": ..., "Value": ...}] in key order."""
    return [{"Key": key, "Value": tags[key]} for key in sorted(tags)]
