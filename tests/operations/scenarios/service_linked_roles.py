"""Service-linked roles (create, delete by a deletion task, the task's status), a role's
description alone (UpdateRoleDescription) and one MFA device of a user (GetMFADevice)."""

from __future__ import annotations

from ..harness import Call, Scenario, req
from ..world import BOUNDARY, GONE_ARN, LINKED, LINKED_ARN, arn

ELB = "elasticloadbalancing.amazonaws.com"
ELB_ROLE = arn(f"role/aws-service-role/{ELB}/AWSServiceRoleForElasticLoadBalancing")

SCENARIOS = [
    Scenario(
        "CreateServiceLinkedRole", label="for-a-service",
        requires=(req("iam:CreateServiceLinkedRole", ELB_ROLE, {"iam:AWSServiceName": ELB}),),
        console=Call("post", "/roles/create-service-linked/",
                     {"aws_service_name": ELB, "custom_suffix": "", "description": ""}),
        api=Call("post", "/api/v1/service-linked-roles/",
                 {"aws_service_name": ELB, "description": "Load balancers"}),
        # The page opens for any service-linked role, before the service is typed.
        console_also=(req("iam:CreateServiceLinkedRole", arn("role/aws-service-role/*")),),
    ),
    Scenario(
        "DeleteServiceLinkedRole", (req("iam:DeleteServiceLinkedRole", LINKED_ARN),),
        console=Call("post", f"/roles/details/{LINKED}/delete-service-linked/",
                     {"confirm": LINKED}),
        api=Call("delete", f"/api/v1/service-linked-roles/{LINKED}/"),
    ),
    Scenario(
        "GetServiceLinkedRoleDeletionStatus",
        (req("iam:GetServiceLinkedRoleDeletionStatus", GONE_ARN),),
        api=Call("get", "/api/v1/service-linked-roles/deletion-status/{deletion_task_id}/"),
    ),
    Scenario(
        "UpdateRoleDescription",
        (req("iam:UpdateRoleDescription", arn("role/web"),
             {"iam:PermissionsBoundary": BOUNDARY}),),
        api=Call("put", "/api/v1/roles/web/description/", {"description": "Web tier"}),
    ),
    Scenario(
        "UpdateRoleDescription", (req("iam:UpdateRoleDescription", LINKED_ARN),),
        label="service-linked",
        api=Call("put", f"/api/v1/roles/{LINKED}/description/", {"description": "EB"}),
    ),
    Scenario(
        "GetMFADevice", (req("iam:GetMFADevice", arn("user/alice")),),
        api=Call("get", "/api/v1/users/alice/mfa-devices/alice-phone/"),
    ),
]
