"""Editing a role's trust policy (UpdateAssumeRolePolicy), validated as a trust policy."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from iamconsole.exceptions import IamError

from ...forms_roles import TrustPolicyForm
from ...operations.roles import GetRole, UpdateAssumeRolePolicy
from ..support import run
from ._common import document_error, role_crumbs


def role_trust_edit_view(request: HttpRequest, name: str) -> HttpResponse:
    """Edit the trust policy in the editor; errors are listed by line and column, text kept."""
    role = run(request, GetRole, role_name=name)
    form = TrustPolicyForm(request.POST or None, initial={"trust_policy": role.trust_policy})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                run(request, UpdateAssumeRolePolicy, role_name=role.name,
                    policy_document=form.cleaned_data["trust_policy"])
            except IamError as exc:
                document_error(form, "trust_policy", exc)
                status = exc.status
            else:
                messages.success(request, f"Trust policy of role {role.name} updated.")
                return redirect(reverse("accounts:role_detail", args=[role.name]) + "?tab=trust")
    return render(request, "accounts/role_trust_edit.html", {
        "role": role, "form": form, "breadcrumbs": role_crumbs(role, "Edit trust policy"),
    }, status=status)


urlpatterns = [
    path("roles/details/<str:name>/trust/edit/", role_trust_edit_view, name="role_trust_edit"),
]
