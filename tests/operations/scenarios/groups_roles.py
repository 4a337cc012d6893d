"""Groups, roles and instance profiles: list, create, get, update, delete (alone and with
dependents), memberships, a profile's role, and the pickers of their pages."""

from __future__ import annotations

import json

from ..harness import Call, Scenario, req
from ..world import BOUNDARY, S3_LIST, TRUST, arn

DEVS, OPS = arn("group/devs"), arn("group/ops")
WEB, BATCH, CAROL = arn("role/web"), arn("role/batch"), arn("role/carol")
WEB_PROFILE = arn("instance-profile/web-profile")
BATCH_PROFILE = arn("instance-profile/batch")
SPARE_PROFILE = arn("instance-profile/spare-profile")
ON_WEB = {"iam:PermissionsBoundary": BOUNDARY}  # web has a permissions boundary
TO_EC2 = {"iam:PassedToService": "ec2.amazonaws.com"}
CAROL_TAGS = {"aws:RequestTag/team": "data", "aws:TagKeys": ["team"]}


def on_web(action: str, **context: str) -> object:
    """A requirement on the role web, with its boundary as iam:PermissionsBoundary."""
    return req(action, WEB, {**ON_WEB, **context})


def role_page(tab: str) -> Call:
    return Call("get", "/roles/details/web/", {"tab": tab})


GROUPS = [
    Scenario(
        "ListGroups", (req("iam:ListGroups", "*"),),
        console=Call("get", "/groups/"),
        api=Call("get", "/api/v1/groups/"),
    ),
    Scenario(
        "ListGroups", (req("iam:ListGroups", "*"),), label="picker",
        console=Call("get", "/pickers/groups/", {"groups_q": "de"}),
    ),
    Scenario(
        "CreateGroup", (req("iam:CreateGroup", arn("group/qa")),), label="alone",
        api=Call("post", "/api/v1/groups/", {"name": "qa"}),
    ),
    Scenario(
        "CreateGroup", label="with-members-and-policies",
        requires=(req("iam:CreateGroup", arn("group/qa")),
                  req("iam:AddUserToGroup", arn("group/qa")),
                  req("iam:AttachGroupPolicy", arn("group/qa"), {"iam:PolicyARN": S3_LIST})),
        console=Call("post", "/groups/create/", {"name": "qa", "path": "/", "users": ["bob"],
                                                  "policies": [S3_LIST]}),
        console_also=(req("iam:CreateGroup", arn("group/*")),),  # the page opens for it
    ),
    Scenario(
        "GetGroup", (req("iam:GetGroup", DEVS),),
        console=Call("get", "/groups/details/devs/", {"tab": "users"}),
        api=Call("get", "/api/v1/groups/devs/"),
    ),
    Scenario(
        "GetGroup", (req("iam:GetGroup", DEVS),), label="members",
        api=Call("get", "/api/v1/groups/devs/members/"),
    ),
    Scenario(
        "ListAttachedGroupPolicies", (req("iam:ListAttachedGroupPolicies", DEVS),),
        label="group-page",
        console=Call("get", "/groups/details/devs/", {"tab": "permissions"}),
        console_also=(req("iam:GetGroup", DEVS), req("iam:ListGroupPolicies", DEVS)),
    ),
    Scenario(
        "UpdateGroup", (req("iam:UpdateGroup", OPS), req("iam:UpdateGroup", arn("group/qa"))),
        api=Call("patch", "/api/v1/groups/ops/", {"name": "qa"}),
    ),
    Scenario(
        "DeleteGroup", (req("iam:DeleteGroup", OPS),), label="alone",
        console=Call("post", "/groups/details/ops/delete/", {"confirm": "ops"}),
        api=Call("delete", "/api/v1/groups/ops/"),
    ),
    Scenario(
        "DeleteGroup", (req("iam:DeleteGroup", OPS),), label="bulk",
        console=Call("post", "/groups/delete/", {"names": ["ops"], "confirm": "delete"}),
        console_also=(req("iam:ListGroups", "*"),),
    ),
    Scenario(
        "DeleteGroup", label="with-dependents",
        requires=(
            req("iam:DeleteGroup", DEVS),
            req("iam:RemoveUserFromGroup", DEVS),
            req("iam:DeleteGroupPolicy", DEVS),
            req("iam:DetachGroupPolicy", DEVS, {"iam:PolicyARN": S3_LIST}),
        ),
        console=Call("post", "/groups/details/devs/delete/", {"confirm": "devs"}),
        api=Call("delete", "/api/v1/groups/devs/?with_dependents=true"),
    ),
    Scenario(
        "AddUserToGroup", (req("iam:AddUserToGroup", DEVS),), label="group-page",
        console=Call("post", "/groups/details/devs/users/add/", {"users": ["bob"]}),
        api=Call("post", "/api/v1/groups/devs/members/", {"user_name": "bob"}),
        console_also=(req("iam:GetGroup", DEVS),),
    ),
    Scenario(
        "RemoveUserFromGroup", (req("iam:RemoveUserFromGroup", DEVS),), label="group-page",
        console=Call("post", "/groups/details/devs/users/remove/", {"user": "alice"}),
        api=Call("delete", "/api/v1/groups/devs/members/alice/"),
    ),
]

