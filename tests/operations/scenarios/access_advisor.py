"""Access Advisor: last-accessed reports from the trail and the policies granting services."""

from __future__ import annotations

from ..harness import Call, Scenario, req
from ..world import S3_LIST, arn

_GET_ALL = req("iam:GetServiceLastAccessedDetails", "*")

SCENARIOS = [
    Scenario(
        "GenerateServiceLastAccessedDetails",
        (req("iam:GenerateServiceLastAccessedDetails", arn("user/alice")),),
        api=Call("post", "/api/v1/last-accessed/", {"arn": arn("user/alice")}),
    ),
    Scenario(
        "GenerateServiceLastAccessedDetails", label="policy",
        requires=(req("iam:GenerateServiceLastAccessedDetails", S3_LIST),),
        api=Call("post", "/api/v1/last-accessed/",
                 {"arn": S3_LIST, "granularity": "ACTION_LEVEL"}),
    ),
    Scenario(
        "GetServiceLastAccessedDetails",
        (req("iam:GenerateServiceLastAccessedDetails", arn("user/alice")), _GET_ALL),
        api=Call("get", f"/api/v1/last-accessed/?arn={arn('user/alice')}"),
    ),
    Scenario(
        "GetServiceLastAccessedDetailsWithEntities",
        (req("iam:GenerateServiceLastAccessedDetails", arn("group/devs")),
         req("iam:GetServiceLastAccessedDetailsWithEntities", "*")),
        api=Call("get", f"/api/v1/last-accessed/entities/?arn={arn('group/devs')}"
                        "&service_namespace=s3"),
    ),
    Scenario(
        "ListPoliciesGrantingServiceAccess",
        (req("iam:ListPoliciesGrantingServiceAccess", arn("user/alice")),),
        api=Call("get", f"/api/v1/policies-granting-service-access/?arn={arn('user/alice')}"
                        "&service_namespaces=s3,iam"),
    ),
]
