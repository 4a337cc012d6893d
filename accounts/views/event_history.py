"""Event history: the account's trail, filtered, one event's full record, downloads."""

from __future__ import annotations

import csv
import io
import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from iamconsole.exceptions import IamError
from iamconsole.trail.changes import policy_change

from ..api.views.trail import FILTERS, lookup_inputs
from ..models.account import TRAIL_RETENTION_MAX
from ..operations.trail import LookupEvents, UpdateTrail, trail_arn
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
    return _history_page(request, events, error,
                         page.next_token if page is not None else None)  # type: ignore[attr-defined]


def _history_page(request: HttpRequest, events: list[object], error: IamError | None,
                  next_token: str | None, *, retention_error: IamError | None = None,
                  status: int = 200) -> HttpResponse:
    query = request.GET.copy()
    query.pop("next_token", None)
    caller = caller_for(request)
    return render(request, "accounts/event_history.html", {
        "events": events, "error": error, "filters": FILTERS, "values": request.GET,
        "next_token": next_token, "query": query.urlencode(),
        "retention_days": caller.account.trail_retention_days,
        "retention_max": TRAIL_RETENTION_MAX, "retention_error": retention_error,
        "can_set_retention": caller.permits(
            UpdateTrail, trail_arn(caller.account_id)).allowed,
    }, status=error.status if error is not None else status)


@require_POST
def event_retention_view(request: HttpRequest) -> HttpResponse:
    """Set how many days event history keeps (UpdateTrail on the account's trail)."""
    caller = caller_for(request)
    # Refused before the input is read, whatever it is.
    caller.require(UpdateTrail, trail_arn(caller.account_id))
    raw = str(request.POST.get("retention_days", "")).strip()
    try:
        days: object = int(raw)
    except ValueError:
        days = raw  # UpdateTrail names the rule
    try:
        caller.run(UpdateTrail, retention_days=days)
    except IamError as exc:
        if exc.code == "AccessDenied":
            raise
        return _history_page(request, [], None, None, retention_error=exc, status=exc.status)
    messages.success(request, f"Event history now keeps events {days} days; older ones are "
                              "deleted.")
    return redirect("accounts:event_history")


@require_safe
def event_detail_view(request: HttpRequest, event_id: str) -> HttpResponse:
    """One event's full CloudTrail record; for a policy change, its document before and
    after, side by side."""
    page = caller_for(request).run(LookupEvents, lookup_attributes=[("EventId", event_id)])
    if not page.events:
        raise Http404("No such event.")
    event = page.events[0]
    change = policy_change(event.record)
    return render(request, "accounts/event_detail.html", {
        "event": event, "record": json.dumps(event.record, indent=2),
        "change": change, "diff": change.diff if change is not None else None,
    })


urlpatterns = [
    path("event-history/", event_history_view, name="event_history"),
    path("event-history/retention/", event_retention_view, name="event_retention"),
    path("event-history/<str:event_id>/", event_detail_view, name="event_detail"),
]
