"""CloudTrail's event history: LookupEvents over the account's trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from iamconsole.operations import Operation, register
from iamconsole.trail.history import check_lookup, events_lookup


@dataclass
class EventPage:
    """A page of events and the token of the next page (None on the last)."""

    events: list[Any]
    next_token: str | None


@register
@dataclass(kw_only=True, eq=False)
class LookupEvents(Operation):
    """LookupEvents: the account's events, newest first, filtered by one lookup attribute
    (EventName, Username, ResourceName...) and a time range, a page at a time."""

    service = "cloudtrail"
    read_only = True

    lookup_attributes: list[tuple[str, str]] = field(default_factory=list)
    start_time: datetime | None = None
    end_time: datetime | None = None
    max_results: int | None = None
    next_token: str | None = None
    # Ours, not AWS's: the console's and the REST API's filters combine several attributes.
    combine: bool = False

    def validate(self) -> None:
        check_lookup(self.lookup_attributes, self.start_time, self.end_time, self.max_results,
                     combine=self.combine)

    def perform(self) -> EventPage:
        events, token = events_lookup(
            account=self.caller.account, attributes=self.lookup_attributes,
            start=self.start_time, end=self.end_time, max_results=self.max_results,
            next_token=self.next_token, combine=self.combine)
        return EventPage(events, token)
