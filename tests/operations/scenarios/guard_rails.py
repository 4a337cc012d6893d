"""Guard rails (the console's own operations): iam:SimulatePrincipalPolicy on the rail's
subject (on * to list and check them all), and for the writes our own iamconsole:<Name>."""

from __future__ import annotations

from ..harness import Call, Scenario, req
from ..world import arn

BOB = arn("user/bob")
SIMULATE_BOB = req("iam:SimulatePrincipalPolicy", BOB)
SIMULATE_ANY = req("iam:SimulatePrincipalPolicy", "*")


def own(name: str, resource: str = BOB):
    return req(f"iamconsole:{name}", resource)


RAIL = {"name": "bob-reads", "subject": BOB, "action": "s3:GetObject",
        "expected": "denied", "mode": "warn"}
API = "/api/v1/guard-rails/"

SCENARIOS = [
    Scenario("iamconsole:CreateGuardRail", (SIMULATE_BOB, own("CreateGuardRail")),
             console=Call("post", "/guard-rails/", RAIL), api=Call("post", API, RAIL)),
    Scenario("iamconsole:GetGuardRail", (SIMULATE_BOB,),
             api=Call("get", API + "{rail_id}/")),
    Scenario("iamconsole:ListGuardRails", (SIMULATE_ANY,),
             console=Call("get", "/guard-rails/"), api=Call("get", API)),
    Scenario("iamconsole:UpdateGuardRail", (SIMULATE_BOB, own("UpdateGuardRail")),
             console=Call("post", "/guard-rails/{rail_id}/mode/", {"mode": "block"}),
             api=Call("patch", API + "{rail_id}/", {"mode": "block"})),
    Scenario("iamconsole:DeleteGuardRail", (SIMULATE_BOB, own("DeleteGuardRail")),
             console=Call("post", "/guard-rails/{rail_id}/delete/"),
             api=Call("delete", API + "{rail_id}/")),
    Scenario("iamconsole:CheckGuardRails", (SIMULATE_ANY, own("CheckGuardRails", "*")),
             console=Call("post", "/guard-rails/check/"), api=Call("post", API + "check/")),
]
