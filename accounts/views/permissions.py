"""Permissions of users, groups and roles: managed policies, inline policies and the boundary.

One set of pages for the three kinds, each running the kind's operations (AttachUserPolicy,
PutGroupPolicy, PutRolePermissionsBoundary...), which authorize themselves.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError
from iamconsole.operations import caller_for
from policies.validation import validate_policy

from ..forms_users import InlinePolicyForm
from .kinds import GROUP, ROLE, USER, EntityKind
from .pickers import build_picker, selected_policies
from .support import form_error, run

NEW_INLINE_POLICY = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Statement1",
            "Effect": "Allow",
            "Action": [],
            "Resource": []
        }
    ]
}"""


def _crumbs(kind: EntityKind, name: str, last: str) -> list[tuple[str, str | None]]:
    return [(kind.list_label, kind.list_url()), (name, kind.detail_url(name)), (last, None)]


def _searching(request: HttpRequest) -> bool:
    """A POST that only searches the picker (Enter in its search box without scripts)."""
    return request.POST.get("nav") == "refresh"


def policy_attach_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Pick managed policies (AWS's and the account's) and attach them: all or none."""
    caller = caller_for(request)
    listing = kind.operation("ListAttached{}Policies")(caller=caller, **kind.named(name))
    attached = tuple(listing.run().values_list("arn", flat=True))
    entity = listing.entity
    chosen = request.POST.getlist("policies") if request.method == "POST" else []
    error, status = "", 200
    if request.method == "POST" and not _searching(request):
        policies = selected_policies(caller.account, chosen)
        if not policies:
            error, status = "Select at least one policy to attach.", 400
        else:
            attach = kind.operation("Attach{}Policy")
            try:
                caller.run_all([attach(caller=caller, **kind.named(entity.name),
                                       policy_arn=policy.arn) for policy in policies])
            except IamError as exc:
                error, status = exc.message, exc.status
            else:
                names = ", ".join(p.name for p in policies)
                messages.success(request, f"Attached to {kind.label} {entity.name}: {names}.")
                return redirect(kind.detail_url(entity.name))
    picker = build_picker(caller.account, kind="policies", field_name="policies",
                          label="Permissions policies", selected=chosen,
                          query=request.POST.get("policies_q", ""),
                          scope=request.POST.get("policies_scope", "All"), exclude=attached)
    return render(request, "accounts/entity_policy_attach.html", {
        "entity": entity, "kind": kind, "picker": picker, "error": error,
        "attached_count": len(attached), "cancel_url": kind.detail_url(entity.name),
        "breadcrumbs": _crumbs(kind, entity.name, "Attach policies"),
    }, status=status)


@require_POST
def policy_detach_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Detach one managed policy."""
    detach = kind.operation("Detach{}Policy")(
        caller=caller_for(request), **kind.named(name),
        policy_arn=request.POST.get("policy_arn", ""))
    policy = detach.run()
    messages.success(request, f"Detached {policy.name} from {kind.label} {detach.entity.name}.")
    return redirect(kind.detail_url(detach.entity.name))


def inline_policy_edit_view(
    request: HttpRequest, name: str, kind: EntityKind, policy_name: str | None = None
) -> HttpResponse:
    """Create or edit an inline policy in the JSON editor; a failed save keeps the text."""
    caller = caller_for(request)
    if policy_name is None:
        read = kind.operation("List{}Policies")(caller=caller, **kind.named(name))
        others, existing = read.run(), None
    else:
        read = kind.operation("Get{}Policy")(caller=caller, **kind.named(name),
                                             policy_name=policy_name)
        others, existing = None, read.run()
    entity = read.entity
    initial = {
        "policy_name": existing.name if existing else "",
        "policy_document": existing.document_text if existing else NEW_INLINE_POLICY,
    }
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and existing is not None:
        data["policy_name"] = existing.name  # an inline policy cannot be renamed
    form = InlinePolicyForm(data, initial=initial)
    report, status = None, 200
    if data is not None:
        report = validate_policy(data.get("policy_document", ""), "identity")
        status = 400
        if form.is_valid():
            chosen = form.cleaned_data["policy_name"]
            if others is not None and others.filter(name__iexact=chosen).exists():
                # Put*Policy would replace it: creating must not overwrite silently.
                form.add_error("policy_name", f"The {kind.label} already has an inline policy "
                               f"named {chosen}. Edit it, or choose another name.")
            else:
                try:
                    run(request, kind.operation("Put{}Policy"), **kind.named(entity.name),
                        policy_name=chosen, policy_document=form.cleaned_data["policy_document"])
                except IamError as exc:
                    form_error(form, exc)
                    status = exc.status
                else:
                    verb = "updated" if existing else "created"
                    messages.success(request, f"Inline policy {chosen} {verb}.")
                    return redirect(kind.detail_url(entity.name))
    return render(request, "accounts/entity_inline_policy.html", {
        "entity": entity, "kind": kind, "form": form, "existing": existing,
        "cancel_url": kind.detail_url(entity.name),
        "report": report if report is not None and report.findings else None,
        # A new policy opens on the visual editor, as Create policy does; a rejected one on
        # the JSON, beside its findings.
        "start_mode": "visual" if existing is None and data is None else "json",
        "breadcrumbs": _crumbs(kind, entity.name,
                               f"Edit {existing.name}" if existing else "Create inline policy"),
    }, status=status)


