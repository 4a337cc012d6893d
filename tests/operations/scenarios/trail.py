"""Event history: the account's trail (CloudTrail's LookupEvents)."""

from __future__ import annotations

from ..harness import Call, Scenario, req
from ..world import arn

SCENARIOS = [
    Scenario(
        "cloudtrail:LookupEvents", (req("cloudtrail:LookupEvents", "*"),),
        console=Call("get", "/event-history/", {"event_name": "CreateUser"}),
        api=Call("get", "/api/v1/events/?event_name=CreateUser"),
    ),
]
SCENARIOS += [
    Scenario(
        "GenerateServiceLastAccessedDetails",
        (req("iam:GenerateServiceLastAccessedDetails", arn("user/alice")),),
        api=Call("post", "/api/v1/last-accessed/", {"arn": arn("user/alice")}),
    ),
    Scenario(
        "GetServiceLastAccessedDetails",
        (req("iam:GenerateServiceLastAccessedDetails", arn("user/alice")),
         req("iam:GetServiceLastAccessedDetails", "*")),
        api=Call("get", f"/api/v1/last-accessed/?arn={arn('user/alice')}"),
    ),
]
