"""The guard rails page: the account's saved expectations with their status, a form to add
one (the simulator's results save theirs here in one click), the mode switch, delete, and
checking them all now."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from accounts.views.support import run
from iamconsole.exceptions import AccessDenied, IamError

from ..operations.guard_rails import (
    CheckGuardRails,
    CreateGuardRail,
    DeleteGuardRail,
    ListGuardRails,
    UpdateGuardRail,
)

FORM_FIELDS = ("name", "description", "subject", "action", "resource", "expected", "mode")


def _context_entries(post: Any) -> dict[str, list[str]]:
    """The context rows of the form (`context_key`/`context_values`, values comma-separated;
    a row with a key and no value is left out: absent)."""
    entries: dict[str, list[str]] = {}
    for key, values in zip(post.getlist("context_key"), post.getlist("context_values"),
                           strict=False):
        key = key.strip()
        values = [v.strip() for v in values.split(",") if v.strip()]
        if key and values:
            entries[key] = values
    return entries


def _page(request: HttpRequest, *, form: dict[str, Any] | None = None,
          error: IamError | None = None, status: int = 200) -> HttpResponse:
    rails = run(request, ListGuardRails)
    return render(request, "policies/guard_rail_list.html", {
        "rails": rails, "form": form or {"mode": "warn", "expected": "denied", "resource": "*"},
        "error": error, "fields": FORM_FIELDS,
    }, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def guard_rail_list_view(request: HttpRequest) -> HttpResponse:
    """GET: the rails with their status. POST: save a new one (the simulator's "Save as guard
    rail" posts here with the result's principal, action, resource, context and decision)."""
    if request.method != "POST":
        return _page(request)
    form = {name: request.POST.get(name, "") for name in FORM_FIELDS}
    context = _context_entries(request.POST)
    if not form["name"].strip():
        verb = "can" if form["expected"] == "allowed" else "cannot"
        form["name"] = f"{form['subject'].rsplit('/', 1)[-1]} {verb} {form['action']}"[:128]
    try:
        rail = run(request, CreateGuardRail, name=form["name"], subject=form["subject"],
                   action_name=form["action"], expected=form["expected"],
                   resource_arn=form["resource"] or "*", context_entries=context,
                   mode=form["mode"] or "warn", description=form["description"])
    except AccessDenied:
        raise
    except IamError as exc:
        return _page(request, form={**form, "context": context}, error=exc, status=400)
    status = "holds" if rail.last_status == "holds" else "is broken now"
    messages.success(request, f"Saved the guard rail “{rail.name}” ({rail.mode}); it {status}.")
    return redirect("policies:guard_rail_list")


@require_POST
def guard_rail_mode_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Switch a rail between block and warn."""
    mode = request.POST.get("mode", "")
    rail = run(request, UpdateGuardRail, rail_id=pk, changes={"mode": mode})
    messages.success(request, f"The guard rail “{rail.name}” is now set to {rail.mode}.")
    return redirect("policies:guard_rail_list")


@require_POST
def guard_rail_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a rail."""
    rail = run(request, DeleteGuardRail, rail_id=pk)
    messages.success(request, f"Deleted the guard rail “{rail.name}”.")
    return redirect("policies:guard_rail_list")


@require_POST
def guard_rail_check_view(request: HttpRequest) -> HttpResponse:
    """Check every rail now."""
    outcomes = run(request, CheckGuardRails)
    broken = sum(1 for o in outcomes if not o.holds)
    messages.info(request, f"Checked {len(outcomes)} guard rail{'s' * (len(outcomes) != 1)}: "
                           f"{len(outcomes) - broken} hold, {broken} broken.")
    return redirect("policies:guard_rail_list")


urlpatterns = [
    path("guard-rails/", guard_rail_list_view, name="guard_rail_list"),
    path("guard-rails/check/", guard_rail_check_view, name="guard_rail_check"),
    path("guard-rails/<int:pk>/mode/", guard_rail_mode_view, name="guard_rail_mode"),
    path("guard-rails/<int:pk>/delete/", guard_rail_delete_view, name="guard_rail_delete"),
]
