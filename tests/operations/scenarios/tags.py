"""Tags of every taggable kind: List*Tags, Tag* (aws:RequestTag/<key>, aws:TagKeys) and
Untag* (aws:TagKeys) of users, roles, instance profiles, MFA devices, server certificates and
managed policies,
through the console's Manage tags page and the REST API's tags/ endpoints."""

from __future__ import annotations

from ..harness import Call, Scenario, req
from ..world import S3_LIST, SPARE_MFA, arn

ENV = {"aws:RequestTag/env": "prod", "aws:TagKeys": ["env"]}  # tagging env=prod
TEAM = {"aws:TagKeys": ["team"]}  # untagging team

# (AWS's noun, the resource's ARN, its Manage tags page or None, its REST URL, its tags):
# every resource but the spare MFA device is tagged team=... in the world.
KINDS = (
    ("User", arn("user/alice"), "/users/details/alice/tags/", "/api/v1/users/alice/tags/",
     "platform"),
    ("Role", arn("role/web"), "/roles/details/web/tags/", "/api/v1/roles/web/tags/", "web"),
    ("InstanceProfile", arn("instance-profile/web-profile"),
     "/instance-profiles/details/web-profile/tags/",
     "/api/v1/instance-profiles/web-profile/tags/", "web"),
    ("MFADevice", SPARE_MFA, None, "/api/v1/mfa-devices/spare/tags/", None),
    ("ServerCertificate", arn("server-certificate/web-cert"), None,
     "/api/v1/server-certificates/web-cert/tags/", "web"),
    ("Policy", S3_LIST, f"/policies/tags/{S3_LIST}", "/api/v1/policies/{s3_list_id}/tags/",
     "platform"),
)


def _scenarios(noun: str, resource: str, page: str | None, api: str,
               team: str | None) -> list[Scenario]:
    listing = req(f"iam:List{noun}Tags", resource)
    tag = req(f"iam:Tag{noun}", resource, ENV)
    untag = req(f"iam:Untag{noun}", resource, TEAM)
    console = page is not None
    found = [
        Scenario(f"List{noun}Tags", (listing,), api=Call("get", api),
                 console=Call("get", page) if console else None),
        # The page saves the rows as typed: team kept as it is, env added.
        Scenario(f"Tag{noun}", (tag,), api=Call("post", api, {"tags": {"env": "prod"}}),
                 console=Call("post", page, {"tag_key": ["team", "env"],
                                             "tag_value": [team, "prod"], "nav": "save"})
                 if console else None,
                 console_also=(listing,)),
        # The page saves no rows: team removed.
        Scenario(f"Untag{noun}", (untag,), api=Call("delete", api + "?key=team"),
                 console=Call("post", page, {"nav": "save"}) if console else None,
                 console_also=(listing,)),
    ]
    if console:
        # One save removing team and adding env: Untag* and Tag*, all or nothing.
        found.append(Scenario(f"Untag{noun}", (untag, tag), label="and-tag",
                              console=Call("post", page, {"tag_key": ["env"],
                                                          "tag_value": ["prod"],
                                                          "nav": "save"}),
                              console_also=(listing,)))
    return found


SCENARIOS = [scenario for kind in KINDS for scenario in _scenarios(*kind)] + [
    # The user page's Tags tab (the other kinds' tabs run the same code).
    Scenario("ListUserTags", (req("iam:ListUserTags", arn("user/alice")),), label="tab",
             console=Call("get", "/users/details/alice/", {"tab": "tags"}),
             console_also=(req("iam:GetUser", arn("user/alice")),)),
]
