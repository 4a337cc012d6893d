"""The policies of users, groups and roles: managed-policy attachments, inline policies and
permissions boundaries, through the shared permission pages and the REST API of each kind.

alice and the role web have a permissions boundary, so their operations carry it as
iam:PermissionsBoundary where the service reference lists the key; attach and detach carry
the policy as iam:PolicyARN.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..harness import Call, Req, Scenario, req
from ..world import BOUNDARY, DOCUMENT, S3_LIST, arn

READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
TEXT = json.dumps(DOCUMENT, indent=4)


@dataclass(frozen=True)
class Holder:
    """A user, group or role of the world, with what its operations are authorized with."""

    noun: str  # User, Group, Role
    plural: str  # users, groups, roles (the console's and the API's path)
    name: str
    inline: str  # the name of its inline policy
    boundary: str | None = None

    @property
    def arn(self) -> str:
        return arn(f"{self.noun.lower()}/{self.name}")

    @property
    def page(self) -> str:
        return f"/{self.plural}/details/{self.name}/"

    @property
    def api(self) -> str:
        return f"/api/v1/{self.plural}/{self.name}/"

    def on(self, pattern: str, **context: Any) -> Req:
        """This holder's action ("Attach{}Policy"), with its boundary as
        iam:PermissionsBoundary unless `context` sets it."""
        current = {"iam:PermissionsBoundary": self.boundary} if self.boundary else {}
        return req("iam:" + pattern.format(self.noun), self.arn, {**current, **context})


ALICE = Holder("User", "users", "alice", "alice-inline", BOUNDARY)
DEVS = Holder("Group", "groups", "devs", "devs-inline")
WEB = Holder("Role", "roles", "web", "web-inline", BOUNDARY)


def _attachments(h: Holder) -> list[Scenario]:
    listing = h.on("ListAttached{}Policies")
    return [
        Scenario(
            f"ListAttached{h.noun}Policies", (listing,), label="attach-page",
            console=Call("get", h.page + "policies/attach/"),
            api=Call("get", h.api + "attached-policies/"),
        ),
        Scenario(
            f"Attach{h.noun}Policy", (h.on("Attach{}Policy", **{"iam:PolicyARN": BOUNDARY}),),
            console=Call("post", h.page + "policies/attach/", {"policies": [BOUNDARY]}),
            api=Call("post", h.api + "attached-policies/", {"policy_arn": BOUNDARY}),
            console_also=(listing,),
        ),
        # Several policies from one form: all of them or none.
        Scenario(
            f"Attach{h.noun}Policy", label="several",
            requires=(h.on("Attach{}Policy", **{"iam:PolicyARN": BOUNDARY}),
                      h.on("Attach{}Policy", **{"iam:PolicyARN": READ_ONLY})),
            console=Call("post", h.page + "policies/attach/",
                         {"policies": [BOUNDARY, READ_ONLY]}),
            console_also=(listing,),
        ),
        Scenario(
            f"Detach{h.noun}Policy", (h.on("Detach{}Policy", **{"iam:PolicyARN": S3_LIST}),),
            console=Call("post", h.page + "policies/detach/", {"policy_arn": S3_LIST}),
            api=Call("delete", h.api + "attached-policies/{s3_list_id}/"),
        ),
    ]


def _inline(h: Holder) -> list[Scenario]:
    listing, getting = h.on("List{}Policies"), h.on("Get{}Policy")
    one = f"inline-policies/{h.inline}/"
    return [
        Scenario(
            f"List{h.noun}Policies", (listing,), label="create-page",
            console=Call("get", h.page + "inline-policies/create/"),
            api=Call("get", h.api + "inline-policies/"),
        ),
        Scenario(
            f"Get{h.noun}Policy", (getting,),
            console=Call("get", h.page + one + "edit/"),
            api=Call("get", h.api + one),
        ),
        Scenario(
            f"Put{h.noun}Policy", (h.on("Put{}Policy"),), label="create",
            console=Call("post", h.page + "inline-policies/create/",
                         {"policy_name": "new-inline", "policy_document": TEXT}),
            api=Call("put", h.api + "inline-policies/new-inline/", {"policy_document": DOCUMENT}),
            console_also=(listing,),
        ),
        Scenario(
            f"Put{h.noun}Policy", (h.on("Put{}Policy"),), label="replace",
            console=Call("post", h.page + one + "edit/",
                         {"policy_name": h.inline, "policy_document": TEXT}),
            api=Call("put", h.api + one, {"policy_document": DOCUMENT}),
            console_also=(getting,),
        ),
        Scenario(
            f"Delete{h.noun}Policy", (h.on("Delete{}Policy"),),
            console=Call("post", h.page + one + "delete/"),
            api=Call("delete", h.api + one),
        ),
    ]


def _boundary(h: Holder) -> list[Scenario]:
    getting = h.on("Get{}")
    return [
        Scenario(
            f"Get{h.noun}", (getting,), label="boundary",
            console=Call("get", h.page + "boundary/"),
            api=Call("get", h.api + "permissions-boundary/"),
        ),
        # Authorized with the boundary put, not the one replaced.
        Scenario(
            f"Put{h.noun}PermissionsBoundary",
            (h.on("Put{}PermissionsBoundary", **{"iam:PermissionsBoundary": S3_LIST}),),
            console=Call("post", h.page + "boundary/", {"boundary": S3_LIST}),
            api=Call("put", h.api + "permissions-boundary/", {"policy_arn": S3_LIST}),
            console_also=(getting,),
        ),
        Scenario(
            f"Delete{h.noun}PermissionsBoundary", (h.on("Delete{}PermissionsBoundary"),),
            console=Call("post", h.page + "boundary/remove/"),
            api=Call("delete", h.api + "permissions-boundary/"),
        ),
    ]


SCENARIOS = [
    *(s for h in (ALICE, DEVS, WEB) for s in (*_attachments(h), *_inline(h))),
    *(s for h in (ALICE, WEB) for s in _boundary(h)),
]
