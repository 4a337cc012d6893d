"""Deleting a service-linked role from its page: DeleteServiceLinkedRole starts the deletion
task (the service removes what holds the role), and the page says how it ended."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from iamconsole.operations import caller_for

from ...models import ServiceLinkedRoleDeletion
from ...operations.service_linked_roles import DeleteServiceLinkedRole
from ...services.roles import role_dependents
from ._common import role_crumbs


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
    path("roles/details/<str:name>/delete-service-linked/", service_linked_role_delete_view,
         name="role_service_linked_delete"),
]
