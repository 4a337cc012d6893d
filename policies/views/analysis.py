"""Access analysis pages: who can do what, escalation paths, the account's graph, and the
findings panel the dashboard and principals' pages load."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from accounts.views.support import run
from iamconsole.exceptions import AccessDenied, IamError
from iamconsole.operations.caller import caller_for

from ..analysis import EscalationReport, Hop
from ..analysis.svg import render as render_svg
from ..operations.analysis import GetAccountGraph, GetEscalationPaths, WhoCanPerform
from ..operations.managed import GetPolicy
from ..operations.versions import GetPolicyVersion


def entity_url(arn: str) -> str:
    """The console page of a user, group, role or managed policy, by ARN."""
    resource = arn.split(":", 5)[-1]
    kind, _, rest = resource.partition("/")
    name = rest.rsplit("/", 1)[-1]
    pages = {"user": "accounts:iamuser_detail", "group": "accounts:group_detail",
             "role": "accounts:role_detail"}
    if kind == "policy":
        return reverse("policies:policy_detail", kwargs={"arn": arn})
    if kind in pages and arn.split(":")[2] == "iam":
        return reverse(pages[kind], kwargs={"name": name})
    return ""


def short(arn: str) -> str:
    """`user/alice`, `role/ops` (the ARN's resource part)."""
    return arn.split(":", 5)[-1]


def _steps(steps: tuple[Hop, ...]) -> list[dict[str, Any]]:
    return [{"hop": h, "actor": short(h.actor), "target": short(h.resource or h.target),
             "actor_url": entity_url(h.actor), "target_url": entity_url(h.resource or h.target)}
            for h in steps]


def _findings(report: EscalationReport, principal: str = "") -> list[dict[str, Any]]:
    return [{"finding": f, "url": entity_url(f.principal), "admin": short(f.admin),
             "steps": _steps(f.steps)}
            for f in report.findings if not principal or f.principal == principal]


def _policy_questions(request: HttpRequest, arn: str) -> dict[str, Any]:
    """What a managed policy's default version allows, as questions to ask (from a
    policy's page: "who does this policy let do what"); reads it as GetPolicyVersion."""
    policy = run(request, GetPolicy, policy_arn=arn)
    version = run(request, GetPolicyVersion, policy_arn=arn,
                  version_id=f"v{policy.default_version_number}")
    statements = version.document.get("Statement", []) if isinstance(
        version.document, dict) else []
    questions: dict[tuple[str, str], None] = {}
    for statement in statements if isinstance(statements, list) else [statements]:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        actions, resources = statement.get("Action", []), statement.get("Resource", "*")
        for a in actions if isinstance(actions, list) else [actions]:
            for r in resources if isinstance(resources, list) else [resources]:
                if isinstance(a, str) and isinstance(r, str) and ":" in a:
                    questions[(a, r)] = None
    return {"arn": arn, "name": policy.name, "questions": list(questions)[:30]}


@require_safe
def who_can_view(request: HttpRequest) -> HttpResponse:
    """Who can do X on Y: the form (?action=&resource=) and the principals it finds."""
    action = request.GET.get("action", "").strip()
    resource = request.GET.get("resource", "").strip() or "*"
    context: dict[str, Any] = {"action": action, "resource": resource, "answers": None,
                               "error": None}
    # The page opens to whoever may run the question (asked before the input is checked).
    caller_for(request).require(WhoCanPerform)
    if request.GET.get("policy"):
        context["policy_questions"] = _policy_questions(request, request.GET["policy"])
    if action:
        try:
            answer = run(request, WhoCanPerform, action_name=action, resource_arn=resource)
        except AccessDenied:
            raise
        except IamError as error:
            context["error"] = error
        else:
            context["answer"] = answer
            context["answers"] = [{"answer": a, "url": entity_url(a.principal.arn),
                                   "steps": _steps(a.via)} for a in answer.answers]
    return render(request, "policies/analysis_who_can.html", context)


@require_safe
def escalation_view(request: HttpRequest) -> HttpResponse:
    """Every principal that can become an administrator, with its steps."""
    report = run(request, GetEscalationPaths)
    return render(request, "policies/analysis_escalation.html", {
        "report": report, "findings": _findings(report),
        "admins": [{"arn": a, "short": short(a), "url": entity_url(a)} for a in report.admins],
    })


@require_safe
def findings_panel_view(request: HttpRequest) -> HttpResponse:
    """The findings panel (htmx): the account's (dashboard) or one principal's
    (?principal=ARN). Refused (403), the page that loads it simply shows no panel."""
    principal = request.GET.get("principal", "")
    report = run(request, GetEscalationPaths)
    return render(request, "policies/partials/_analysis_findings.html", {
        "principal": principal, "report": report, "findings": _findings(report, principal),
        "is_admin": principal in report.admins})


def _graph(request: HttpRequest) -> Any:
    return run(request, GetAccountGraph, focus=request.GET.get("focus", ""))


@require_safe
def graph_view(request: HttpRequest) -> HttpResponse:
    """The account's graph, drawn on the server; ?focus=ARN narrows it to one entity."""
    graph = _graph(request)
    choices = sorted((n for n in graph.nodes.values() if n.kind != "policy"),
                     key=lambda n: (n.kind, n.label.lower()))
    return render(request, "policies/analysis_graph.html", {
        "graph": graph, "svg": render_svg(graph), "choices": choices,
        "focus": graph.focus, "focus_short": short(graph.focus) if graph.focus else "",
        "escalations": sum(1 for e in graph.edges if e.kind == "escalation"),
    })


@require_safe
def graph_svg_view(request: HttpRequest) -> HttpResponse:
    """The same graph as an SVG file to download."""
    response = HttpResponse(render_svg(_graph(request)), content_type="image/svg+xml")
    response["Content-Disposition"] = 'attachment; filename="account-graph.svg"'
    return response


urlpatterns = [
    path("analysis/who-can/", who_can_view, name="who_can"),
    path("analysis/escalation/", escalation_view, name="escalation"),
    path("analysis/findings/", findings_panel_view, name="findings_panel"),
    path("analysis/graph/", graph_view, name="account_graph"),
    path("analysis/graph.svg", graph_svg_view, name="account_graph_svg"),
]
