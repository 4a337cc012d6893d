"""Event history: the account's trail (CloudTrail's LookupEvents)."""

from __future__ import annotations

from ..harness import Call, Scenario, req
from ..world import ACCOUNT_ID

TRAIL = f"arn:aws:cloudtrail:us-east-1:{ACCOUNT_ID}:trail/iamconsole"

SCENARIOS = [
    Scenario(
        "cloudtrail:LookupEvents", (req("cloudtrail:LookupEvents", "*"),),
        console=Call("get", "/event-history/", {"event_name": "CreateUser"}),
        api=Call("get", "/api/v1/events/?event_name=CreateUser"),
    ),
    Scenario(
        "cloudtrail:UpdateTrail", (req("cloudtrail:UpdateTrail", TRAIL),),
        console=Call("post", "/event-history/retention/", {"retention_days": "30"}),
        api=Call("put", "/api/v1/events/retention/", {"retention_days": 30}),
    ),
]
