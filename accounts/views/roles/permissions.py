"""A role's permissions: attach and detach managed policies, inline policies, the boundary."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from iamconsole.exceptions import IamError
from policies.authorization import attachment_context
from policies.selectors import attached_policies, inline_policy_get
from policies.services import (
    inline_policy_delete,
    inline_policy_put,
    permissions_boundary_delete,
    permissions_boundary_put,
    policy_attach,
    policy_detach,
)

from ...forms_roles import InlinePolicyForm
from ...models import Role
from ..pickers import build_picker
from ..pickers import selected_policies as policies_by_arn
from ._common import (
    allow,
    caller_account,
    current_boundary_context,
    document_error,
    form_error,
    role_crumbs,
    role_for,
)

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


def _permissions_url(role: Role) -> str:
    return reverse("accounts:role_detail", args=[role.name]) + "?tab=permissions"


def role_policy_attach_view(request: HttpRequest, name: str) -> HttpResponse:
    """AttachRolePolicy for each managed policy picked (AWS's or the account's)."""
    role = role_for(request, name, "iam:ListAttachedRolePolicies")
    allow(request, "iam:ListPolicies")
    account = caller_account(request)
    attached = tuple(attached_policies(role).values_list("arn", flat=True))
    chosen = request.POST.getlist("policies") if request.method == "POST" else []
    error = ""
    # "refresh" is Enter in the search box: show the matches, keep the selection.
    if request.method == "POST" and request.POST.get("nav") != "refresh":
        policies = policies_by_arn(account, chosen)
        if not policies:
            error = "Select at least one policy to attach."
        else:
            for policy in policies:
                allow(request, "iam:AttachRolePolicy", role.arn,
                      attachment_context(role, policy.arn))
            try:
                # All the policies or none: a quota hit halfway leaves the role as it was.
                with transaction.atomic():
                    for policy in policies:
                        policy_attach(policy=policy, entity=role)
            except IamError as exc:
                error = exc.message
            else:
                names = ", ".join(p.name for p in policies)
                messages.success(request, f"Attached to role {role.name}: {names}.")
                return redirect(_permissions_url(role))
    picker = build_picker(account, kind="policies", field_name="policies",
                          label="Other permissions policies", selected=chosen,
                          query=request.POST.get("policies_q", ""),
                          scope=request.POST.get("policies_scope", "All"), exclude=attached)
    return render(request, "accounts/role_policy_attach.html", {
        "role": role, "picker": picker, "error": error, "attached_count": len(attached),
        "breadcrumbs": role_crumbs(role, "Attach policies"),
    }, status=400 if error else 200)


@require_POST
def role_policy_detach_view(request: HttpRequest, name: str) -> HttpResponse:
    """DetachRolePolicy."""
    arn = request.POST.get("policy_arn", "")
    role = role_for(request, name, "iam:DetachRolePolicy", **{"iam:PolicyARN": arn})
    policy = attached_policies(role).filter(arn=arn).first()
    if policy is None:
        messages.error(request, f"Policy {arn} is not attached to role {role.name}.")
    else:
        policy_detach(policy=policy, entity=role)
        messages.success(request, f"Policy {policy.name} detached from role {role.name}.")
    return redirect(_permissions_url(role))


def role_inline_edit_view(request: HttpRequest, name: str,
                          policy_name: str | None = None) -> HttpResponse:
    """PutRolePolicy: create or edit an inline policy; a failed save keeps the text."""
    role = role_for(request, name, "iam:GetRolePolicy" if policy_name else "iam:PutRolePolicy")
    existing = inline_policy_get(entity=role, name=policy_name) if policy_name else None
    initial = ({"policy_name": existing.name, "policy_document": existing.document_text}
               if existing else {"policy_document": NEW_INLINE_POLICY})
    form = InlinePolicyForm(request.POST or None, initial=initial)
    if existing is not None:
        form.fields["policy_name"].disabled = True
    status = 200
    if request.method == "POST":
        allow(request, "iam:PutRolePolicy", role.arn, current_boundary_context(role))
        if form.is_valid():
            data = form.cleaned_data
            try:
                if existing is None and role.inline_policies.filter(
                    name__iexact=data["policy_name"]
                ).exists():
                    # PutRolePolicy would replace it; creating must not overwrite silently.
                    form.add_error("policy_name", f"The role already has an inline policy "
                                                  f"named {data['policy_name']}.")
                else:
                    inline_policy_put(entity=role, name=data["policy_name"],
                                      policy_document=data["policy_document"])
                    verb = "updated" if existing else "created"
                    messages.success(request, f"Inline policy {data['policy_name']} {verb}.")
                    return redirect(_permissions_url(role))
            except IamError as exc:
                if exc.field == "policy_document":
                    document_error(form, "policy_document", exc)
                else:
                    form_error(form, exc)
        status = 400
    label = f"Edit {existing.name}" if existing else "Create inline policy"
    return render(request, "accounts/role_inline_policy.html", {
        "role": role, "form": form, "existing": existing, "title": label,
        "breadcrumbs": role_crumbs(role, label),
    }, status=status)


def role_inline_delete_view(request: HttpRequest, name: str, policy_name: str) -> HttpResponse:
    """DeleteRolePolicy after typing the policy's name."""
    role = role_for(request, name, "iam:DeleteRolePolicy")
    policy = inline_policy_get(entity=role, name=policy_name)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "") == policy.name:
            inline_policy_delete(entity=role, name=policy.name)
            messages.success(request, f"Inline policy {policy.name} deleted.")
            return redirect(_permissions_url(role))
        error = f"Type the policy name, {policy.name}, to confirm."
    return render(request, "accounts/role_inline_policy_delete.html", {
        "role": role, "policy": policy, "entity_label": "inline policy", "name": policy.name,
        "blockers": [], "error": error, "action_url": request.path,
        "cancel_url": _permissions_url(role),
        "breadcrumbs": role_crumbs(role, f"Delete {policy.name}"),
    }, status=400 if error else 200)


