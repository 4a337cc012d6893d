"""Access analysis: who can perform an action, escalation paths, the account graph. Each
reads every principal's policies, so each needs GetAccountAuthorizationDetails."""

from __future__ import annotations

from ..harness import Call, Scenario, req

DETAILS = req("iam:GetAccountAuthorizationDetails", "*")

SCENARIOS = [
    Scenario(
        "iamconsole:WhoCanPerform", (DETAILS,),
        console=Call("get", "/analysis/who-can/", {"action": "s3:Get*", "resource": "*"}),
        api=Call("get", "/api/v1/analysis/who-can?action=s3:GetObject&resource=*"),
    ),
    Scenario(
        "iamconsole:WhoCanPerform", (DETAILS,), label="wildcard",
        api=Call("get", "/api/v1/analysis/who-can?action=iam:Create*"),
    ),
    Scenario(
        "iamconsole:GetEscalationPaths", (DETAILS,),
        console=Call("get", "/analysis/escalation/"),
        api=Call("get", "/api/v1/analysis/escalation-paths"),
    ),
    # The panel the dashboard and principals' pages load.
    Scenario(
        "iamconsole:GetEscalationPaths", (DETAILS,), label="panel",
        console=Call("get", "/analysis/findings/"),
    ),
    Scenario(
        "iamconsole:GetAccountGraph", (DETAILS,),
        console=Call("get", "/analysis/graph/"),
        api=Call("get", "/api/v1/analysis/graph?limit=50"),
    ),
    Scenario(
        "iamconsole:GetAccountGraph", (DETAILS,), label="svg",
        console=Call("get", "/analysis/graph.svg"),
    ),
]
