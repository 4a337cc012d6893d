"""Deleting users and groups: the blockers AWS reports, typed confirmation, with dependents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from policies.authorization import attachment_context

from ..models import IamGroup, IamUser
from ..services import (
    group_delete,
    group_delete_with_dependents,
    user_delete,
    user_delete_with_dependents,
)
from ..services.groups import group_dependents
from ..services.users import user_dependents
from .support import allow, blocker_lines

# The operation that removes each kind of dependent, as AWS names it.
_USER_DEPENDENT_ACTIONS = {
    "login profile": "iam:DeleteLoginProfile",
    "access key": "iam:DeleteAccessKey",
    "MFA device": "iam:DeactivateMFADevice",
    "inline policy": "iam:DeleteUserPolicy",
    "attached policy": "iam:DetachUserPolicy",
}
_GROUP_DEPENDENT_ACTIONS = {
    "member": "iam:RemoveUserFromGroup",
    "inline policy": "iam:DeleteGroupPolicy",
    "attached policy": "iam:DetachGroupPolicy",
}


@dataclass(frozen=True)
class Deletable:
    """How to delete one kind of entity."""

    label: str
    action: str
    dependents: Callable[..., list[dict[str, str]]]
    delete: Callable[..., None]
    delete_all: Callable[..., None]
    keyword: str
    list_url: str


USER = Deletable("user", "iam:DeleteUser", user_dependents, user_delete,
                 user_delete_with_dependents, "user", "accounts:iamuser_list")
GROUP = Deletable("group", "iam:DeleteGroup", group_dependents, group_delete,
                  group_delete_with_dependents, "group", "accounts:group_list")


def _kind(entity: IamUser | IamGroup) -> Deletable:
    return USER if isinstance(entity, IamUser) else GROUP


def authorize_delete(request: HttpRequest, entity: IamUser | IamGroup,
                     blockers: list[dict[str, str]]) -> None:
    """Delete<Entity> plus every operation that removing its dependents performs."""
    kind = _kind(entity)
    allow(request, kind.action, entity.arn)
    if kind is USER and any(b["type"] == "group membership" for b in blockers):
        # RemoveUserFromGroup is authorized on the group, so each group's ARN is needed.
        for group_arn in IamGroup.objects.filter(memberships__user=entity).values_list(
            "arn", flat=True
        ):
            allow(request, "iam:RemoveUserFromGroup", group_arn)
    for blocker in blockers:
        action = (_USER_DEPENDENT_ACTIONS if kind is USER else _GROUP_DEPENDENT_ACTIONS).get(
            blocker["type"]
        )
        if action:
            # A detach is authorized with the policy detached (its ARN is the blocker's name),
            # and every removal with the user's boundary, as AWS does.
            policy_arn = blocker["name"] if blocker["type"] == "attached policy" else None
            allow(request, action, entity.arn, attachment_context(entity, policy_arn))
        if blocker["type"] == "MFA device":  # the device itself goes too; its ARN is its serial
            allow(request, "iam:DeleteVirtualMFADevice", blocker["name"])


def delete_entity(request: HttpRequest, entity: IamUser | IamGroup) -> list[dict[str, str]]:
    """Delete after authorizing; with its dependents when it has any. Returns the blockers."""
    kind = _kind(entity)
    blockers = kind.dependents(entity)
    authorize_delete(request, entity, blockers)
    if blockers:
        kind.delete_all(**{kind.keyword: entity})
    else:
        kind.delete(**{kind.keyword: entity})
    return blockers


def confirm_delete(
    request: HttpRequest, entity: IamUser | IamGroup, *, template: str, cancel_url: str,
    breadcrumbs: list[tuple[str, str | None]],
) -> HttpResponse:
    """GET: show the blockers and ask for the name; POST: delete once the name is typed."""
    kind = _kind(entity)
    blockers = kind.dependents(entity)
    allow(request, kind.action, entity.arn)
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
        allow(request, kind.action, entity.arn)
    rows = [(entity, blocker_lines(kind.dependents(entity))) for entity in entities]
    error = ""
    if request.method == "POST" and entities:
        if request.POST.get("confirm", "").strip().lower() == "delete":
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
