"""Event history: the account's trail, filtered, one event's full record, downloads."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from iamconsole.exceptions import IamError

from ..api.views.trail import FILTERS, lookup_inputs
from ..operations.trail import LookupEvents
from .support import caller_for

CSV_COLUMNS = ("eventTime", "eventName", "eventSource", "userName", "resource", "readOnly",
               "errorCode", "sourceIPAddress", "eventID")


def _page(request: HttpRequest) -> tuple[object, IamError | None]:
    try:
        return caller_for(request).run(LookupEvents, **lookup_inputs(request.GET)), None
    except IamError as exc:
        if exc.code == "AccessDenied":
            raise
        return None, exc


@require_safe
def event_history_view(request: HttpRequest) -> HttpResponse:
    """The events, newest first, with the filters; `?download=json|csv` downloads the page."""
    page, error = _page(request)
    events = page.events if page is not None else []  # type: ignore[attr-defined]
    download = request.GET.get("download")
    if download == "json":
        response = HttpResponse(json.dumps({"Records": [e.record for e in events]}, indent=2),
                                content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="event-history.json"'
        return response
    if download == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for event in events:
            writer.writerow([event.record.get("eventTime"), event.event_name,
                             event.event_source, event.user_name, event.resource_name,
                             event.read_only, event.error_code,
                             event.record.get("sourceIPAddress"), event.event_id])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="event-history.csv"'
        return response
    query = request.GET.copy()
    query.pop("next_token", None)
    return render(request, "accounts/event_history.html", {
        "events": events, "error": error, "filters": FILTERS, "values": request.GET,
        "next_token": page.next_token if page is not None else None,  # type: ignore[attr-defined]
        "query": query.urlencode(),
    }, status=error.status if error is not None else 200)


@require_safe
def event_detail_view(request: HttpRequest, event_id: str) -> HttpResponse:
    """One event's full CloudTrail record."""
    page = caller_for(request).run(LookupEvents, lookup_attributes=[("EventId", event_id)])
    if not page.events:
        raise Http404("No such event.")
    event = page.events[0]
    return render(request, "accounts/event_detail.html", {
        "event": event, "record": json.dumps(event.record, indent=2),
    })


urlpatterns = [
    path("event-history/", event_history_view, name="event_history"),
    path("event-history/<str:event_id>/", event_detail_view, name="event_detail"),
]
