"""Access Advisor through the REST API: last access per service (and action) of a user, group,
role or policy, the entities behind one service, and the policies granting services."""

from __future__ import annotations

from typing import Any

from django.urls import re_path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamApiView

from ...operations.access_advisor import (
    GenerateServiceLastAccessedDetails,
    GetServiceLastAccessedDetails,
    GetServiceLastAccessedDetailsWithEntities,
    ListPoliciesGrantingServiceAccess,
)
from .trail import ok_response

# A job's ID: the UUID of its trail event (anything else is a job not found).
JOB_ID_REGEX = r"[^/]+"
_ALICE = "arn:aws:iam::111111111111:user/alice"
_DEVS = "arn:aws:iam::111111111111:group/devs"
_WHEN = "2026-12-07T12:00:00Z"
_LAST_ACCESSED_EXAMPLE = {
    "JobStatus": "COMPLETED", "JobType": "ACTION_LEVEL",
    "JobCreationDate": _WHEN, "JobCompletionDate": _WHEN, "IsTruncated": False,
    "ServicesLastAccessed": [{"ServiceName": "AWS Identity and Access Management",
                              "ServiceNamespace": "iam", "TotalAuthenticatedEntities": 1,
                              "LastAuthenticated": _WHEN, "LastAuthenticatedEntity": _ALICE,
                              "LastAuthenticatedRegion": "us-east-1",
                              "TrackedActionsLastAccessed": [
                                  {"ActionName": "ListUsers", "LastAccessedTime": _WHEN,
                                   "LastAccessedEntity": _ALICE,
                                   "LastAccessedRegion": "us-east-1"},
                                  {"ActionName": "CreateUser"}]}],
}
_ENTITIES_EXAMPLE = {
    "JobStatus": "COMPLETED", "JobCreationDate": _WHEN, "JobCompletionDate": _WHEN,
    "IsTruncated": False,
    "EntityDetailsList": [{"EntityInfo": {"Arn": _ALICE, "Name": "alice", "Type": "USER",
                                          "Id": "AIDAEXAMPLE0123456789", "Path": "/"},
                           "LastAuthenticated": _WHEN}],
}
_GRANTING_EXAMPLE = {
    "IsTruncated": False,
    "PoliciesGrantingServiceAccess": [{"ServiceNamespace": "iam", "Policies": [
        {"PolicyName": "IAMReadOnlyAccess", "PolicyType": "MANAGED",
         "PolicyArn": "arn:aws:iam::aws:policy/IAMReadOnlyAccess"},
        {"PolicyName": "devs-inline", "PolicyType": "INLINE", "EntityType": "GROUP",
         "EntityName": "devs"}]}],
}


def _arn(examples: str = _ALICE) -> OpenApiParameter:
    return OpenApiParameter("arn", OpenApiTypes.STR, required=True,
                            examples=[OpenApiExample("An identity", value=examples)])


_GRANULARITY = OpenApiParameter("granularity", OpenApiTypes.STR, enum=["SERVICE_LEVEL",
                                                                       "ACTION_LEVEL"])
_NAMESPACE = OpenApiParameter("service_namespace", OpenApiTypes.STR, required=True,
                              examples=[OpenApiExample("IAM", value="iam")])


@extend_schema_serializer(examples=[OpenApiExample("A user", value={"arn": _ALICE},
                                                   request_only=True)])
class GenerateRequest(serializers.Serializer):
    """GenerateServiceLastAccessedDetails' input."""

    arn = serializers.CharField(help_text="The user, group, role or policy ARN.")
    granularity = serializers.ChoiceField(["SERVICE_LEVEL", "ACTION_LEVEL"], required=False)


def _generate(view: IamApiView, query: Any) -> str:
    """GenerateServiceLastAccessedDetails on the query's `arn` and `granularity`: the job."""
    return view.run(GenerateServiceLastAccessedDetails, arn=str(query.get("arn", "")),
                    granularity=query.get("granularity") or None)["JobId"]


