"""The permissions summary's htmx parts: one service's actions, and more services or a filter."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_POST, require_safe

from accounts.views.support import run
from iamconsole.exceptions import NoSuchEntity

from ..operations.managed import GetPolicy, ListPolicies
from ..operations.versions import GetPolicyVersion
from ..summary import PolicySummary, ServiceSummary, permissions_summary
from ..summary_sections import MORE_ROWS, summary_section, summary_sections
from ._common import with_policy_arn


def _param(request: HttpRequest, name: str) -> str:
    """A parameter from the query string, else from the posted form (the draft's requests
    carry the document in the body and their paging in the URL)."""
    return request.GET.get(name) or request.POST.get(name, "")


def _effect(request: HttpRequest) -> str:
    return "Deny" if _param(request, "effect") == "Deny" else "Allow"


def _render_service(request: HttpRequest, row: ServiceSummary | None) -> HttpResponse:
    if row is None:
        return HttpResponseBadRequest("This policy does not cover that service.")
    return render(request, "policies/partials/_summary_service_actions.html", {"row": row})


def _version_summary(request: HttpRequest, arn: str) -> tuple[str, PolicySummary]:
    """GetPolicyVersion: the summary of a version (?version=, else the default one, which
    GetPolicy names)."""
    version_id = request.GET.get("version") or (
        f"v{run(request, GetPolicy, policy_arn=arn).default_version_number}")
    version = run(request, GetPolicyVersion, policy_arn=arn, version_id=version_id)
    summary = permissions_summary(version.document)
    if summary is None:
        raise NoSuchEntity("The version has no document to summarize.")
    return version.version_id, summary


def _render_services(request: HttpRequest, summary: PolicySummary, context: dict[str, Any],
                     params: dict[str, str]) -> HttpResponse:
    """The next services of a section (?offset=), or both sections filtered (?q=)."""
    context = {**context, "summary": summary}
    query = _param(request, "q")
    offset = _param(request, "offset")
    if offset:
        context["section"] = summary_section(
            summary, _effect(request), query=query, offset=int(offset) if offset.isdigit() else 0,
            limit=MORE_ROWS, params=params)
        return render(request, "policies/partials/_summary_service_rows.html", context)
    context["sections"] = summary_sections(summary, query=query, params=params)
    return render(request, "policies/partials/_summary_sections.html", context)


@require_safe
@with_policy_arn
def policy_summary_service_view(request: HttpRequest, arn: str) -> HttpResponse:
    """The actions of one service (?service=) that a version allows or denies."""
    _version_id, summary = _version_summary(request, arn)
    return _render_service(request, summary.service(request.GET.get("service", ""),
                                                    _effect(request)))


@require_safe
@with_policy_arn
def policy_summary_rows_view(request: HttpRequest, arn: str) -> HttpResponse:
    """More services of a version's summary, or its services filtered by name."""
    version_id, summary = _version_summary(request, arn)
    context = {"service_url": reverse("policies:policy_summary_service", kwargs={"arn": arn}),
               "rows_url": reverse("policies:policy_summary_rows", kwargs={"arn": arn}),
               "version_id": version_id}
    return _render_services(request, summary, context, {"version": version_id})


def _draft_summary(request: HttpRequest) -> PolicySummary | None:
    """The summary of a posted draft (the create flow's review). It reads no account data,
    only the service reference: authorized as ListPolicies, like the visual builder's lists."""
    run(request, ListPolicies)
    return permissions_summary(request.POST.get("policy_document", ""))


@require_POST
def policy_summary_preview_view(request: HttpRequest) -> HttpResponse:
    """The drill-down into one service for a draft document, posted by the page."""
    summary = _draft_summary(request)
    if summary is None:
        return HttpResponseBadRequest("The document is not a JSON object.")
    return _render_service(request, summary.service(_param(request, "service"), _effect(request)))


@require_POST
def policy_summary_preview_rows_view(request: HttpRequest) -> HttpResponse:
    """More services of a draft's summary, or its services filtered by name."""
    summary = _draft_summary(request)
    if summary is None:
        return HttpResponseBadRequest("The document is not a JSON object.")
    return _render_services(request, summary, {"preview": True}, {})


urlpatterns = [
    path("policies/summary-preview/", policy_summary_preview_view,
         name="policy_summary_preview"),
    path("policies/summary-preview/services/", policy_summary_preview_rows_view,
         name="policy_summary_preview_rows"),
    path("policies/summary-services/<path:arn>", policy_summary_rows_view,
         name="policy_summary_rows"),
    path("policies/summary/<path:arn>", policy_summary_service_view,
         name="policy_summary_service"),
]
