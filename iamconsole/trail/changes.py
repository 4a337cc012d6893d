"""A policy change on the trail: the document it replaced, kept in the event when the change
is made, and the side-by-side diff of before and after that event history shows."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from policies.diff import VersionDiff, formatted, side_by_side

# Our fields under the record's additionalEventData (CloudTrail's own fields stay as AWS
# writes them): the document before the change, and after it when the request does not carry
# it (SetDefaultPolicyVersion names a version, not a document).
PREVIOUS = "previousPolicyDocument"
CURRENT = "policyDocument"


def policy_change_data(before: str | None, after: str | None = None) -> dict[str, str]:
    """The additionalEventData of a policy change: `before` (None or "": there was none)
    and, when the request's parameters do not hold it, `after`."""
    data = {PREVIOUS: before or ""}
    if after is not None:
        data[CURRENT] = after
    return data


@dataclass(frozen=True)
class PolicyChange:
    """A policy document before and after a change ("" where there is none), formatted."""

    before: str
    after: str

    @property
    def diff(self) -> VersionDiff:
        """The side-by-side rows, as the policy versions' comparison shows them."""
        return side_by_side(self.before, self.after)

    def unified(self) -> list[str]:
        """The change as unified diff lines (what the REST API answers)."""
        return list(difflib.unified_diff(self.before.splitlines(), self.after.splitlines(),
                                         "before", "after", lineterm=""))


def _text(document: Any) -> str:
    if document is None or document == "":
        return ""
    return formatted(document if isinstance(document, str) else json.dumps(document))


def policy_change(record: dict[str, Any]) -> PolicyChange | None:
    """The documents before and after the change an event records, or None when the event
    changed no policy document (or failed)."""
    extra = record.get("additionalEventData")
    if record.get("errorCode") or not isinstance(extra, dict) or PREVIOUS not in extra:
        return None
    if str(record.get("eventName", "")).startswith("Delete"):
        after: Any = ""
    elif CURRENT in extra:
        after = extra[CURRENT]
    else:
        parameters = record.get("requestParameters") or {}
        after = parameters.get("policyDocument", parameters.get("content"))
        if after is None:
            return None
    return PolicyChange(_text(extra[PREVIOUS]), _text(after))