ROLES = [
    Scenario(
        "ListRoles", (req("iam:ListRoles", "*"),),
        console=Call("get", "/roles/"),
        api=Call("get", "/api/v1/roles/"),
    ),
    Scenario(
        "ListRoles", (req("iam:ListRoles", "*"),), label="name-check",
        console=Call("get", "/roles/create/check-name/", {"name": "carol"}),
    ),
    Scenario(
        "CreateRole", label="with-tags-and-boundary",
        requires=(req("iam:CreateRole", CAROL,
                      {**CAROL_TAGS, "iam:PermissionsBoundary": BOUNDARY}),
                  req("iam:TagRole", CAROL, CAROL_TAGS),
                  req("iam:PutRolePermissionsBoundary", CAROL,
                      {"iam:PermissionsBoundary": BOUNDARY})),
        api=Call("post", "/api/v1/roles/", {"name": "carol", "trust_policy": TRUST,
                                             "tags": {"team": "data"},
                                             "permissions_boundary": BOUNDARY}),
    ),
    Scenario(
        "CreateRole", label="wizard-for-ec2",
        requires=(req("iam:CreateRole", CAROL,
                      {**CAROL_TAGS, "iam:PermissionsBoundary": BOUNDARY}),
                  req("iam:TagRole", CAROL, CAROL_TAGS),
                  req("iam:PutRolePermissionsBoundary", CAROL,
                      {"iam:PermissionsBoundary": BOUNDARY}),
                  req("iam:AttachRolePolicy", CAROL,
                      {"iam:PolicyARN": S3_LIST, "iam:PermissionsBoundary": BOUNDARY}),
                  req("iam:CreateInstanceProfile", arn("instance-profile/carol")),
                  req("iam:AddRoleToInstanceProfile", arn("instance-profile/carol")),
                  req("iam:PassRole", CAROL, TO_EC2)),
        console=Call("post", "/roles/create/", {
            "step": "3", "nav": "create", "entity_type": "aws_service", "use_case": "ec2",
            "policies": [S3_LIST], "boundary": BOUNDARY, "name": "carol", "path": "/",
            "description": "", "max_session_hours": "1", "tag_key": ["team"],
            "tag_value": ["data"]}),
        console_also=(req("iam:CreateRole", arn("role/*")),),
    ),
    Scenario(
        "GetRole", (on_web("iam:GetRole"),),
        console=role_page("trust"),
        api=Call("get", "/api/v1/roles/web/"),
    ),
    Scenario(
        "GetRole", (on_web("iam:GetRole"),), label="trust-policy",
        api=Call("get", "/api/v1/roles/web/trust-policy/"),
    ),
    Scenario(
        "ListAttachedRolePolicies", (on_web("iam:ListAttachedRolePolicies"),),
        label="role-page", console=role_page("permissions"),
        console_also=(on_web("iam:GetRole"), on_web("iam:ListRolePolicies")),
    ),
    Scenario(
        "ListRoleTags", (on_web("iam:ListRoleTags"),), label="role-page",
        console=role_page("tags"), console_also=(on_web("iam:GetRole"),),
    ),
    Scenario(
        "UpdateRole", (on_web("iam:UpdateRole"),),
        console=Call("post", "/roles/details/web/edit/", {"description": "Web tier",
                                                          "max_session_duration": "3600"}),
        api=Call("patch", "/api/v1/roles/web/", {"description": "Web tier"}),
        console_also=(on_web("iam:GetRole"),),
    ),
    Scenario(
        "UpdateAssumeRolePolicy", (on_web("iam:UpdateAssumeRolePolicy"),),
        console=Call("post", "/roles/details/web/trust/edit/",
                     {"trust_policy": json.dumps(TRUST, indent=2)}),
        api=Call("put", "/api/v1/roles/web/trust-policy/", {"policy_document": TRUST}),
        console_also=(on_web("iam:GetRole"),),
    ),
    Scenario(
        "ListInstanceProfilesForRole", (on_web("iam:ListInstanceProfilesForRole"),),
        console=role_page("instance_profiles"),
        api=Call("get", "/api/v1/roles/web/instance-profiles/"),
        console_also=(on_web("iam:GetRole"),),
    ),
    Scenario(
        "DeleteRole", label="with-dependents",
        requires=(
            on_web("iam:DeleteRole"),
            req("iam:RemoveRoleFromInstanceProfile", WEB_PROFILE),
            on_web("iam:DeleteRolePolicy"),
            on_web("iam:DetachRolePolicy", **{"iam:PolicyARN": S3_LIST}),
        ),
        console=Call("post", "/roles/details/web/delete/", {"confirm": "web"}),
        api=Call("delete", "/api/v1/roles/web/?with_dependents=true"),
    ),
    Scenario(
        "DeleteRole", label="with-the-profile-created-with-it",
        requires=(
            req("iam:DeleteRole", BATCH),
            req("iam:RemoveRoleFromInstanceProfile", BATCH_PROFILE),
            req("iam:DeleteInstanceProfile", BATCH_PROFILE),
        ),
        console=Call("post", "/roles/delete/", {"names": ["batch"], "confirm": "delete"}),
        api=Call("delete", "/api/v1/roles/batch/?with_dependents=true"),
        console_also=(req("iam:ListRoles", "*"),),
    ),
]

