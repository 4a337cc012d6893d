"""The import of authorization details as a door: the operations a file implies, such as
CreateServiceLinkedRole for a service-linked role (which no other door offers)."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from ..harness import Call, Scenario, req
from ..world import arn

SERVICE = "autoscaling.amazonaws.com"
ROLE_PATH = f"/aws-service-role/{SERVICE}/"
ROLE_NAME = "AWSServiceRoleForAutoScaling"
TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": SERVICE}, "Action": "sts:AssumeRole"}]}
FILE = {
    "UserDetailList": [], "GroupDetailList": [], "Policies": [],
    "RoleDetailList": [{
        "Path": ROLE_PATH, "RoleName": ROLE_NAME, "RoleId": "AROAWORLDSERVICEROLE1",
        "Arn": arn(f"role{ROLE_PATH}{ROLE_NAME}"), "CreateDate": "2024-01-02T03:04:05Z",
        "AssumeRolePolicyDocument": TRUST, "InstanceProfileList": [],
        "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [],
    }],
}


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("slr.json", json.dumps(FILE).encode(), "application/json")


SCENARIOS = [
    Scenario(
        "CreateServiceLinkedRole",
        (req("iam:CreateServiceLinkedRole", arn(f"role{ROLE_PATH}{ROLE_NAME}"),
             {"iam:AWSServiceName": SERVICE}),),
        console=Call("post", "/account/settings/authorization-details/", {"files": _upload}),
        console_also=(req("iam:GetAccountAuthorizationDetails", "*"),),
    ),
]
