"""An organization's SCP or RCP: created, read, changed and deleted by the management
account with the policy editor, which validates the document with the type's grammar."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from iamconsole.exceptions import IamError

from ..forms_organization import EDITOR_TYPES, FIELD_MAP, OrganizationPolicyForm
from ..models.organizations import SCP
from ..operations.organization_policies import (
    CreatePolicy,
    DeletePolicy,
    DescribePolicy,
    ListTargetsForPolicy,
    UpdatePolicy,
)
from .organization import error_status, require
from .support import form_error, permits, run

EMPTY = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Deny",\n' \
        '      "Action": "",\n      "Resource": "*"\n    }\n  ]\n}'


def _render(request: HttpRequest, form: OrganizationPolicyForm, status: int,
            **context: Any) -> HttpResponse:
    policy_type = form["policy_type"].value() or SCP
    return render(request, "accounts/organization_policy.html", {
        "form": form, "editor_type": EDITOR_TYPES.get(policy_type, "scp"), **context},
        status=status)


def organization_policy_create_view(request: HttpRequest) -> HttpResponse:
    """CreatePolicy: name, description, type and document."""
    require(request, CreatePolicy)
    if request.method != "POST":
        form = OrganizationPolicyForm(initial={
            "policy_type": request.GET.get("type", SCP), "content": EMPTY})
        return _render(request, form, 200, can_save=permits(request, CreatePolicy))
    form = OrganizationPolicyForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = run(request, CreatePolicy, name=data["name"],
                          description=data["description"], content=data["content"],
                          type=data["policy_type"])
        except IamError as exc:
            form_error(form, exc, FIELD_MAP)
            status = error_status(exc)
        else:
            summary = created["Policy"]["PolicySummary"]
            messages.success(request, f"Policy {summary['Name']} created.")
            return redirect("accounts:organization_policy", policy_id=summary["Id"])
    return _render(request, form, status, can_save=permits(request, CreatePolicy))


def organization_policy_view(request: HttpRequest, policy_id: str) -> HttpResponse:
    """DescribePolicy and ListTargetsForPolicy; UpdatePolicy or DeletePolicy when posted."""
    require(request, DescribePolicy)
    status = 200
    form = None
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            run(request, DeletePolicy, policy_id=policy_id)
        except IamError as exc:
            messages.error(request, exc.message)
            status = error_status(exc)
        else:
            messages.success(request, "Policy deleted.")
            return redirect("accounts:organization")
    policy = run(request, DescribePolicy, policy_id=policy_id)["Policy"]
    summary = policy["PolicySummary"]
    if request.method == "POST" and request.POST.get("action") == "update":
        form = OrganizationPolicyForm({**request.POST.dict(), "policy_type": summary["Type"]})
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                run(request, UpdatePolicy, policy_id=policy_id, name=data["name"],
                    description=data["description"], content=data["content"])
            except IamError as exc:
                form_error(form, exc, FIELD_MAP)
                status = error_status(exc)
            else:
                messages.success(request, "Policy saved.")
                return redirect("accounts:organization_policy", policy_id=policy_id)
    form = form or OrganizationPolicyForm(initial={
        "name": summary["Name"], "description": summary["Description"],
        "policy_type": summary["Type"], "content": policy["Content"]})
    targets = run(request, ListTargetsForPolicy, policy_id=policy_id)["Targets"]
    return _render(request, form, status, summary=summary, targets=targets,
                   can_save=permits(request, UpdatePolicy),
                   can_delete=permits(request, DeletePolicy))


urlpatterns = [
    path("organization/policies/new/", organization_policy_create_view,
         name="organization_policy_create"),
    path("organization/policies/<str:policy_id>/", organization_policy_view,
         name="organization_policy"),
]
