"""Deleting users, groups, roles and instance profiles: the blockers AWS reports, typed
confirmation, and the delete with its dependents (each removal its own operation)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from iamconsole.operations import Operation, caller_for

from .. import kinds
from ..kinds import Kind, kind_of
from ..operations.groups import DeleteGroup
from ..operations.instance_profiles import DeleteInstanceProfile
from ..operations.roles import DeleteRole, created_with
from ..operations.users import DeleteUser
from ..services.groups import group_dependents
from ..services.instance_profiles import instance_profile_dependents
from ..services.roles import role_dependents
from ..services.users import user_dependents

Crumbs = list[tuple[str, str | None]]


def _no_note(entity: Any, blocker: dict[str, str]) -> str:
    return ""


def _role_note(role: Any, blocker: dict[str, str]) -> str:
    """What happens to each instance profile of a deleted role, as the AWS console does it."""
    if blocker["type"] != "instance profile":
        return ""
    if created_with(blocker["name"], role.name):
        return " (deleted too: it was created with the role)"
    return " (the role is taken out; the profile stays)"


def _profile_note(profile: Any, blocker: dict[str, str]) -> str:
    return " (taken out of the profile, not deleted)"


@dataclass(frozen=True)
class Deletable:
    """How to delete one kind of entity: its Delete* operation, what blocks it, its pages."""

    kind: Kind
    operation: type[Operation]
    dependents: Callable[[Any], list[dict[str, str]]]
    list_url: str  # the URL name of the kind's list
    list_label: str  # the list's breadcrumb
    detail_url: str  # the URL name of an entity's page
    nothing: str  # what an entity without dependents has none of
    note: Callable[[Any, dict[str, str]], str] = _no_note  # what becomes of a blocker

    @property
    def label(self) -> str:
        return self.kind.label

    def deletion(self, request: HttpRequest, name: str,
                 with_dependents: bool = False) -> Operation:
        """The operation deleting the entity called `name` as the signed-in caller."""
        return self.operation(caller=caller_for(request), with_dependents=with_dependents,
                              **{self.kind.name_field: name})

    def blocker_lines(self, entity: Any) -> list[str]:
        """The entity's blockers as sentences for the confirmation page."""
        # Only the first letter is raised: "SSH public key" keeps its capitals.
        return [f"{b['type'][:1].upper()}{b['type'][1:]}: {b['name']}{self.note(entity, b)}"
                for b in self.dependents(entity)]

    def crumbs(self, entity: Any | None, last: str) -> Crumbs:
        """IAM › <list> (› <entity>) › last."""
        crumbs: Crumbs = [(self.list_label, reverse(self.list_url))]
        if entity is not None:
            crumbs.append((entity.name, reverse(self.detail_url, args=[entity.name])))
        return [*crumbs, (last, None)]


USER = Deletable(kinds.USER, DeleteUser, user_dependents, "accounts:iamuser_list", "Users",
                 "accounts:iamuser_detail", "credentials, policies or group memberships")
GROUP = Deletable(kinds.GROUP, DeleteGroup, group_dependents, "accounts:group_list",
                  "User groups", "accounts:group_detail", "members or policies")
ROLE = Deletable(kinds.ROLE, DeleteRole, role_dependents, "accounts:role_list", "Roles",
                 "accounts:role_detail", "policies or instance profiles", _role_note)
INSTANCE_PROFILE = Deletable(
    kinds.INSTANCE_PROFILE, DeleteInstanceProfile, instance_profile_dependents,
    "accounts:instanceprofile_list", "Instance profiles", "accounts:instanceprofile_detail",
    "role", _profile_note,
)
_BY_KIND = {d.kind: d for d in (USER, GROUP, ROLE, INSTANCE_PROFILE)}


def deletable(entity: Any) -> Deletable:
    """How to delete this user, group, role or instance profile."""
    return _BY_KIND[kind_of(entity)]


def confirm_delete(
    request: HttpRequest, entity: Any, *, template: str, cancel_url: str, breadcrumbs: Crumbs,
) -> HttpResponse:
    """GET: show the blockers and ask for the name; POST: once the name is typed, delete with
    whatever depends on it (each removal authorized as its own operation)."""
    kind = deletable(entity)
    kind.deletion(request, entity.name).preflight()
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "") == entity.name:
            kind.deletion(request, entity.name, with_dependents=True).run()
            messages.success(request, f"{kind.label.capitalize()} {entity.name} deleted.")
            return redirect(kind.list_url)
        error = f"Type the {kind.label} name, {entity.name}, to confirm."
    return render(request, template, {
        "entity": entity,
        "entity_label": kind.label,
        "name": entity.name,
        "nothing": kind.nothing,
        "blockers": kind.blocker_lines(entity),
        "action_url": request.path,
        "cancel_url": cancel_url,
        "error": error,
        "breadcrumbs": breadcrumbs,
    }, status=400 if error else 200)


def delete_view(request: HttpRequest, name: str, *, kind: Deletable) -> HttpResponse:
    """Delete one group, role or instance profile after typing its name (URL kwarg `kind`)."""
    entity = kind.deletion(request, name).preflight().entity
    return confirm_delete(
        request, entity, template="accounts/entity_delete.html",
        cancel_url=reverse(kind.detail_url, args=[entity.name]),
        breadcrumbs=kind.crumbs(entity, "Delete"),
    )


def bulk_delete(
    request: HttpRequest, entities: list[Any], *, kind: Deletable, template: str,
    breadcrumbs: Crumbs,
) -> HttpResponse:
    """Several entities of one kind at once: list each one's blockers, confirm by typing
    "delete"; all of them are deleted or none (a refusal or conflict undoes the others)."""
    for entity in entities:
        kind.deletion(request, entity.name).preflight()
    rows = [(entity, kind.blocker_lines(entity)) for entity in entities]
    error = ""
    if request.method == "POST" and entities:
        if request.POST.get("confirm", "").strip().lower() == "delete":
            caller_for(request).run_all([kind.deletion(request, entity.name, with_dependents=True)
                                         for entity in entities])
            names = ", ".join(entity.name for entity in entities)
            messages.success(request, f"Deleted {len(entities)} {kind.label}"
                             f"{'s' if len(entities) != 1 else ''}: {names}.")
            return redirect(kind.list_url)
        error = 'Type "delete" to confirm.'
    return render(request, template, {
        "rows": rows,
        "entity_label": kind.label,
        "error": error,
        "cancel_url": reverse(kind.list_url),
        "breadcrumbs": breadcrumbs,
    }, status=400 if error else 200)


def bulk_delete_view(request: HttpRequest, *, kind: Deletable,
                     listing: type[Operation]) -> HttpResponse:
    """Delete the entities ticked on a list (the names its list operation returns)."""
    source = request.POST if request.method == "POST" else request.GET
    rows = caller_for(request).run(listing).filter(name__in=source.getlist("names"))
    return bulk_delete(request, list(rows.order_by("name")), kind=kind,
                       template="accounts/entity_bulk_delete.html",
                       breadcrumbs=kind.crumbs(None, f"Delete {kind.label}s"))
