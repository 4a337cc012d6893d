"""Deleting roles (one or several) and instance profiles: blockers, typed confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from policies.authorization import attachment_context

from ...models import InstanceProfile, Role
from ...services import (
    instance_profile_delete,
    instance_profile_delete_with_dependents,
    role_delete,
    role_delete_with_dependents,
)
from ...services.roles import role_dependents
from ._common import (
    allow,
    caller_account,
    current_boundary_context,
    profile_for,
    profiles_crumbs,
    role_crumbs,
    role_for,
    roles_crumbs,
)


def blocker_lines(blockers: list[dict[str, str]]) -> list[str]:
    """DeleteConflict blockers as lines of the confirmation page."""
    return [f"{b['type'].capitalize()}: {b['name']}" for b in blockers]


def role_blocker_lines(role: Role, blockers: list[dict[str, str]]) -> list[str]:
    """The role's blockers, saying what happens to each instance profile."""
    lines = []
    for blocker in blockers:
        line = f"{blocker['type'].capitalize()}: {blocker['name']}"
        if blocker["type"] == "instance profile":
            line += (" (deleted too: it was created with the role)"
                     if blocker["name"].lower() == role.name.lower()
                     else " (the role is taken out; the profile stays)")
        lines.append(line)
    return lines


def authorize_role_delete(request: HttpRequest, role: Role) -> list[dict[str, str]]:
    """DeleteRole, plus what removing each dependent performs; returns the blockers."""
    blockers = role_dependents(role)
    allow(request, "iam:DeleteRole", role.arn, current_boundary_context(role))
    for blocker in blockers:
        if blocker["type"] == "attached policy":
            allow(request, "iam:DetachRolePolicy", role.arn,
                  attachment_context(role, blocker["name"]))
        elif blocker["type"] == "inline policy":
            allow(request, "iam:DeleteRolePolicy", role.arn, current_boundary_context(role))
    for profile in InstanceProfile.objects.filter(role=role).only("name", "arn"):
        allow(request, "iam:RemoveRoleFromInstanceProfile", profile.arn)
        if profile.name.lower() == role.name.lower():  # the service deletes this one too
            allow(request, "iam:DeleteInstanceProfile", profile.arn)
    return blockers


def delete_role(request: HttpRequest, role: Role) -> None:
    """Delete after authorizing; with its policies and instance-profile links when it has any."""
    if authorize_role_delete(request, role):
        role_delete_with_dependents(role=role)
    else:
        role_delete(role=role)


def role_delete_view(request: HttpRequest, name: str) -> HttpResponse:
    """DeleteRole after typing the role's name, listing what goes with it."""
    role = role_for(request, name, "iam:DeleteRole")
    blockers = role_dependents(role)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "") == role.name:
            delete_role(request, role)
            messages.success(request, f"Role {role.name} deleted.")
            return redirect("accounts:role_list")
        error = f"Type the role name, {role.name}, to confirm."
    return render(request, "accounts/role_delete.html", {
        "role": role, "entity_label": "role", "name": role.name,
        "blockers": role_blocker_lines(role, blockers), "error": error,
        "action_url": request.path,
        "cancel_url": reverse("accounts:role_detail", args=[role.name]),
        "breadcrumbs": role_crumbs(role, "Delete"),
    }, status=400 if error else 200)


def role_bulk_delete_view(request: HttpRequest) -> HttpResponse:
    """Delete the roles checked on the list, after typing "delete"."""
    account = caller_account(request)
    allow(request, "iam:ListRoles")
    names = request.POST.getlist("names") if request.method == "POST" else (
        request.GET.getlist("names"))
    roles = list(Role.objects.filter(account=account, name__in=names)
                 .select_related("permissions_boundary").order_by("name"))
    rows = [(role, role_blocker_lines(role, authorize_role_delete(request, role)))
            for role in roles]
    error = ""
    if request.method == "POST" and roles:
        if request.POST.get("confirm", "").strip().lower() == "delete":
            for role in roles:
                delete_role(request, role)
            listed = ", ".join(role.name for role in roles)
            messages.success(request, f"Deleted {len(roles)} role{'s' if len(roles) != 1 else ''}"
                                      f": {listed}.")
            return redirect("accounts:role_list")
        error = 'Type "delete" to confirm.'
    return render(request, "accounts/role_bulk_delete.html", {
        "rows": rows, "error": error,
        "breadcrumbs": roles_crumbs(("Delete roles", None)),
    }, status=400 if error else 200)


def instanceprofile_delete_view(request: HttpRequest, name: str) -> HttpResponse:
    """DeleteInstanceProfile after typing its name; its role is taken out first, not deleted."""
    profile = profile_for(request, name, "iam:DeleteInstanceProfile")
    # The role is only taken out of the profile; the confirmation says so.
    blockers = ([{"type": "role", "name": f"{profile.role.name} (taken out of the profile, "
                                          "not deleted)"}] if profile.role else [])
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "") == profile.name:
            if profile.role is not None:
                allow(request, "iam:RemoveRoleFromInstanceProfile", profile.arn)
                instance_profile_delete_with_dependents(instance_profile=profile)
            else:
                instance_profile_delete(instance_profile=profile)
            messages.success(request, f"Instance profile {profile.name} deleted.")
            return redirect("accounts:instanceprofile_list")
        error = f"Type the instance profile name, {profile.name}, to confirm."
    detail = reverse("accounts:instanceprofile_detail", args=[profile.name])
    return render(request, "accounts/instanceprofile_delete.html", {
        "profile": profile, "entity_label": "instance profile", "name": profile.name,
        "blockers": blocker_lines(blockers), "error": error, "action_url": request.path,
        "cancel_url": detail,
        "breadcrumbs": profiles_crumbs((profile.name, detail), ("Delete", None)),
    }, status=400 if error else 200)


urlpatterns = [
    path("roles/delete/", role_bulk_delete_view, name="role_bulk_delete"),
    path("roles/details/<str:name>/delete/", role_delete_view, name="role_delete"),
    path("instance-profiles/details/<str:name>/delete/", instanceprofile_delete_view,
         name="instanceprofile_delete"),
]
