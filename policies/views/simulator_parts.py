"""The simulator page's htmx fragments: a principal's policies, the action picker, the context
table, extra policy editors, and loading a managed policy into an editor."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from iamconsole.exceptions import IamError
from iamconsole.principal import Principal

from ..authorization import Operation, authorize
from ..engine import service_reference as ref
from ..simulation import context_type_for, global_keys
from ..simulation.catalog import service_actions
from ..simulation.inputs import editable_copy, is_source_arn
from ..simulation.page import ContextRow, form_to_json
from ..simulation.selectors import simulator_policy_document, simulator_policy_names
from ..simulation.sources import principal_snapshot
from .simulator_support import (
    CONTEXT_TYPE_LABELS,
    authorize_simulator,
    context_section,
    editor,
    policy_listing,
    posted_context_rows,
    render,
    request_memo,
)

_EDITOR_NAME = re.compile(r"^(policy-\d+|endpoint-\d+|(scp|rcp)-\d+-\d+|override-\d+)$")
_KINDS = ("identity", "boundary", "session", "resource", "scp", "rcp", "endpoint")


@require_GET
def simulator_policies_view(request: HttpRequest) -> HttpResponse:
    """The principal's policies with "leave out" and "edit for this simulation" (htmx).

    Authorized as iam:SimulatePrincipalPolicy on the principal; each policy's text is shown
    only when iam:GetPolicyVersion (managed) or iam:Get{User,Group,Role}Policy (inline)
    allows.
    """
    authorize_simulator(request.principal)
    arn = request.GET.get("principal", "").strip()
    listing, error = None, None
    if arn:
        try:
            listing = policy_listing(request.principal, arn, set(), {}, request_memo(request))
        except IamError as exc:
            error = exc.message
    return render(request, "policies/partials/_simulation_policies.html",
                  {"listing": listing, "listing_error": error, "principal_arn": arn})


@require_GET
def simulator_actions_view(request: HttpRequest) -> HttpResponse:
    """One service's actions by access level, for the picker (htmx).

    Reads only AWS's public service reference, no account data, so no IAM operation applies.
    """
    authorize_simulator(request.principal)
    prefix = request.GET.get("service", "").strip().split(" ", 1)[0].lower()
    service = ref.get_service(prefix) if prefix else None
    groups = service_actions(prefix, request.principal.account_id,
                             request.GET.get("q", "")) if service else {}
    return render(request, "policies/partials/_simulation_actions.html", {
        "service": service,
        "prefix": prefix,
        "query": request.GET.get("q", ""),
        "groups": groups,
        "total": sum(len(actions) for actions in groups.values()),
    })


@require_POST
def simulator_context_view(request: HttpRequest) -> HttpResponse:
    """The context table for the form as it stands, keeping typed values (htmx).

    Authorized as iam:GetContextKeysForPrincipalPolicy on the principal or
    iam:GetContextKeysForCustomPolicy on *; an added key (`add_key`) becomes a row.
    """
    authorize_simulator(request.principal)
    data, _refs = form_to_json(request.POST)
    rows = posted_context_rows(request.POST)
    added = (request.POST.get("add_key_custom") or request.POST.get("add_key") or "").strip()
    notice = ""
    if added:
        if ":" not in added or len(added) > 256 or " " in added:
            notice = f"{added} is not a condition key like aws:SourceIp."
        elif all(row.key.lower() != added.lower() for row in rows):
            rows.append(ContextRow(key=added, type=context_type_for(added), origin="user"))
    section = context_section(request.principal, data, rows, request_memo(request))
    return render(request, "policies/partials/_simulation_context.html", {
        "context": section,
        "notice": notice,
        "context_type_labels": CONTEXT_TYPE_LABELS,
        "global_keys": global_keys(),
    })


@require_GET
def simulator_editor_view(request: HttpRequest) -> HttpResponse:
    """A new policy editor for the page (htmx): blank, or the edited copy of one of the
    principal's policies (`principal` and `key`), which needs the right to read that policy."""
    authorize_simulator(request.principal)
    name = request.GET.get("name", "")
    kind = request.GET.get("kind", "identity")
    if not _EDITOR_NAME.match(name) or kind not in _KINDS:
        return HttpResponseBadRequest("Unknown editor.")
    label = request.GET.get("label", "")[:200] or "Policy"
    text, key = "", ""
    if name.startswith("override-"):
        caller: Principal = request.principal
        arn, key = request.GET.get("principal", ""), request.GET.get("key", "")
        if not is_source_arn(arn):
            return HttpResponseBadRequest("Give the ARN of a user, group or role.")
        try:
            authorize(caller, Operation("iam:SimulatePrincipalPolicy", arn))
            entries = principal_snapshot(caller, arn).entries
            entry = next(e for e in entries if e.key == key)
        except (IamError, StopIteration):
            return HttpResponseBadRequest("That policy is not one of this principal's.")
        if not entry.readable:
            return HttpResponseBadRequest(entry.denied_message)
        text, kind = editable_copy(entry.source.document_text), entry.policy_type
    return render(request, "policies/partials/_simulation_editor.html", {
        "editor": editor(name, label, kind, text), "override_key": key,
    })


@require_GET
def simulator_policy_text_view(request: HttpRequest) -> JsonResponse:
    """A managed policy's default version text, to start an editor from (JSON).

    Authorized as iam:GetPolicyVersion on the policy.
    """
    authorize_simulator(request.principal)
    caller: Principal = request.principal
    try:
        arn, text = simulator_policy_document(account_pk=caller.account_pk,
                                              name_or_arn=request.GET.get("policy", ""))
        authorize(caller, Operation("iam:GetPolicyVersion", arn))
    except IamError as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    return JsonResponse({"arn": arn, "text": editable_copy(text)})


@require_GET
def simulator_policy_names_view(request: HttpRequest) -> HttpResponse:
    """The managed policies an editor can start from, as <option>s (htmx).

    Authorized as iam:ListPolicies on *.
    """
    authorize_simulator(request.principal)
    authorize(request.principal, Operation("iam:ListPolicies", "*"))
    names = simulator_policy_names(account_pk=request.principal.account_pk)
    return render(request, "policies/partials/_simulation_policy_names.html", {"names": names})


urlpatterns = [
    path("simulator/policies/", simulator_policies_view, name="simulator_policies"),
    path("simulator/actions/", simulator_actions_view, name="simulator_actions"),
    path("simulator/context/", simulator_context_view, name="simulator_context"),
    path("simulator/editor/", simulator_editor_view, name="simulator_editor"),
    path("simulator/policy-text/", simulator_policy_text_view, name="simulator_policy_text"),
    path("simulator/policy-names/", simulator_policy_names_view,
         name="simulator_policy_names"),
]
