"""The policy simulator page: who, which actions on which resources, what context; the result.

GET opens the page, filled from a shared link (`?s=`), a preset (`?preset=`) or a
preselection (`?principal=<arn>`, `?policy=<arn>`, `?action=s3:GetObject`); POST runs the
simulation (SimulatePrincipalPolicy or SimulateCustomPolicy) and answers the results
fragment (htmx) or the whole page; the principal picker lists users, groups and roles when
the caller may list them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse

from iamconsole.exceptions import IamError
from iamconsole.htmx import is_htmx_partial
from iamconsole.operations import caller_for

from ..operations.simulation import (
    SimulateCustomPolicy,
    SimulatePrincipalPolicy,
    managed_policy_text,
    operation_inputs,
    picker_access,
    simulator_access,
)
from ..simulation import (
    DECISION_LABELS,
    SimulationResult,
    decode_state,
    encode_state,
    global_keys,
    is_shareable,
)
from ..simulation.catalog import service_choices
from ..simulation.page import FieldRef, PageState, form_to_json
from ..simulation.selectors import (
    simulator_preset_get,
    simulator_preset_list,
    simulator_principal_choices,
)
from . import simulator_parts, simulator_presets
from .simulator_support import (
    CONTEXT_TYPE_LABELS,
    ContextSection,
    PolicyListing,
    action_rows,
    context_section,
    editor,
    error_items,
    page_state_json,
    policy_listing,
    posted_context_rows,
    render,
)


def _run(request: HttpRequest, data: dict[str, Any], refs: dict[str, FieldRef]
         ) -> tuple[SimulationResult | None, list[Any], int]:
    """Run the simulation; the errors come back as a list of ErrorItems, with the status
    of the error (an AccessDenied stays a 403)."""
    operation = SimulateCustomPolicy if data.get("mode") == "custom" else SimulatePrincipalPolicy
    try:
        return caller_for(request).run(operation, **operation_inputs(operation, data)), [], 200
    except IamError as exc:
        return None, error_items(exc, refs), exc.status


def share_url(data: dict[str, Any]) -> str | None:
    """The link that reopens this simulation, or None when it is too long for a link."""
    token = encode_state(data)
    return f"{reverse('policies:simulator')}?s={token}" if is_shareable(token) else None


def results_context(result: SimulationResult | None, errors: list[Any],
                    data: dict[str, Any]) -> dict[str, Any]:
    """The results fragment's context."""
    policy_data = {
        p.key: {"name": p.name, "kind": p.kind, "via": p.via, "edited": p.edited,
                "text": p.text, "hidden": p.hidden_reason}
        for p in (result.policies if result else ())
    }
    return {
        "result": result,
        "errors": errors,
        "share_url": share_url(data),
        "decision_labels": DECISION_LABELS,
        "policy_data": policy_data,
    }


def _initial_state(request: HttpRequest) -> tuple[PageState, dict[str, Any] | None, list[Any]]:
    """The state a GET opens with, the JSON to run (if any), and errors opening it."""
    caller = caller_for(request)
    params = request.GET
    try:
        if params.get("s"):
            data = decode_state(params["s"])
            return PageState.from_json(data), data, []
        if params.get("preset", "").isdigit():
            preset = simulator_preset_get(account_pk=request.principal.account_pk,
                                          pk=int(params["preset"]))
            return PageState.from_json(preset.simulation), preset.simulation, []
    except IamError as exc:
        return PageState(), None, error_items(exc, {})
    state = PageState(actions=[(a, "*") for a in params.getlist("action") if a])
    if params.get("principal"):
        state.principal = params["principal"]
    elif params.get("policy"):
        state.mode = "custom"
        try:
            state.policies = [managed_policy_text(caller, params["policy"])[1]]
        except IamError as exc:
            return state, None, error_items(exc, {})
    return state, None, []


