"""Pagination on the wire, as the models' paginators expect: IAM's `MaxItems` (1-1000,
default 100), an opaque signed `Marker` and `IsTruncated`; the JSON services' `MaxResults`
and an opaque signed `NextToken`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from django.core import signing

from .protocol import WireError
from .registry import WireCall

_SALT = "iamconsole.wire.marker"
DEFAULT_MAX_ITEMS = 100
DEFAULT_MAX_RESULTS = 20  # the JSON services' MaxResults (1-20 in Organizations)


def _position(call: WireCall, member: str, invalid: WireError) -> int:
    """Where the page starts: 0, or the position the call's marker or token holds; `invalid`
    for a forged one or one of another list."""
    if call.get(member) is None:
        return 0
    try:
        action, start = signing.loads(call.get(member), salt=_SALT)
        if action != call.action or not isinstance(start, int) or start < 0:
            raise ValueError(action)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise invalid from exc
    return start


def page(call: WireCall, items: Iterable[Any] | Sequence[Any], key: str,
         shape: Callable[[Any], Any] = lambda item: item) -> dict[str, Any]:
    """One page of `items` under `key` ({"Users": [...], "IsTruncated": .., "Marker": ..}).

    The marker is the position after the page, signed with the action's name, so a forged
    marker or one of another list is refused with InvalidInput instead of being trusted.
    """
    max_items = call.get("MaxItems", DEFAULT_MAX_ITEMS)
    start = _position(call, "Marker", WireError(
        "InvalidInput", "Invalid Marker: start the listing again without it."))
    rows = list(items[start:start + max_items + 1] if hasattr(items, "__getitem__")
                else islice(items, start, start + max_items + 1))
    truncated = len(rows) > max_items
    result: dict[str, Any] = {key: [shape(row) for row in rows[:max_items]],
                              "IsTruncated": truncated}
    if truncated:
        result["Marker"] = signing.dumps([call.action, start + max_items], salt=_SALT)
    return result


def page_lists(call: WireCall, lists: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """One page across several lists taken in turn (GetAccountAuthorizationDetails' four,
    ListEntitiesForPolicy's three): MaxItems counts their items together, and each list of
    the page holds its own, as botocore's paginators merge them back."""
    rows = [(key, item) for key, items in lists.items() for item in items]
    result = page(call, rows, "Rows")
    found: dict[str, list[Any]] = {key: [] for key in lists}
    for key, item in result.pop("Rows"):
        found[key].append(item)
    return {**found, **result}


def token_page(call: WireCall, result: dict[str, Any], key: str) -> dict[str, Any]:
    """One page of the list `result[key]` as the JSON services page (`MaxResults`, an
    opaque signed `NextToken`), the result's other members kept."""
    items = result.get(key) or []
    start = _position(call, "NextToken", WireError(
        "InvalidInputException", "The NextToken is not valid: start the listing again "
        "without it.", members={"Reason": "INVALID_NEXT_TOKEN"}))
    limit = call.get("MaxResults", DEFAULT_MAX_RESULTS)
    page_items = items[start:start + limit]
    answer = {**result, key: page_items}
    answer.pop("NextToken", None)
    if start + limit < len(items):
        answer["NextToken"] = signing.dumps([call.action, start + limit], salt=_SALT)
    return answer
