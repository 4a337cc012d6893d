"""Event history: the account's trail (CloudTrail's LookupEvents)."""

from __future__ import annotations

from ..harness import Call, Scenario, req

SCENARIOS = [
    Scenario(
        "cloudtrail:LookupEvents", (req("cloudtrail:LookupEvents", "*"),),
        console=Call("get", "/event-history/", {"event_name": "CreateUser"}),
        api=Call("get", "/api/v1/events/?event_name=CreateUser"),
    ),
]
