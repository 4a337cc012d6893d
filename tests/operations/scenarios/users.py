"""Users: list, create, get, rename, delete (alone and with dependents), groups of a user."""

from __future__ import annotations

from ..harness import Call, Scenario, req
from ..world import (
    ALICE_MFA,
    BOUNDARY,
    CODECOMMIT,
    S3_LIST,
    SPARE_MFA,
    arn,
)

ALICE = arn("user/alice")
BOB = arn("user/bob")
ON_ALICE = {"iam:PermissionsBoundary": BOUNDARY}  # alice has a permissions boundary


def on_alice(action: str, **context: str) -> object:
    """A requirement on alice, with her boundary as iam:PermissionsBoundary."""
    return req(action, ALICE, {**ON_ALICE, **context})


CAROL_TAGS = {"aws:RequestTag/team": "data", "aws:TagKeys": ["team"]}

SCENARIOS = [
    Scenario(
        "ListUsers", (req("iam:ListUsers", "*"),),
        console=Call("get", "/users/"),
        api=Call("get", "/api/v1/users/"),
    ),
    Scenario(
        "CreateUser",
        (req("iam:CreateUser", arn("user/carol"),
             {**CAROL_TAGS, "iam:PermissionsBoundary": BOUNDARY}),
         req("iam:TagUser", arn("user/carol"), CAROL_TAGS),
         req("iam:PutUserPermissionsBoundary", arn("user/carol"),
             {"iam:PermissionsBoundary": BOUNDARY})),
        api=Call("post", "/api/v1/users/", {"name": "carol", "tags": {"team": "data"},
                                             "permissions_boundary": BOUNDARY}),
    ),
    Scenario(
        "GetUser", (on_alice("iam:GetUser"),),
        console=Call("get", "/users/details/alice/", {"tab": "groups"}),
        api=Call("get", "/api/v1/users/alice/"),
        console_also=(on_alice("iam:ListGroupsForUser"),),
    ),
    Scenario(
        "UpdateUser", (req("iam:UpdateUser", BOB), req("iam:UpdateUser", arn("user/robert"))),
        api=Call("patch", "/api/v1/users/bob/", {"name": "robert"}),
    ),
    Scenario(
        "DeleteUser", (req("iam:DeleteUser", BOB),), label="alone",
        console=Call("post", "/users/details/bob/delete/", {"confirm": "bob"}),
        api=Call("delete", "/api/v1/users/bob/"),
    ),
    Scenario(
        "DeleteUser", label="with-dependents",
        requires=(
            on_alice("iam:DeleteUser"),
            on_alice("iam:DeleteLoginProfile"),
            on_alice("iam:DeleteAccessKey"),
            on_alice("iam:DeleteSigningCertificate"),
            on_alice("iam:DeleteSSHPublicKey"),
            on_alice("iam:DeleteServiceSpecificCredential",
                     **{"iam:ServiceSpecificCredentialServiceName": CODECOMMIT}),
            on_alice("iam:DeactivateMFADevice"),
            req("iam:DeleteVirtualMFADevice", ALICE_MFA),
            on_alice("iam:DeleteUserPolicy"),
            on_alice("iam:DetachUserPolicy", **{"iam:PolicyARN": S3_LIST}),
            req("iam:RemoveUserFromGroup", arn("group/devs")),
        ),
        console=Call("post", "/users/details/alice/delete/", {"confirm": "alice"}),
        api=Call("delete", "/api/v1/users/alice/?with_dependents=true"),
    ),
    Scenario(
        "ListGroupsForUser", (on_alice("iam:ListGroupsForUser"),),
        console=Call("get", "/users/details/alice/", {"tab": "groups"}),
        api=Call("get", "/api/v1/users/alice/groups/"),
        console_also=(on_alice("iam:GetUser"),),
    ),
    Scenario(
        "AddUserToGroup", (req("iam:AddUserToGroup", arn("group/devs")),),
        console=Call("post", "/users/details/bob/groups/add/", {"groups": ["devs"]}),
        console_also=(req("iam:ListGroupsForUser", BOB),),
    ),
    Scenario(
        "RemoveUserFromGroup", (req("iam:RemoveUserFromGroup", arn("group/devs")),),
        console=Call("post", "/users/details/alice/groups/remove/", {"group": "devs"}),
    ),
    Scenario(
        "ListAttachedUserPolicies", (on_alice("iam:ListAttachedUserPolicies"),),
        console=Call("get", "/users/details/alice/", {"tab": "permissions"}),
        console_also=(on_alice("iam:GetUser"), on_alice("iam:ListUserPolicies"),
                      on_alice("iam:ListGroupsForUser")),
    ),
    Scenario(
        "ListUserPolicies", (on_alice("iam:ListUserPolicies"),),
        console=Call("get", "/users/details/alice/", {"tab": "permissions"}),
        console_also=(on_alice("iam:GetUser"), on_alice("iam:ListAttachedUserPolicies"),
                      on_alice("iam:ListGroupsForUser")),
    ),
]
_ = SPARE_MFA

_CREATE_FORM = {
    "step": "4", "nav": "create", "name": "carol", "path": "/", "console_access": "on",
    "password_type": "custom", "custom_password": "Another-Passw0rd!",
    "permission_option": "groups", "groups": ["devs"], "boundary": BOUNDARY,
    "tag_key": ["team"], "tag_value": ["data"],
}
CAROL = arn("user/carol")
SCENARIOS += [
    Scenario(
        "CreateUser", label="console-flow",
        requires=(
            req("iam:CreateUser", CAROL, {**CAROL_TAGS, "iam:PermissionsBoundary": BOUNDARY}),
            req("iam:TagUser", CAROL, CAROL_TAGS),
            req("iam:PutUserPermissionsBoundary", CAROL, {"iam:PermissionsBoundary": BOUNDARY}),
            req("iam:CreateLoginProfile", CAROL),
            req("iam:AddUserToGroup", arn("group/devs")),
        ),
        console=Call("post", "/users/create/", _CREATE_FORM),
        console_also=(req("iam:CreateUser", arn("user/*")),),
    ),
]

_COPY_FORM = {
    "step": "4", "nav": "create", "name": "carol", "path": "/",
    "permission_option": "copy", "copy_from": "alice",
}
SCENARIOS += [
    Scenario(
        "CreateUser", label="copy-permissions",
        requires=(
            req("iam:CreateUser", CAROL, {"iam:PermissionsBoundary": BOUNDARY}),
            req("iam:PutUserPermissionsBoundary", CAROL, {"iam:PermissionsBoundary": BOUNDARY}),
            req("iam:AddUserToGroup", arn("group/devs")),
            # carol has the copied boundary by then: AWS sets it on the attach.
            req("iam:AttachUserPolicy", CAROL,
                {"iam:PolicyARN": S3_LIST, "iam:PermissionsBoundary": BOUNDARY}),
            on_alice("iam:ListGroupsForUser"),
            on_alice("iam:ListAttachedUserPolicies"),
        ),
        console=Call("post", "/users/create/", _COPY_FORM),
        console_also=(req("iam:CreateUser", arn("user/*")),),
    ),
]