def page_context(request: HttpRequest, state: PageState, *, result: SimulationResult | None = None,
                 errors: list[Any] | None = None, data: dict[str, Any] | None = None,
                 context: ContextSection | None = None) -> dict[str, Any]:
    """Everything simulator.html shows."""
    caller = caller_for(request)
    account_id = caller.account_id
    access = simulator_access(caller)
    if state.mode == "principal" and not access.principal.allowed:
        state.mode = "custom"
    elif state.mode == "custom" and not access.custom.allowed:
        state.mode = "principal"
    can = picker_access(caller)
    choices = simulator_principal_choices(
        account_pk=request.principal.account_pk, **{kind: d.allowed for kind, d in can.items()}
    )
    listing: PolicyListing | None = None
    listing_error = None
    if state.mode == "principal" and state.principal:
        try:
            listing = policy_listing(caller, state.principal, state.exclusions, state.overrides)
        except IamError as exc:
            listing_error = exc.message
    levels = {
        kind: [
            [editor(f"{kind}-{li}-{pi}", f"{kind.upper()} level {li + 1}, policy {pi + 1}", kind,
                    text) for pi, text in enumerate(level)]
            for li, level in enumerate(getattr(state, f"{kind}_levels"))
        ]
        for kind in ("scp", "rcp")
    }
    if context is None:
        context = context_section(caller, page_state_json(state), state.context)
    principal_groups = [
        {"label": "Users", "rows": choices.users, "decision": can["users"]},
        {"label": "User groups", "rows": choices.groups, "decision": can["groups"]},
        {"label": "Roles", "rows": choices.roles, "decision": can["roles"]},
    ]
    listed = {arn for group in principal_groups for _name, arn in group["rows"]}
    return {
        "state": state,
        "access": access,
        "choices": choices,
        "principal_groups": principal_groups,
        "principal_listed": state.principal in listed,
        "organization_sections": [
            ("scp", levels["scp"], "Service control policies (SCPs)",
             "Organization guardrails on the caller's account, one level per organizational unit "
             "from the root down. Every level must allow; a level with no policies allows "
             "nothing. Levels typed here replace the organization's own SCPs."),
            ("rcp", levels["rcp"], "Resource control policies (RCPs)",
             "Organization guardrails on the resources' account, root first. They can only deny: "
             "each level implicitly includes RCPFullAWSAccess. Levels typed here replace the "
             "organization's own RCPs."),
        ],
        "listing": listing,
        "listing_error": listing_error,
        "custom_editors": [
            editor(f"policy-{i}", f"Policy {i + 1}", "identity", text, removable=i > 0)
            for i, text in enumerate(state.policies or [""])
        ],
        "boundary_editor": editor("boundary", "Permissions boundary", "boundary", state.boundary,
                                  removable=False),
        "session_editor": editor("session_policy", "Session policy", "session",
                                 state.session_policy, removable=False),
        "resource_editor": editor("resource_policy", "Resource-based policy", "resource",
                                  state.resource_policy, removable=False),
        "endpoint_editors": [
            editor(f"endpoint-{i}", f"VPC endpoint policy {i + 1}", "endpoint", text)
            for i, text in enumerate(state.endpoint_policies)
        ],
        "action_rows": action_rows(state.actions, account_id),
        "context": context,
        "context_type_labels": CONTEXT_TYPE_LABELS,
        "global_keys": global_keys(),
        "services": service_choices(),
        "presets": simulator_preset_list(account_pk=request.principal.account_pk),
        **results_context(result, errors or [], data or {}),
        "has_results": result is not None or bool(errors),
    }


def simulator_view(request: HttpRequest) -> HttpResponse:
    """The simulator page (GET) and running a simulation (POST)."""
    simulator_access(caller_for(request))
    if request.method == "POST":
        data, refs = form_to_json(request.POST)
        result, errors, status = _run(request, data, refs)
        if is_htmx_partial(request):
            response = render(request, "policies/partials/_simulation_results.html",
                              results_context(result, errors, data))
            url = share_url(data)
            if url:
                response["HX-Push-Url"] = url
            return response
        state = PageState.from_json(data)
        state.context = posted_context_rows(request.POST)
        context = page_context(request, state, result=result, errors=errors, data=data)
        return render(request, "policies/simulator.html", context, status=status)
    state, data, errors = _initial_state(request)
    result = None
    if data is not None and data.get("action_names"):
        result, errors, _status = _run(request, data, {})
    context = page_context(request, state, result=result, errors=errors, data=data)
    return render(request, "policies/simulator.html", context)


urlpatterns = [
    path("simulator/", simulator_view, name="simulator"),
    *simulator_parts.urlpatterns,
    *simulator_presets.urlpatterns,
]
