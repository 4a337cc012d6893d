"""The simulator page's htmx fragments: a principal's policies, the action picker, the context
table, extra policy editors, and loading a managed policy into an editor."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from iamconsole.exceptions import IamError
from iamconsole.operations import caller_for

from ..engine import service_reference as ref
from ..operations.simulation import (
    managed_policy_names,
    managed_policy_text,
    principal_policies,
    simulator_access,
)
from ..simulation import context_type_for, global_keys
from ..simulation.catalog import service_actions
from ..simulation.inputs import editable_copy, is_source_arn
from ..simulation.page import ContextRow, form_to_json
from .simulator_support import (
    CONTEXT_TYPE_LABELS,
    context_section,
    editor,
    policy_listing,
    posted_context_rows,
    render,
)

_EDITOR_NAME = re.compile(r"^(policy-\d+|endpoint-\d+|(scp|rcp)-\d+-\d+|override-\d+)$")
_KINDS = ("identity", "boundary", "session", "resource", "scp", "rcp", "endpoint")


@require_GET
def simulator_policies_view(request: HttpRequest) -> HttpResponse:
    """The principal's policies with "leave out" and "edit for this simulation" (htmx).

    Authorized as SimulatePrincipalPolicy on the principal; each policy's text is shown only
    when GetPolicyVersion (managed) or Get{User,Group,Role}Policy (inline) allows.
    """
    caller = caller_for(request)
    simulator_access(caller)
    arn = request.GET.get("principal", "").strip()
    listing, error = None, None
    if arn:
        try:
            listing = policy_listing(caller, arn, set(), {})
        except IamError as exc:
            error = exc.message
    return render(request, "policies/partials/_simulation_policies.html",
                  {"listing": listing, "listing_error": error, "principal_arn": arn})


@require_GET
def simulator_actions_view(request: HttpRequest) -> HttpResponse:
    """One service's actions by access level, for the picker (htmx).

    Reads only AWS's public service reference, no account data, so no IAM operation applies.
    """
    simulator_access(caller_for(request))
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

    GetContextKeysForPrincipalPolicy or GetContextKeysForCustomPolicy; refused, the table
    says so. An added key (`add_key`) becomes a row.
    """
    caller = caller_for(request)
    simulator_access(caller)
    data, _refs = form_to_json(request.POST)
    rows = posted_context_rows(request.POST)
    added = (request.POST.get("add_key_custom") or request.POST.get("add_key") or "").strip()
    notice = ""
    if added:
        if ":" not in added or len(added) > 256 or " " in added:
            notice = f"{added} is not a condition key like aws:SourceIp."
        elif all(row.key.lower() != added.lower() for row in rows):
            rows.append(ContextRow(key=added, type=context_type_for(added), origin="user"))
    section = context_section(caller, data, rows)
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
    caller = caller_for(request)
    simulator_access(caller)
    name = request.GET.get("name", "")
    kind = request.GET.get("kind", "identity")
    if not _EDITOR_NAME.match(name) or kind not in _KINDS:
        return HttpResponseBadRequest("Unknown editor.")
    label = request.GET.get("label", "")[:200] or "Policy"
    text, key = "", ""
    if name.startswith("override-"):
        arn, key = request.GET.get("principal", ""), request.GET.get("key", "")
        if not is_source_arn(arn):
            return HttpResponseBadRequest("Give the ARN of a user, group or role.")
        try:
            entries = principal_policies(caller, arn).entries
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

    Authorized as GetPolicyVersion on the policy.
    """
    caller = caller_for(request)
    simulator_access(caller)
    try:
        arn, text = managed_policy_text(caller, request.GET.get("policy", ""))
    except IamError as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    return JsonResponse({"arn": arn, "text": editable_copy(text)})


@require_GET
def simulator_policy_names_view(request: HttpRequest) -> HttpResponse:
    """The managed policies an editor can start from, as <option>s (htmx).

    Authorized as ListPolicies.
    """
    caller = caller_for(request)
    simulator_access(caller)
    names = managed_policy_names(caller)
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
