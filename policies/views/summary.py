"""The permissions summary's drill-down: one service's actions by access level (htmx)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from accounts.views.support import run
from iamconsole.exceptions import NoSuchEntity

from ..operations.managed import GetPolicy, ListPolicies
from ..operations.versions import GetPolicyVersion
from ..summary import ServiceSummary, permissions_summary
from ._common import with_policy_arn


def _render_service(request: HttpRequest, row: ServiceSummary | None) -> HttpResponse:
    if row is None:
        return HttpResponseBadRequest("This policy does not cover that service.")
    return render(request, "policies/partials/_summary_service_actions.html", {"row": row})


@require_safe
@with_policy_arn
def policy_summary_service_view(request: HttpRequest, arn: str) -> HttpResponse:
    """GetPolicyVersion: the actions of one service (?service=) that a version (?version=,
    else the default one, which GetPolicy names) allows or denies."""
    version_id = request.GET.get("version") or (
        f"v{run(request, GetPolicy, policy_arn=arn).default_version_number}")
    version = run(request, GetPolicyVersion, policy_arn=arn, version_id=version_id)
    summary = permissions_summary(version.document)
    if summary is None:
        raise NoSuchEntity("The version has no document to summarize.")
    effect = "Deny" if request.GET.get("effect") == "Deny" else "Allow"
    return _render_service(request, summary.service(request.GET.get("service", ""), effect))


@require_POST
def policy_summary_preview_view(request: HttpRequest) -> HttpResponse:
    """The same drill-down for a draft document (the create flow's review), posted by the page.

    It reads no account data, only the service reference: authorized as ListPolicies, like
    the visual builder's lists.
    """
    run(request, ListPolicies)
    summary = permissions_summary(request.POST.get("policy_document", ""))
    if summary is None:
        return HttpResponseBadRequest("The document is not a JSON object.")
    effect = "Deny" if request.POST.get("effect") == "Deny" else "Allow"
    return _render_service(request, summary.service(request.POST.get("service", ""), effect))


urlpatterns = [
    path("policies/summary-preview/", policy_summary_preview_view,
         name="policy_summary_preview"),
    path("policies/summary/<path:arn>", policy_summary_service_view,
         name="policy_summary_service"),
]
