"""CloudTrail's event history: LookupEvents over the account's trail, and UpdateTrail for
how long it keeps events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, register
from iamconsole.trail.history import check_lookup, events_lookup

from ..models.account import TRAIL_RETENTION_MAX
from ..services.trail import account_trail_retention_set, trail_purge_due


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
        # Now and then, the account's events past its retention go (they are not shown).
        trail_purge_due(account=self.caller.account)
        events, token = events_lookup(
            account=self.caller.account, attributes=self.lookup_attributes,
            start=self.start_time, end=self.end_time, max_results=self.max_results,
            next_token=self.next_token, combine=self.combine)
        return EventPage(events, token)


# The account's one trail, as event history presents it (AWS's trails are named; this one is
# the account's event history).
TRAIL_NAME = "iamconsole"


def trail_arn(account_id: str) -> str:
    """The ARN of the account's trail: what UpdateTrail is authorized on."""
    return f"arn:aws:cloudtrail:us-east-1:{account_id}:trail/{TRAIL_NAME}"


@register
@dataclass(kw_only=True, eq=False)
class UpdateTrail(Operation):
    """UpdateTrail on the account's trail, for the one setting it has here: how many days
    event history keeps its events (`retention_days`, ours: 1 to 3,650). Authorized as
    cloudtrail:UpdateTrail on arn:aws:cloudtrail:us-east-1:<account>:trail/iamconsole."""

    service = "cloudtrail"

    retention_days: int

    def validate(self) -> None:
        days = self.retention_days
        if isinstance(days, bool) or not isinstance(days, int) or not (
                1 <= days <= TRAIL_RETENTION_MAX):
            raise InvalidInput("retention_days is a whole number of days from 1 to "
                               f"{TRAIL_RETENTION_MAX:,}.", field="retention_days")

    def resource(self) -> str:
        return trail_arn(self.caller.account_id)

    def perform(self) -> dict[str, Any]:
        account = account_trail_retention_set(account=self.caller.account,
                                              days=self.retention_days)
        return {"Name": TRAIL_NAME, "TrailARN": self.resource(),
                "RetentionDays": account.trail_retention_days}
