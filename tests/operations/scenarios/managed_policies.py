"""Managed policies: list, create, get, delete (alone, with dependents, several at once), who
uses them, their versions, and attaching and detaching from the policy's page."""

from __future__ import annotations

import json

from ..harness import Call, Scenario, req
from ..world import BOUNDARY, DOCUMENT, S3_LIST, UNUSED, arn

# The REST API names policies by ID, known once the world is built.
API = "/api/v1/policies/"
S3_API, BOUNDARY_API, UNUSED_API = (API + "{s3_list_id}/", API + "{boundary_id}/",
                                    API + "{unused_id}/")
TEXT = json.dumps(DOCUMENT, indent=4)
ALICE, DEVS, WEB = arn("user/alice"), arn("group/devs"), arn("role/web")
BOUNDED = {"iam:PermissionsBoundary": BOUNDARY}  # alice's and web's boundary
NEW = arn("policy/reports")
NEW_TAGS = {"aws:RequestTag/team": "data", "aws:TagKeys": ["team"]}
# Deleting the boundary removes it from alice and web first.
UNBOUNDING = (req("iam:DeleteUserPermissionsBoundary", ALICE, BOUNDED),
              req("iam:DeleteRolePermissionsBoundary", WEB, BOUNDED))


def on_s3(action: str) -> object:
    """A requirement on the s3-list policy."""
    return req(action, S3_LIST)


def detail(policy: str, **query: str) -> Call:
    """The policy's page (a tab of it)."""
    return Call("get", f"/policies/details/{policy}", query)


def tab_read(operation: str, tab: str, endpoint: str) -> Scenario:
    """A read of s3-list shown on a tab of its page (which runs GetPolicy too) and answered by
    an endpoint under it."""
    return Scenario(operation, (on_s3(f"iam:{operation}"),), console=detail(S3_LIST, tab=tab),
                    api=Call("get", S3_API + endpoint), console_also=(on_s3("iam:GetPolicy"),))


