"""Permissions of users and groups: managed policies, inline policies and the boundary."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError, MalformedPolicyDocument
from policies.authorization import attachment_context, current_boundary_context
from policies.selectors import attached_policies, inline_policy_get, inline_policy_list, policy_get
from policies.services import (
    inline_policy_delete,
    inline_policy_put,
    permissions_boundary_delete,
    permissions_boundary_put,
    policy_attach,
    policy_detach,
)
from policies.validation import validate_policy

from ..forms_users import InlinePolicyForm
from .kinds import GROUP, USER, EntityKind
from .pickers import build_picker, selected_policies
from .support import allow, caller_account, form_error

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


def policy_attach_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Pick managed policies (AWS's and the account's) and attach them."""
    account = caller_account(request)
    entity = kind.authorized(request, name, kind.list_attached_action)
    attached = tuple(attached_policies(entity).values_list("arn", flat=True))
    chosen = request.POST.getlist("policies") if request.method == "POST" else []
    error = ""
    if request.method == "POST":
        policies = selected_policies(account, chosen)
        if not policies:
            error = "Select at least one policy to attach."
        else:
            for policy in policies:
                allow(request, kind.attach_action, entity.arn,
                      attachment_context(entity, policy.arn))
            try:
                for policy in policies:
                    policy_attach(policy=policy, entity=entity)
            except IamError as exc:
                error = exc.message
            else:
                names = ", ".join(p.name for p in policies)
                messages.success(request, f"Attached to {kind.label} {entity.name}: {names}.")
                return redirect(kind.detail_url(entity.name))
    picker = build_picker(account, kind="policies", field_name="policies",
                          label="Permissions policies", selected=chosen, exclude=attached)
    return render(request, "accounts/entity_policy_attach.html", {
        "entity": entity, "kind": kind, "picker": picker, "error": error,
        "attached_count": len(attached), "cancel_url": kind.detail_url(entity.name),
        "breadcrumbs": _crumbs(kind, entity.name, "Attach policies"),
    }, status=400 if error else 200)