def role_boundary_view(request: HttpRequest, name: str) -> HttpResponse:
    """PutRolePermissionsBoundary: pick the managed policy that caps the role's permissions."""
    role = role_for(request, name, "iam:GetRole")
    allow(request, "iam:ListPolicies")
    account = caller_account(request)
    current = role.permissions_boundary.arn if role.permissions_boundary else ""
    chosen = request.POST.get("boundary", "") if request.method == "POST" else current
    error = ""
    if request.method == "POST" and request.POST.get("nav") != "refresh":
        found = policies_by_arn(account, [chosen]) if chosen else []
        if not found:
            error = "Select the policy to use as the permissions boundary."
        else:
            allow(request, "iam:PutRolePermissionsBoundary", role.arn,
                  {"iam:PermissionsBoundary": found[0].arn})
            try:
                permissions_boundary_put(entity=role, policy=found[0])
            except IamError as exc:
                error = exc.message
            else:
                messages.success(request, f"Permissions boundary of role {role.name} set to "
                                          f"{found[0].name}.")
                return redirect(_permissions_url(role))
    picker = build_picker(account, kind="policies", field_name="boundary",
                          label="Permissions boundary policy",
                          selected=[chosen] if chosen else [],
                          query=request.POST.get("boundary_q", ""),
                          scope=request.POST.get("boundary_scope", "All"), multiple=False,
                          allow_none=True)
    return render(request, "accounts/role_boundary.html", {
        "role": role, "picker": picker, "error": error,
        "breadcrumbs": role_crumbs(role, "Permissions boundary"),
    }, status=400 if error else 200)


@require_POST
def role_boundary_remove_view(request: HttpRequest, name: str) -> HttpResponse:
    """DeleteRolePermissionsBoundary."""
    role = role_for(request, name, "iam:DeleteRolePermissionsBoundary")
    if role.permissions_boundary is None:
        messages.info(request, f"Role {role.name} has no permissions boundary.")
    else:
        permissions_boundary_delete(entity=role)
        messages.success(request, f"Permissions boundary removed from role {role.name}.")
    return redirect(_permissions_url(role))


_BASE = "roles/details/<str:name>/"
urlpatterns = [
    path(_BASE + "policies/attach/", role_policy_attach_view, name="role_policy_attach"),
    path(_BASE + "policies/detach/", role_policy_detach_view, name="role_policy_detach"),
    path(_BASE + "inline-policies/create/", role_inline_edit_view, name="role_inline_create"),
    path(_BASE + "inline-policies/<str:policy_name>/edit/", role_inline_edit_view,
         name="role_inline_edit"),
    path(_BASE + "inline-policies/<str:policy_name>/delete/", role_inline_delete_view,
         name="role_inline_delete"),
    path(_BASE + "boundary/", role_boundary_view, name="role_boundary"),
    path(_BASE + "boundary/remove/", role_boundary_remove_view, name="role_boundary_remove"),
]
