"""Event history: an account's trail events filtered as CloudTrail's LookupEvents filters
them, newest first, a page at a time."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Account, TrailEvent

from ..exceptions import IamError

# LookupEvents' attribute keys and the column each filters.
LOOKUP_KEYS = {
    "EventId": "event_id", "EventName": "event_name", "ReadOnly": "read_only",
    "Username": "user_name", "ResourceType": "resource_type",
    "ResourceName": "resource_name", "EventSource": "event_source",
    "AccessKeyId": "access_key_id",
}
MAX_RESULTS = 50


class InvalidLookupAttributes(IamError):
    """A lookup attribute CloudTrail does not know, or more than one."""

    code = "InvalidLookupAttributesException"
    status = 400


class InvalidTimeRange(IamError):
    """A start time after the end time."""

    code = "InvalidTimeRangeException"
    status = 400


class InvalidMaxResults(IamError):
    """A page size outside 1 to 50."""

    code = "InvalidMaxResultsException"
    status = 400


class InvalidNextToken(IamError):
    """A token this lookup did not hand out."""

    code = "InvalidNextTokenException"
    status = 400


def events_in_retention(account: Account) -> QuerySet[TrailEvent]:
    """The account's events younger than its retention period, newest first."""
    since = timezone.now() - timedelta(days=account.trail_retention_days)
    return TrailEvent.objects.filter(account=account, event_time__gte=since).order_by("-id")


def check_lookup(attributes: Sequence[tuple[str, str]], start: datetime | None,
                 end: datetime | None, max_results: int | None, *,
                 combine: bool = False) -> None:
    """CloudTrail's errors for a lookup it refuses (`combine`: the console's and the REST
    API's filters, which may combine attributes; CloudTrail takes one)."""
    if len(attributes) > 1 and not combine:
        raise InvalidLookupAttributes("You cannot specify more than one lookup attribute.",
                                      field="lookup_attributes")
    for key, value in attributes:
        if key not in LOOKUP_KEYS:
            raise InvalidLookupAttributes(f"{key} is not a lookup attribute: one of "
                                          f"{', '.join(LOOKUP_KEYS)}.",
                                          field="lookup_attributes")
        if key == "ReadOnly" and value not in ("true", "false"):
            raise InvalidLookupAttributes("ReadOnly is true or false.",
                                          field="lookup_attributes")
    if start is not None and end is not None and start > end:
        raise InvalidTimeRange("The start time is later than the end time.",
                               field="start_time")
    if max_results is not None and not 1 <= max_results <= MAX_RESULTS:
        raise InvalidMaxResults(f"MaxResults is from 1 to {MAX_RESULTS}.",
                                field="max_results")


def events_lookup(
    *,
    account: Account,
    attributes: Sequence[tuple[str, str]] = (),
    start: datetime | None = None,
    end: datetime | None = None,
    max_results: int | None = None,
    next_token: str | None = None,
    combine: bool = False,
) -> tuple[list[TrailEvent], str | None]:
    """A page of the account's events matching the lookup, and the token of the next page
    (None on the last)."""
    check_lookup(attributes, start, end, max_results, combine=combine)
    events = events_in_retention(account)
    for key, value in attributes:
        if key == "EventId" and not _is_uuid(value):
            return [], None  # no event has such an ID
        column = LOOKUP_KEYS[key]
        events = events.filter(**{column: value == "true" if key == "ReadOnly" else value})
    if start is not None:
        events = events.filter(event_time__gte=start)
    if end is not None:
        events = events.filter(event_time__lte=end)
    if next_token:
        events = events.filter(pk__lt=_read_token(next_token))
    size = max_results or MAX_RESULTS
    page = list(events[: size + 1])
    token = _token(page[size - 1].pk) if len(page) > size else None
    return page[:size], token


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _token(pk: int) -> str:
    return base64.urlsafe_b64encode(f"trail:{pk}".encode()).decode()


def _read_token(token: str) -> int:
    try:
        kind, _, pk = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if kind == "trail":
            return int(pk)
    except (ValueError, UnicodeDecodeError):
        pass
    raise InvalidNextToken("The next token is not one this lookup handed out.",
                           field="next_token")
