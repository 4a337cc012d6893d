"""CloudTrail's LookupEvents on the wire (JSON 1.1)."""

from __future__ import annotations

import json
from typing import Any

from iamconsole.wire.registry import WireCall, action

from ..models import TrailEvent
from ..operations.trail import LookupEvents


def event_shape(event: TrailEvent) -> dict[str, Any]:
    """An event as LookupEvents lists it (its whole record as `CloudTrailEvent`)."""
    resources = [{"ResourceType": event.resource_type, "ResourceName": event.resource_name}
                 ] if event.resource_type else []
    return {
        "EventId": str(event.event_id), "EventName": event.event_name,
        "ReadOnly": "true" if event.read_only else "false",
        "AccessKeyId": event.access_key_id or None, "EventTime": event.event_time,
        "EventSource": event.event_source, "Username": event.user_name or None,
        "Resources": resources, "CloudTrailEvent": json.dumps(event.record),
    }


@action("LookupEvents", service="cloudtrail")
def lookup_events(call: WireCall) -> dict[str, Any]:
    attributes = [(item.get("AttributeKey", ""), item.get("AttributeValue", ""))
                  for item in call.get("LookupAttributes", [])]
    page = call.run(LookupEvents, lookup_attributes=attributes,
                    start_time=call.get("StartTime"), end_time=call.get("EndTime"),
                    max_results=call.get("MaxResults"), next_token=call.get("NextToken"))
    return {"Events": [event_shape(event) for event in page.events],
            "NextToken": page.next_token}
