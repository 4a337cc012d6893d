"""Deleting users and groups: the blockers AWS reports, typed confirmation, with dependents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from iamconsole.operations import Operation, caller_for

from ..models import IamGroup, IamUser
from ..operations.groups import DeleteGroup
from ..operations.users import DeleteUser
from ..services.groups import group_dependents
from ..services.users import user_dependents
from .support import blocker_lines


@dataclass(frozen=True)
class Deletable:
    """How to delete one kind of entity: its Delete* operation and what blocks it."""

    label: str
    operation: type[Operation]
    name_field: str
    dependents: Callable[..., list[dict[str, str]]]
    list_url: str

    def deletion(self, request: HttpRequest, entity: IamUser | IamGroup,
                 with_dependents: bool = False) -> Operation:
        """The operation deleting `entity` as the signed-in caller."""
        return self.operation(caller=caller_for(request), with_dependents=with_dependents,
                              **{self.name_field: entity.name})


USER = Deletable("user", DeleteUser, "user_name", user_dependents, "accounts:iamuser_list")
GROUP = Deletable("group", DeleteGroup, "group_name", group_dependents,
                  "accounts:group_list")


def _kind(entity: IamUser | IamGroup) -> Deletable:
    return USER if isinstance(entity, IamUser) else GROUP


def delete_entity(request: HttpRequest, entity: IamUser | IamGroup) -> list[dict[str, str]]:
    """Delete with the dependents it has (each removal authorized as its own operation).
    Returns the blockers that were removed."""
    kind = _kind(entity)
    blockers = kind.dependents(entity)
    kind.deletion(request, entity, with_dependents=bool(blockers)).run()
    return blockers


def confirm_delete(
    request: HttpRequest, entity: IamUser | IamGroup, *, template: str, cancel_url: str,
    breadcrumbs: list[tuple[str, str | None]],
) -> HttpResponse:
    """GET: show the blockers and ask for the name; POST: delete once the name is typed."""
    kind = _kind(entity)
    blockers = kind.dependents(entity)
    kind.deletion(request, entity).preflight()
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "") == entity.name:
            delete_entity(request, entity)
            messages.success(request, f"{kind.label.capitalize()} {entity.name} deleted.")
            return redirect(kind.list_url)
        error = f"Type the {kind.label} name, {entity.name}, to confirm."
    return render(request, template, {
        "entity": entity,
        "entity_label": kind.label,
        "name": entity.name,
        "blockers": blocker_lines(blockers),
        "action_url": request.path,
        "cancel_url": cancel_url,
        "error": error,
        "breadcrumbs": breadcrumbs,
    }, status=400 if error else 200)


def bulk_delete(
    request: HttpRequest, entities: list[IamUser] | list[IamGroup], *, kind: Deletable,
    template: str, breadcrumbs: list[tuple[str, str | None]],
) -> HttpResponse:
    """Several users or groups at once: list each one's blockers, confirm by typing "delete"."""
    for entity in entities:
        kind.deletion(request, entity).preflight()
    rows = [(entity, blocker_lines(kind.dependents(entity))) for entity in entities]
    error = ""
    if request.method == "POST" and entities:
        if request.POST.get("confirm", "").strip().lower() == "delete":
            # All of them or none: a refusal or conflict for one undoes the others.
            with transaction.atomic():
                for entity in entities:
                    delete_entity(request, entity)
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
