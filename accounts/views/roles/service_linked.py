"""Service-linked roles in the console: created for a service from the roles list, deleted
from the role's page by DeleteServiceLinkedRole's deletion task (the service removes what
holds the role), the page saying how it ended."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from iamconsole.exceptions import IamError
from iamconsole.identifiers import iam_arn
from iamconsole.operations import caller_for
from iamconsole.validators import SERVICE_ROLE_PATH

from ...forms_roles import ServiceLinkedRoleForm
from ...models import ServiceLinkedRoleDeletion
from ...operations.service_linked_roles import CreateServiceLinkedRole, DeleteServiceLinkedRole
from ...services.roles import role_dependents
from ..support import form_error
from ._common import role_crumbs, roles_crumbs


def any_service_role(account_id: str) -> str:
    """The ARN pattern of every service-linked role of the account (before a service is
    chosen)."""
    return iam_arn(account_id, "role", SERVICE_ROLE_PATH, "*")


def service_linked_role_create_view(request: HttpRequest) -> HttpResponse:
    """CreateServiceLinkedRole: the role a service uses, created for it; then its page."""
    caller = caller_for(request)
    caller.require(CreateServiceLinkedRole, any_service_role(caller.account_id))
    form = ServiceLinkedRoleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                role = caller.run(CreateServiceLinkedRole,
                                  aws_service_name=data["aws_service_name"].strip(),
                                  custom_suffix=data["custom_suffix"] or None,
                                  description=data["description"])
            except IamError as exc:
                form_error(form, exc)
                status = exc.status
            else:
                messages.success(request, f"Service-linked role {role.name} created.")
                return redirect("accounts:role_detail", role.name)
    return render(request, "accounts/role_service_linked_create.html", {
        "form": form, "breadcrumbs": roles_crumbs(("Create service-linked role", None)),
    }, status=status)


def service_linked_role_delete_view(request: HttpRequest, name: str) -> HttpResponse:
    """GET: what the service removes with the role, and a typed-name confirmation; POST: run
    DeleteServiceLinkedRole and report its deletion task."""
    caller = caller_for(request)
    role = DeleteServiceLinkedRole(caller=caller, role_name=name).preflight().entity
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "") == role.name:
            task = caller.run(DeleteServiceLinkedRole, role_name=role.name)
            if task.status == ServiceLinkedRoleDeletion.Status.FAILED:
                messages.error(request, f"Deletion task {task.task_id} failed: {task.reason}")
                return redirect("accounts:role_detail", role.name)
            messages.success(request, f"Service-linked role {role.name} deleted (deletion "
                                      f"task {task.task_id}: {task.status}).")
            return redirect("accounts:role_list")
        error = f"Type the role name, {role.name}, to confirm."
    return render(request, "accounts/role_service_linked_delete.html", {
        "entity": role,
        "entity_label": "service-linked role",
        "name": role.name,
        "removed": [f"{b['type'].capitalize()}: {b['name']}" for b in role_dependents(role)],
        "blockers": [],  # nothing blocks it: the service removes them
        "action_url": request.path,
        "cancel_url": reverse("accounts:role_detail", args=[role.name]),
        "error": error,
        "breadcrumbs": role_crumbs(role, "Delete"),
    }, status=400 if error else 200)


urlpatterns = [
    path("roles/create-service-linked/", service_linked_role_create_view,
         name="role_service_linked_create"),
    path("roles/details/<str:name>/delete-service-linked/", service_linked_role_delete_view,
         name="role_service_linked_delete"),
]