@require_POST
def policy_detach_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Detach one managed policy."""
    account = caller_account(request)
    entity = kind.authorized(request, name, kind.detach_action)
    policy = policy_get(account=account, arn=request.POST.get("policy_arn", ""))
    allow(request, kind.detach_action, entity.arn,
          attachment_context(entity, policy.arn))
    policy_detach(policy=policy, entity=entity)
    messages.success(request, f"Detached {policy.name} from {kind.label} {entity.name}.")
    return redirect(kind.detail_url(entity.name))


def inline_policy_edit_view(
    request: HttpRequest, name: str, kind: EntityKind, policy_name: str | None = None
) -> HttpResponse:
    """Create or edit an inline policy in the JSON editor; a failed save keeps the text."""
    action = kind.get_inline_action if policy_name is not None else kind.put_inline_action
    entity = kind.authorized(request, name, action)
    existing = None
    if policy_name is not None:
        existing = inline_policy_get(entity=entity, name=policy_name)
    initial = {
        "policy_name": existing.name if existing else "",
        "policy_document": existing.document_text if existing else NEW_INLINE_POLICY,
    }
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and existing is not None:
        data["policy_name"] = existing.name  # an inline policy cannot be renamed
    form = InlinePolicyForm(data, initial=initial)
    report = None
    if data is not None:
        report = validate_policy(data.get("policy_document", ""), "identity")
        if form.is_valid():
            chosen = form.cleaned_data["policy_name"]
            taken = existing is None and inline_policy_exists(entity, chosen)
            if taken:
                form.add_error("policy_name", f"The {kind.label} already has an inline policy "
                               f"named {chosen}. Edit it, or choose another name.")
            else:
                allow(request, kind.put_inline_action, entity.arn, current_boundary_context(entity))
                try:
                    inline_policy_put(entity=entity, name=chosen,
                                      policy_document=form.cleaned_data["policy_document"])
                except MalformedPolicyDocument as exc:
                    form_error(form, exc)
                except IamError as exc:
                    form_error(form, exc)
                else:
                    verb = "updated" if existing else "created"
                    messages.success(request, f"Inline policy {chosen} {verb}.")
                    return redirect(kind.detail_url(entity.name))
    else:
        allow(request, kind.put_inline_action, entity.arn, current_boundary_context(entity))
    return render(request, "accounts/entity_inline_policy.html", {
        "entity": entity, "kind": kind, "form": form, "existing": existing,
        "cancel_url": kind.detail_url(entity.name),
        "report": report if report is not None and report.findings else None,
        "breadcrumbs": _crumbs(kind, entity.name,
                               f"Edit {existing.name}" if existing else "Create inline policy"),
    }, status=400 if form.is_bound and form.errors else 200)


def inline_policy_exists(entity: Any, name: str) -> bool:
    """True when the entity has an inline policy with this name (ignoring case)."""
    return inline_policy_list(entity).filter(name__iexact=name).exists()


@require_POST
def inline_policy_delete_view(
    request: HttpRequest, name: str, kind: EntityKind, policy_name: str
) -> HttpResponse:
    """Delete an inline policy."""
    entity = kind.authorized(request, name, kind.delete_inline_action)
    allow(request, kind.delete_inline_action, entity.arn, current_boundary_context(entity))
    inline_policy_delete(entity=entity, name=policy_name)
    messages.success(request, f"Inline policy {policy_name} deleted.")
    return redirect(kind.detail_url(entity.name))


def boundary_set_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Set or change a user's permissions boundary."""
    account = caller_account(request)
    entity = kind.authorized(request, name, "iam:GetUser")
    current = entity.permissions_boundary
    chosen = request.POST.get("boundary", "") if request.method == "POST" else (
        current.arn if current else "")
    error = ""
    if request.method == "POST":
        found = selected_policies(account, [chosen]) if chosen else []
        if not found:
            error = "Choose the managed policy to use as the permissions boundary."
        else:
            policy = found[0]
            allow(request, "iam:PutUserPermissionsBoundary", entity.arn,
                  {"iam:PermissionsBoundary": policy.arn})
            try:
                permissions_boundary_put(entity=entity, policy=policy)
            except IamError as exc:
                error = exc.message
            else:
                messages.success(request, f"Permissions boundary of {entity.name} set to "
                                 f"{policy.name}.")
                return redirect(kind.detail_url(entity.name))
    picker = build_picker(account, kind="policies", field_name="boundary",
                          label="Permissions boundary", multiple=False,
                          selected=[chosen] if chosen else [])
    return render(request, "accounts/iamuser_boundary.html", {
        "entity": entity, "kind": kind, "picker": picker, "error": error, "current": current,
        "cancel_url": kind.detail_url(entity.name),
        "breadcrumbs": _crumbs(kind, entity.name, "Set permissions boundary"),
    }, status=400 if error else 200)


@require_POST
def boundary_remove_view(request: HttpRequest, name: str, kind: EntityKind) -> HttpResponse:
    """Remove a user's permissions boundary."""
    entity = kind.authorized(request, name, "iam:DeleteUserPermissionsBoundary")
    allow(request, "iam:DeleteUserPermissionsBoundary", entity.arn,
          current_boundary_context(entity))
    permissions_boundary_delete(entity=entity)
    messages.success(request, f"Permissions boundary removed from {entity.name}.")
    return redirect(kind.detail_url(entity.name))


def _patterns(prefix: str, kind: EntityKind) -> list[Any]:
    base = f"{prefix}/details/<str:name>/"
    name = kind.url_prefix
    return [
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


urlpatterns = [
    *_patterns("users", USER),
    *_patterns("groups", GROUP),
    path("users/details/<str:name>/boundary/", boundary_set_view, {"kind": USER},
         name="iamuser_boundary_set"),
    path("users/details/<str:name>/boundary/remove/", boundary_remove_view, {"kind": USER},
         name="iamuser_boundary_remove"),
]
