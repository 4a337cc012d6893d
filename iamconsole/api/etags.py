"""Entity tags for optimistic concurrency: ETag on detail responses, If-Match on writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from rest_framework.request import Request

from ..exceptions import PreconditionFailed


def etag_for(representation: Mapping[str, Any], *, exclude: Iterable[str] = ()) -> str:
    """A strong ETag: a hash of the representation a GET returns (minus volatile fields).

    Counters that other entities change (attachment counts) are excluded by the caller, so
    that only a change of the entity itself changes its tag.
    """
    skip = set(exclude)
    data = {key: value for key, value in representation.items() if key not in skip}
    digest = hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str, separators=(",", ":")).encode()
    ).hexdigest()
    return f'"{digest[:32]}"'


def if_match_tags(request: Request) -> list[str] | None:
    """The entity tags of the If-Match header, or None when the header is absent."""
    header = request.META.get("HTTP_IF_MATCH")
    if header is None:
        return None
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def check_if_match(request: Request, current: str | None) -> None:
    """Raise PreconditionFailed unless If-Match is absent or names the current tag.

    `current` is None when the target does not exist yet: then only an absent header passes
    (RFC 9110: If-Match fails when there is no current representation). Weak tags never match.
    """
    tags = if_match_tags(request)
    if tags is None:
        return
    if current is not None and ("*" in tags or current in tags):
        return
    raise PreconditionFailed(
        "The entity changed since you read it (If-Match does not match its current ETag). "
        "Read it again and retry with the new ETag.",
        field="If-Match",
    )
