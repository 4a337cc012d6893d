"""Event history through the REST API: the account's trail events, filtered and paginated."""

from __future__ import annotations

from typing import Any

from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamApiView
from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.trail.changes import policy_change

from ...operations.trail import LookupEvents, UpdateTrail

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


_EVENT_EXAMPLE = {
    "events": [{
        "eventVersion": "1.08", "eventTime": "2026-12-07T12:00:00Z",
        "eventSource": "iam.amazonaws.com", "eventName": "CreateUser",
        "awsRegion": "us-east-1", "sourceIPAddress": "192.0.2.10",
        "userIdentity": {"type": "Root", "principalId": "111111111111",
                         "arn": "arn:aws:iam::111111111111:root",
                         "accountId": "111111111111"},
        "requestParameters": {"userName": "alice"}, "readOnly": False,
        "eventType": "AwsApiCall", "managementEvent": True,
        "recipientAccountId": "111111111111",
    }],
    "next_token": None,
}


def ok_response(description: str, example: dict[str, Any],
                status: str = "200") -> OpenApiResponse:
    """A documented JSON answer with an example."""
    return OpenApiResponse(response=OpenApiTypes.OBJECT, description=description,
                           examples=[OpenApiExample("Result", value=example,
                                                    response_only=True,
                                                    status_codes=[status])])


class EventHistoryView(IamApiView):
    """The account's trail: each call, sign-in and denial in CloudTrail's record format."""

    @extend_schema(
        summary="Event history (CloudTrail LookupEvents)",
        parameters=[OpenApiParameter(name, OpenApiTypes.STR) for name in
                    [*FILTERS, "start_time", "end_time", "max_results", "next_token"]],
        responses={200: ok_response("{events, next_token}: CloudTrail records",
                                    _EVENT_EXAMPLE)},
    )
    def get(self, request: Request) -> Response:
        page = self.run(LookupEvents, **lookup_inputs(request.query_params))
        return Response({"events": [event.record for event in page.events],
                         "next_token": page.next_token})


class EventDetailView(IamApiView):
    """One event's record; for a policy change, its document before and after."""

    @extend_schema(
        summary="One event, with a policy change's before and after",
        responses={200: ok_response("{event, policy_change}: policy_change is null, or {before, "
                            "after, removed, added, diff} (diff: unified diff lines)",
                            {"event": _EVENT_EXAMPLE["events"][0], "policy_change": None})},
    )
    def get(self, request: Request, event_id: str) -> Response:
        page = self.run(LookupEvents, lookup_attributes=[("EventId", event_id)])
        if not page.events:
            raise NoSuchEntity(f"No event has the ID {event_id}.", field="event_id")
        record = page.events[0].record
        change = policy_change(record)
        body = None
        if change is not None:
            diff = change.diff
            body = {"before": change.before, "after": change.after,
                    "removed": diff.removed, "added": diff.added, "diff": change.unified()}
        return Response({"event": record, "policy_change": body})


@extend_schema_serializer(examples=[OpenApiExample("A month", value={"retention_days": 30},
                                                   request_only=True)])
class RetentionRequest(serializers.Serializer):
    """UpdateTrail's input: how many days event history keeps."""

    retention_days = serializers.IntegerField(help_text="1 to 3,650 days.")


class EventRetentionView(IamApiView):
    """How long event history keeps the account's events (UpdateTrail on its trail)."""

    @extend_schema(summary="Set the retention period (UpdateTrail)", request=RetentionRequest,
                   responses={200: ok_response("The trail", {
                       "Name": "iamconsole", "RetentionDays": 30,
                       "TrailARN": "arn:aws:cloudtrail:us-east-1:111111111111:trail/iamconsole"})})
    def put(self, request: Request) -> Response:
        days = request.data.get("retention_days")
        if isinstance(days, str) and days.strip().isdigit():
            days = int(days)
        return Response(self.run(UpdateTrail, retention_days=days))