class LastAccessedView(IamApiView):
    """Access Advisor: the services an identity's policies grant and when it last used each."""

    @extend_schema(summary="Generate a last-accessed report (GenerateServiceLastAccessedDetails)",
                   request=GenerateRequest,
                   responses={201: ok_response("{job_id}", {"job_id": "5b8c1a52-0b1d-4e1c-"
                                                            "9b0e-2f1d7c6a9e10"}, "201")})
    def post(self, request: Request) -> Response:
        return Response({"job_id": _generate(self, request.data)}, status=201)

    @extend_schema(summary="Last access per service, now (both operations in one call)",
                   parameters=[_arn(), _GRANULARITY],
                   responses={200: ok_response("GetServiceLastAccessedDetails' answer",
                                               _LAST_ACCESSED_EXAMPLE)})
    def get(self, request: Request) -> Response:
        job_id = _generate(self, request.query_params)
        return Response(self.run(GetServiceLastAccessedDetails, job_id=job_id))


class LastAccessedJobView(IamApiView):
    """A last-accessed report by its job ID (GetServiceLastAccessedDetails)."""

    @extend_schema(summary="A job's last-accessed report (GetServiceLastAccessedDetails)",
                   responses={200: ok_response("GetServiceLastAccessedDetails' answer",
                                               _LAST_ACCESSED_EXAMPLE)})
    def get(self, request: Request, job_id: str) -> Response:
        return Response(self.run(GetServiceLastAccessedDetails, job_id=job_id))


class LastAccessedJobEntitiesView(IamApiView):
    """The users and roles behind one service of a job's report."""

    @extend_schema(summary="Entities that used a service "
                           "(GetServiceLastAccessedDetailsWithEntities)",
                   parameters=[_NAMESPACE],
                   responses={200: ok_response("GetServiceLastAccessedDetailsWithEntities' "
                                               "answer", _ENTITIES_EXAMPLE)})
    def get(self, request: Request, job_id: str) -> Response:
        return Response(self.run(GetServiceLastAccessedDetailsWithEntities, job_id=job_id,
                                 service_namespace=request.query_params.get(
                                     "service_namespace", "")))


class LastAccessedEntitiesView(IamApiView):
    """The users and roles behind one service, now (both operations in one call)."""

    @extend_schema(summary="Entities that used a service, now (Generate and WithEntities in "
                           "one call)",
                   parameters=[_arn(_DEVS), _NAMESPACE],
                   responses={200: ok_response("GetServiceLastAccessedDetailsWithEntities' "
                                               "answer", _ENTITIES_EXAMPLE)})
    def get(self, request: Request) -> Response:
        job_id = _generate(self, request.query_params)
        return Response(self.run(GetServiceLastAccessedDetailsWithEntities, job_id=job_id,
                                 service_namespace=request.query_params.get(
                                     "service_namespace", "")))


class PoliciesGrantingServiceAccessView(IamApiView):
    """ListPoliciesGrantingServiceAccess: an identity's policies granting each service."""

    @extend_schema(summary="Policies granting services (ListPoliciesGrantingServiceAccess)",
                   parameters=[_arn(), OpenApiParameter(
                       "service_namespaces", OpenApiTypes.STR, required=True,
                       description="Comma-separated namespaces (1 to 200).",
                       examples=[OpenApiExample("IAM and STS", value="iam,sts")])],
                   responses={200: ok_response("ListPoliciesGrantingServiceAccess' answer",
                                               _GRANTING_EXAMPLE)})
    def get(self, request: Request) -> Response:
        namespaces = str(request.query_params.get("service_namespaces", ""))
        return Response(self.run(ListPoliciesGrantingServiceAccess,
                                 arn=str(request.query_params.get("arn", "")),
                                 service_namespaces=namespaces))


# Mounted with the accounts API's URLs (accounts/api/urls.py); the slash is optional there too.
_JOB = rf"^last-accessed/jobs/(?P<job_id>{JOB_ID_REGEX})"
urlpatterns = [
    re_path(r"^last-accessed/?$", LastAccessedView.as_view(), name="last-accessed"),
    re_path(r"^last-accessed/entities/?$", LastAccessedEntitiesView.as_view(),
            name="last-accessed-entities"),
    re_path(rf"{_JOB}/?$", LastAccessedJobView.as_view(), name="last-accessed-job"),
    re_path(rf"{_JOB}/entities/?$", LastAccessedJobEntitiesView.as_view(),
            name="last-accessed-job-entities"),
    re_path(r"^policies-granting-service-access/?$",
            PoliciesGrantingServiceAccessView.as_view(), name="policies-granting-service-access"),
]
