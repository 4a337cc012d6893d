"""An authorization-details document with many users, as this console exports an account.

Shared by `bench_import` and the import tests: `many_users_document(3000)` is what a
school's or a company's account looks like when it is moved here (users in groups, with
tags, attached and inline policies, some with a boundary, and the x-console block with
their login profiles and access-key metadata).
"""

from __future__ import annotations

import json
from typing import Any

SOURCE_ACCOUNT = "444455556666"
CREATED = "2021-03-02T21:06:13+00:00"
GROUPS = 10
POLICIES = 5
READ = {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def _arn(kind: str, path: str, name: str) -> str:
    return f"arn:aws:iam::{SOURCE_ACCOUNT}:{kind}{path}{name}"


def _policy(index: int) -> dict[str, Any]:
    name = f"Team{index}Read"
    return {
        "PolicyName": name, "PolicyId": f"ANPAEXAMPLE{index:09d}", "Path": "/teams/",
        "Arn": _arn("policy", "/teams/", name), "DefaultVersionId": "v1",
        "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
        "CreateDate": CREATED, "UpdateDate": CREATED,
        "PolicyVersionList": [{"Document": json.dumps(READ), "VersionId": "v1",
                               "IsDefaultVersion": True, "CreateDate": CREATED}],
    }


def _group(index: int) -> dict[str, Any]:
    name = f"Class{index}"
    return {
        "Path": "/classes/", "GroupName": name, "GroupId": f"AGPAEXAMPLE{index:09d}",
        "Arn": _arn("group", "/classes/", name), "CreateDate": CREATED,
        "GroupPolicyList": [],
        "AttachedManagedPolicies": [{"PolicyName": f"Team{index % POLICIES}Read",
                                     "PolicyArn": _arn("policy", "/teams/",
                                                       f"Team{index % POLICIES}Read")}],
    }


def _user(index: int) -> dict[str, Any]:
    name = f"student{index:05d}"
    policy = f"Team{index % POLICIES}Read"
    user: dict[str, Any] = {
        "Path": "/students/", "UserName": name, "UserId": f"AIDAEXAMPLE{index:09d}",
        "Arn": _arn("user", "/students/", name), "CreateDate": CREATED,
        "UserPolicyList": [], "GroupList": [f"Class{index % GROUPS}"],
        "AttachedManagedPolicies": [{"PolicyName": policy,
                                     "PolicyArn": _arn("policy", "/teams/", policy)}],
        "Tags": [{"Key": "cohort", "Value": str(2020 + index % 5)},
                 {"Key": "number", "Value": str(index)}],
    }
    if index % 10 == 0:
        user["UserPolicyList"] = [{"PolicyName": "own-prefix", "PolicyDocument": json.dumps(
            {**READ, "Statement": [{**READ["Statement"][0],
                                    "Resource": f"arn:aws:s3:::work/{name}/*"}]})}]
    if index % 4 == 0:
        user["PermissionsBoundary"] = {
            "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
            "PermissionsBoundaryArn": _arn("policy", "/teams/", "Team0Read")}
    return user


def _credentials(index: int) -> dict[str, Any]:
    return {
        "UserName": f"student{index:05d}", "PasswordLastUsed": None,
        "LoginProfile": {"CreateDate": CREATED, "PasswordResetRequired": True},
        "MFADevices": [],
        "AccessKeys": [{"AccessKeyId": f"AKIAEXAMPLE{index:09d}", "Status": "Active",
                        "CreateDate": CREATED, "LastUsedDate": None, "ServiceName": None,
                        "Region": None}] if index % 2 == 0 else [],
    }


def many_users_document(users: int) -> dict[str, Any]:
    """An export of an account with `users` users in 10 groups and 5 customer policies."""
    return {
        "UserDetailList": [_user(i) for i in range(users)],
        "GroupDetailList": [_group(i) for i in range(GROUPS)],
        "RoleDetailList": [],
        "Policies": [_policy(i) for i in range(POLICIES)],
        "IsTruncated": False,
        "x-console": {"Version": 1, "AccountId": SOURCE_ACCOUNT,
                      "Users": [_credentials(i) for i in range(users)]},
    }
