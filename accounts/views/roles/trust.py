"""Editing a role's trust policy (UpdateAssumeRolePolicy), validated as a trust policy."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from iamconsole.exceptions import IamError

from ...forms_roles import TrustPolicyForm
from ...services import role_update_trust_policy
from ._common import allow, current_boundary_context, document_error, role_crumbs, role_for


def role_trust_edit_view(request: HttpRequest, name: str) -> HttpResponse:
    """Edit the trust policy in the editor; errors are listed by line and column, text kept."""
    role = role_for(request, name, "iam:GetRole")
    form = TrustPolicyForm(request.POST or None, initial={"trust_policy": role.trust_policy})
    status = 200
    if request.method == "POST":
        allow(request, "iam:UpdateAssumeRolePolicy", role.arn, current_boundary_context(role))
        if form.is_valid():
            try:
                role_update_trust_policy(role=role, trust_policy=form.cleaned_data["trust_policy"])
            except IamError as exc:
                document_error(form, "trust_policy", exc)
            else:
                messages.success(request, f"Trust policy of role {role.name} updated.")
                return redirect(reverse("accounts:role_detail", args=[role.name]) + "?tab=trust")
        status = 400
    return render(request, "accounts/role_trust_edit.html", {
        "role": role, "form": form, "breadcrumbs": role_crumbs(role, "Edit trust policy"),
    }, status=status)


urlpatterns = [
    path("roles/details/<str:name>/trust/edit/", role_trust_edit_view, name="role_trust_edit"),
]