def inline_policy_delete_view(
    request: HttpRequest, name: str, kind: EntityKind, policy_name: str
) -> HttpResponse:
    """Delete an inline policy: a confirmation page asking for its name (GET), or at once
    from the permissions tab's button (POST without a typed name)."""
    caller = caller_for(request)
    delete = kind.operation("Delete{}Policy")
    error = ""
    if request.method == "POST":
        typed = request.POST.get("confirm")
        if typed is None or typed == policy_name:
            deletion = delete(caller=caller, **kind.named(name), policy_name=policy_name)
            deletion.run()
            messages.success(request, f"Inline policy {policy_name} deleted.")
            return redirect(kind.detail_url(deletion.entity.name))
        error = f"Type the policy name, {policy_name}, to confirm."
    policy = run(request, kind.operation("Get{}Policy"), **kind.named(name),
                 policy_name=policy_name)
    entity = delete(caller=caller, **kind.named(name), policy_name=policy.name).preflight().entity
    return render(request, "accounts/entity_inline_policy_delete.html", {
        "entity": entity, "kind": kind, "policy": policy, "entity_label": "inline policy",
        "name": policy.name, "blockers": [], "error": error, "action_url": request.path,
        "cancel_url": kind.detail_url(entity.name),
        "breadcrumbs": _crumbs(kind, entity.name, f"Delete {policy.name}"),
    }, status=400 if error else 200)


def boundary_set_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Set or change the permissions boundary of a user or role."""
    caller = caller_for(request)
    entity = run(request, kind.operation("Get{}"), **kind.named(name))
    current = entity.permissions_boundary
    chosen = request.POST.get("boundary", "") if request.method == "POST" else (
        current.arn if current else "")
    error, status = "", 200
    if request.method == "POST" and not _searching(request):
        found = selected_policies(caller.account, [chosen]) if chosen else []
        if not found:
            error, status = "Choose the managed policy to use as the permissions boundary.", 400
        else:
            policy = found[0]
            try:
                run(request, kind.operation("Put{}PermissionsBoundary"),
                    **kind.named(entity.name), permissions_boundary=policy.arn)
            except IamError as exc:
                error, status = exc.message, exc.status
            else:
                messages.success(request, f"Permissions boundary of {entity.name} set to "
                                 f"{policy.name}.")
                return redirect(kind.detail_url(entity.name))
    picker = build_picker(caller.account, kind="policies", field_name="boundary",
                          label="Permissions boundary", multiple=False,
                          selected=[chosen] if chosen else [],
                          query=request.POST.get("boundary_q", ""),
                          scope=request.POST.get("boundary_scope", "All"))
    return render(request, "accounts/entity_boundary.html", {
        "entity": entity, "kind": kind, "picker": picker, "error": error, "current": current,
        "cancel_url": kind.detail_url(entity.name),
        "breadcrumbs": _crumbs(kind, entity.name, "Set permissions boundary"),
    }, status=status)


@require_POST
def boundary_remove_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Remove the permissions boundary of a user or role."""
    entity = run(request, kind.operation("Delete{}PermissionsBoundary"), **kind.named(name))
    messages.success(request, f"Permissions boundary removed from {entity.name}.")
    return redirect(kind.detail_url(entity.name))


def _patterns(prefix: str, kind: EntityKind) -> list[Any]:
    base = f"{prefix}/details/<str:name>/"
    name = kind.url_prefix
    patterns = [
        path(base + "policies/attach/", policy_attach_view, {"kind": kind},
             name=f"{name}_policy_attach"),
        path(base + "policies/detach/", policy_detach_view, {"kind": kind},
             name=f"{name}_policy_detach"),
        path(base + "inline-policies/create/", inline_policy_edit_view, {"kind": kind},
             name=f"{name}_inline_create"),
        path(base + "inline-policies/<str:policy_name>/edit/", inline_policy_edit_view,
             {"kind": kind}, name=f"{name}_inline_edit"),
        path(base + "inline-policies/<str:policy_name>/delete/", inline_policy_delete_view,
             {"kind": kind}, name=f"{name}_inline_delete"),
    ]
    if kind.has_boundary:
        patterns += [
            path(base + "boundary/", boundary_set_view, {"kind": kind},
                 name=f"{name}_boundary_set"),
            path(base + "boundary/remove/", boundary_remove_view, {"kind": kind},
                 name=f"{name}_boundary_remove"),
        ]
    return patterns


urlpatterns = [*_patterns("users", USER), *_patterns("groups", GROUP), *_patterns("roles", ROLE)]