SCENARIOS = [
    Scenario(
        "ListPolicies", (req("iam:ListPolicies", "*"),),
        console=Call("get", "/policies/"),
        api=Call("get", API + "?scope=Local&only_attached=true"),
    ),
    Scenario(
        "CreatePolicy",
        (req("iam:CreatePolicy", NEW, NEW_TAGS), req("iam:TagPolicy", NEW, NEW_TAGS)),
        console=Call("post", "/policies/create/", {
            "policy_document": TEXT, "action": "create", "name": "reports",
            "tag_key": ["team"], "tag_value": ["data"]}),
        api=Call("post", API, {"name": "reports", "policy_document": DOCUMENT,
                               "tags": {"team": "data"}}),
        # Every step of the console's create flow is authorized on the account's policies.
        console_also=(req("iam:CreatePolicy", arn("policy/*")),),
    ),
    Scenario(
        "GetPolicy", (on_s3("iam:GetPolicy"),),
        console=detail(S3_LIST, tab="permissions"),
        api=Call("get", S3_API),
        console_also=(on_s3("iam:GetPolicyVersion"),),
    ),
    tab_read("ListEntitiesForPolicy", "entities", "entities/"),
    Scenario(
        "DeletePolicy", (req("iam:DeletePolicy", UNUSED),), label="alone",
        console=Call("post", f"/policies/delete/{UNUSED}", {"confirm": "unused"}),
        api=Call("delete", UNUSED_API),
    ),
    Scenario(
        "DeletePolicy", label="attached-with-versions",
        requires=(
            on_s3("iam:DeletePolicy"),
            req("iam:DetachUserPolicy", ALICE, {**BOUNDED, "iam:PolicyARN": S3_LIST}),
            req("iam:DetachGroupPolicy", DEVS, {"iam:PolicyARN": S3_LIST}),
            req("iam:DetachRolePolicy", WEB, {**BOUNDED, "iam:PolicyARN": S3_LIST}),
            on_s3("iam:DeletePolicyVersion"),
        ),
        console=Call("post", f"/policies/delete/{S3_LIST}", {"confirm": "s3-list"}),
        api=Call("delete", S3_API + "?with_dependents=true"),
    ),
    Scenario(
        "DeletePolicy", label="a-boundary",
        requires=(req("iam:DeletePolicy", BOUNDARY), *UNBOUNDING),
        console=Call("post", f"/policies/delete/{BOUNDARY}", {"confirm": "boundary"}),
        api=Call("delete", BOUNDARY_API + "?with_dependents=true"),
    ),
    Scenario(
        "DeletePolicy", label="several",
        requires=(req("iam:DeletePolicy", UNUSED), req("iam:DeletePolicy", BOUNDARY),
                  *UNBOUNDING),
        console=Call("post", "/policies/delete/", {"arn": [UNUSED, BOUNDARY],
                                                   "confirm": "delete"}),
    ),
    tab_read("ListPolicyVersions", "versions", "versions/"),
    Scenario(
        "GetPolicyVersion", (on_s3("iam:GetPolicyVersion"),),
        console=Call("get", f"/policies/summary/{S3_LIST}", {"service": "s3",
                                                             "version": "v2"}),
        api=Call("get", S3_API + "versions/v2/"),
    ),
    Scenario(
        "CreatePolicyVersion", (on_s3("iam:CreatePolicyVersion"),),
        console=Call("post", f"/policies/edit/{S3_LIST}", {"policy_document": TEXT,
                                                           "set_as_default": "on"}),
        api=Call("post", S3_API + "versions/", {"policy_document": DOCUMENT,
                                                "set_as_default": True}),
        console_also=(on_s3("iam:ListPolicyVersions"),),
    ),
    Scenario(
        "CreatePolicyVersion", label="deleting-one",
        requires=(on_s3("iam:DeletePolicyVersion"), on_s3("iam:CreatePolicyVersion")),
        console=Call("post", f"/policies/edit/{S3_LIST}", {"policy_document": TEXT,
                                                           "delete_version": "v2"}),
        console_also=(on_s3("iam:ListPolicyVersions"),),
    ),
    Scenario(
        "DeletePolicyVersion", (on_s3("iam:DeletePolicyVersion"),),
        console=Call("post", f"/policies/versions/delete/{S3_LIST}", {"version_id": "v2"}),
        api=Call("delete", S3_API + "versions/v2/"),
    ),
    Scenario(
        "SetDefaultPolicyVersion", (on_s3("iam:SetDefaultPolicyVersion"),),
        console=Call("post", f"/policies/versions/set-default/{S3_LIST}", {"version_id": "v2"}),
        api=Call("patch", S3_API, {"default_version_id": "v2"}),
    ),
    Scenario(
        "AttachUserPolicy", label="from-the-policy",
        requires=(
            req("iam:AttachUserPolicy", arn("user/bob"), {"iam:PolicyARN": UNUSED}),
            req("iam:AttachGroupPolicy", arn("group/ops"), {"iam:PolicyARN": UNUSED}),
            req("iam:AttachRolePolicy", WEB, {**BOUNDED, "iam:PolicyARN": UNUSED}),
        ),
        console=Call("post", f"/policies/attach/{UNUSED}", {
            "entity": ["user:bob", "group:ops", "role:web"]}),
        console_also=(req("iam:GetPolicy", UNUSED), req("iam:ListUsers", "*"),
                      req("iam:ListGroups", "*"), req("iam:ListRoles", "*")),
    ),
    Scenario(
        "ListRoles", (req("iam:ListRoles", "*"),), label="to-attach-a-policy",
        console=Call("get", f"/policies/attach/{UNUSED}"),
        console_also=(req("iam:GetPolicy", UNUSED), req("iam:ListUsers", "*"),
                      req("iam:ListGroups", "*")),
    ),
    Scenario(
        "DetachRolePolicy", label="from-the-policy",
        requires=(req("iam:DetachRolePolicy", WEB, {**BOUNDED, "iam:PolicyARN": S3_LIST}),),
        console=Call("post", f"/policies/detach/{S3_LIST}", {"entity": "role:web"}),
        console_also=(on_s3("iam:GetPolicy"),),
    ),
]
