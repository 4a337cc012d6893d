"""Event history through the REST API: the account's trail events, filtered and paginated."""

from __future__ import annotations

from typing import Any

from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamApiView
from iamconsole.exceptions import InvalidInput

from ...operations.access_advisor import (
    GenerateServiceLastAccessedDetails,
    GetServiceLastAccessedDetails,
)
from ...operations.trail import LookupEvents

# Query parameters and the lookup attribute each filters on.
FILTERS = {"event_name": "EventName", "user_name": "Username", "resource": "ResourceName",
           "read_only": "ReadOnly", "event_source": "EventSource",
           "access_key_id": "AccessKeyId", "event_id": "EventId"}


def lookup_inputs(query: Any) -> dict[str, Any]:
    """LookupEvents' input from a query string (the REST API's and the console's)."""
    inputs: dict[str, Any] = {"combine": True, "lookup_attributes": [
        (key, str(query[name]).strip()) for name, key in FILTERS.items()
        if str(query.get(name) or "").strip()]}
    for name in ("start_time", "end_time"):
        if query.get(name):
            moment = parse_datetime(str(query[name]))
            if moment is None:
                raise InvalidInput(f"{name} is an ISO 8601 time (2026-01-31T12:00:00Z).",
                                   field=name)
            inputs[name] = moment
    if query.get("max_results"):
        try:
            inputs["max_results"] = int(query["max_results"])
        except ValueError as exc:
            raise InvalidInput("max_results is a number from 1 to 50.",
                               field="max_results") from exc
    inputs["next_token"] = query.get("next_token") or None
    return inputs


class EventHistoryView(IamApiView):
    """The account's trail: each call, sign-in and denial in CloudTrail's record format."""

    @extend_schema(
        summary="Event history (CloudTrail LookupEvents)",
        parameters=[OpenApiParameter(name, OpenApiTypes.STR) for name in
                    [*FILTERS, "start_time", "end_time", "max_results", "next_token"]],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        page = self.run(LookupEvents, **lookup_inputs(request.query_params))
        return Response({"events": [event.record for event in page.events],
                         "next_token": page.next_token})


class LastAccessedView(IamApiView):
    """Access Advisor: the services an identity's policies grant and when it last used each."""

    @extend_schema(summary="Generate a last-accessed report (GenerateServiceLastAccessedDetails)",
                   request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        job = self.run(GenerateServiceLastAccessedDetails, arn=str(request.data.get("arn", "")),
                       granularity=request.data.get("granularity"))
        return Response({"job_id": job["JobId"]}, status=201)

    @extend_schema(summary="Last access per service, now (both operations in one call)",
                   parameters=[OpenApiParameter("arn", OpenApiTypes.STR, required=True)],
                   responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        job = self.run(GenerateServiceLastAccessedDetails,
                       arn=str(request.query_params.get("arn", "")))
        return Response(self.run(GetServiceLastAccessedDetails, job_id=job["JobId"]))