INSTANCE_PROFILES = [
    Scenario(
        "ListInstanceProfiles", (req("iam:ListInstanceProfiles", "*"),),
        console=Call("get", "/instance-profiles/"),
        api=Call("get", "/api/v1/instance-profiles/"),
    ),
    Scenario(
        "CreateInstanceProfile", label="with-tags-and-role",
        requires=(req("iam:CreateInstanceProfile", arn("instance-profile/carol"), CAROL_TAGS),
                  req("iam:TagInstanceProfile", arn("instance-profile/carol"), CAROL_TAGS),
                  req("iam:AddRoleToInstanceProfile", arn("instance-profile/carol")),
                  req("iam:PassRole", BATCH, TO_EC2)),
        api=Call("post", "/api/v1/instance-profiles/", {"name": "carol", "tags": {"team": "data"},
                                                         "role_name": "batch"}),
    ),
    Scenario(
        "CreateInstanceProfile", label="with-role",
        requires=(req("iam:CreateInstanceProfile", arn("instance-profile/carol")),
                  req("iam:AddRoleToInstanceProfile", arn("instance-profile/carol")),
                  req("iam:PassRole", BATCH, TO_EC2)),
        console=Call("post", "/instance-profiles/create/", {"name": "carol", "path": "/",
                                                            "role": "batch"}),
        console_also=(req("iam:CreateInstanceProfile", arn("instance-profile/*")),),
    ),
    Scenario(
        "GetInstanceProfile", (req("iam:GetInstanceProfile", WEB_PROFILE),),
        console=Call("get", "/instance-profiles/details/web-profile/"),
        api=Call("get", "/api/v1/instance-profiles/web-profile/"),
        # The page's tags section shows AWS's denial when the tags may not be listed.
        console_optional=(req("iam:ListInstanceProfileTags", WEB_PROFILE),),
    ),
    Scenario(
        "GetInstanceProfile", (req("iam:GetInstanceProfile", WEB_PROFILE),), label="roles",
        api=Call("get", "/api/v1/instance-profiles/web-profile/roles/"),
    ),
    Scenario(
        "AddRoleToInstanceProfile",
        (req("iam:AddRoleToInstanceProfile", SPARE_PROFILE), req("iam:PassRole", WEB, TO_EC2)),
        console=Call("post", "/instance-profiles/details/spare-profile/role/add/",
                     {"role": "web"}),
        api=Call("post", "/api/v1/instance-profiles/spare-profile/roles/", {"role_name": "web"}),
    ),
    Scenario(
        "AddRoleToInstanceProfile", label="role-page",
        requires=(req("iam:AddRoleToInstanceProfile", SPARE_PROFILE),
                  req("iam:PassRole", WEB, TO_EC2)),
        console=Call("post", "/roles/details/web/instance-profiles/add/",
                     {"instance_profile": "spare-profile"}),
    ),
    Scenario(
        "RemoveRoleFromInstanceProfile", (req("iam:RemoveRoleFromInstanceProfile", WEB_PROFILE),),
        console=Call("post", "/instance-profiles/details/web-profile/role/remove/"),
        api=Call("delete", "/api/v1/instance-profiles/web-profile/roles/web/"),
        console_also=(req("iam:GetInstanceProfile", WEB_PROFILE),),
    ),
    Scenario(
        "RemoveRoleFromInstanceProfile", (req("iam:RemoveRoleFromInstanceProfile", WEB_PROFILE),),
        label="role-page",
        console=Call("post", "/roles/details/web/instance-profiles/remove/",
                     {"instance_profile": "web-profile"}),
    ),
    Scenario(
        "DeleteInstanceProfile", (req("iam:DeleteInstanceProfile", SPARE_PROFILE),),
        label="alone",
        console=Call("post", "/instance-profiles/details/spare-profile/delete/",
                     {"confirm": "spare-profile"}),
        api=Call("delete", "/api/v1/instance-profiles/spare-profile/"),
    ),
    Scenario(
        "DeleteInstanceProfile", label="with-its-role-taken-out",
        requires=(req("iam:DeleteInstanceProfile", WEB_PROFILE),
                  req("iam:RemoveRoleFromInstanceProfile", WEB_PROFILE)),
        console=Call("post", "/instance-profiles/details/web-profile/delete/",
                     {"confirm": "web-profile"}),
        api=Call("delete", "/api/v1/instance-profiles/web-profile/?with_dependents=true"),
    ),
]

PICKERS = [
    Scenario(
        "ListPolicies", (req("iam:ListPolicies", "*"),), label="picker",
        console=Call("get", "/pickers/policies/", {"policies_q": "s3"}),
    ),
    Scenario(
        "ListUsers", (req("iam:ListUsers", "*"),), label="picker",
        console=Call("get", "/pickers/users/", {"users_q": "b"}),
    ),
]

SCENARIOS = [*GROUPS, *ROLES, *INSTANCE_PROFILES, *PICKERS]
