"""Attaching a managed policy to users, groups and roles from its page, and detaching it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from accounts.models import IamGroup, IamUser, Role
from accounts.selectors import group_get, role_get, user_get
from iamconsole.exceptions import IamError, InvalidInput
from iamconsole.htmx import is_htmx_partial

from ..authorization import attachment_context
from ..models import ManagedPolicy
from ..selectors import policy_attachable_entities
from ..services import policy_attach, policy_detach
from ._common import (
    allow,
    caller_account,
    detail_url,
    policy_for,
    with_policy_arn,
)

CANDIDATES_PER_KIND = 50
# Entity kind in the posted value -> (label, AWS action suffix, lookup).
KINDS = {
    "user": ("User", "User", user_get),
    "group": ("Group", "Group", group_get),
    "role": ("Role", "Role", role_get),
}
Entity = IamUser | IamGroup | Role


def _entity(request: HttpRequest, value: str) -> tuple[str, Entity]:
    """The user, group or role named by a posted `kind:name`, in the caller's account."""
    kind, _, name = value.partition(":")
    if kind not in KINDS or not name:
        raise InvalidInput(f"{value!r} is not an entity (user:NAME, group:NAME or role:NAME).",
                           field="entity")
    return kind, KINDS[kind][2](account=caller_account(request), name=name)


def _candidates(
    request: HttpRequest, policy: ManagedPolicy, query: str
) -> list[tuple[str, str, Any]]:
    """Users, groups and roles the policy is not attached to yet, matching the search."""
    found = policy_attachable_entities(policy=policy, account=caller_account(request),
                                       name_contains=query or None, limit=CANDIDATES_PER_KIND)
    return [(kind, KINDS[kind][0], entity) for kind, entity in found]


@with_policy_arn
def policy_attach_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Attach{User,Group,Role}Policy for the chosen entities; GET lists the candidates.

    Listing the candidates reads the account's users, groups and roles (ListUsers,
    ListGroups, ListRoles); each attachment is authorized on the entity's ARN with the
    policy's ARN as iam:PolicyARN (and the entity's boundary as iam:PermissionsBoundary), as
    AWS does: a policy that refuses attaching AdministratorAccess refuses it here too.
    """
    allow(request, "iam:GetPolicy", arn)
    policy = policy_for(request, arn)
    for action in ("iam:ListUsers", "iam:ListGroups", "iam:ListRoles"):
        allow(request, action)
    chosen = request.POST.getlist("entity") if request.method == "POST" else (
        request.GET.getlist("entity"))
    error = ""
    if request.method == "POST":
        if not chosen:
            error = "Choose at least one user, group or role."
        else:
            try:
                entities = [_entity(request, value) for value in chosen]
                # All or nothing: a limit reached on the third entity undoes the first two.
                with transaction.atomic():
                    for kind, entity in entities:
                        allow(request, f"iam:Attach{KINDS[kind][1]}Policy", entity.arn,
                              attachment_context(entity, policy.arn))
                        policy_attach(policy=policy, entity=entity)
            except IamError as exc:
                if exc.code == "AccessDenied":
                    raise
                error = exc.message
            else:
                names = ", ".join(entity.name for _, entity in entities)
                messages.success(request, f"Policy {policy.name} attached to {names}.")
                return redirect(detail_url(policy, "entities"))
    query = request.GET.get("q", "").strip()
    candidates = _candidates(request, policy, query)
    shown = {f"{kind}:{entity.name}" for kind, _, entity in candidates}
    context = {
        "policy": policy,
        "query": query,
        "chosen": set(chosen),
        "candidates": candidates,
        # Chosen before the search narrowed the list: kept as hidden fields, not lost.
        "kept": sorted(set(chosen) - shown),
        "per_kind": CANDIDATES_PER_KIND,
        "error": error,
        "nav_section": "policies:policy_list",
    }
    if is_htmx_partial(request):
        return render(request, "policies/partials/_attach_candidates.html", context)
    return render(request, "policies/policy_attach.html", context, status=400 if error else 200)


@require_POST
@with_policy_arn
def policy_detach_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Detach{User,Group,Role}Policy for the posted entity (`kind:name`)."""
    allow(request, "iam:GetPolicy", arn)
    policy = policy_for(request, arn)
    kind, entity = _entity(request, request.POST.get("entity", ""))
    allow(request, f"iam:Detach{KINDS[kind][1]}Policy", entity.arn,
          attachment_context(entity, policy.arn))
    policy_detach(policy=policy, entity=entity)
    messages.success(request, f"Policy {policy.name} detached from {kind} {entity.name}.")
    return redirect(detail_url(policy, "entities"))


urlpatterns = [
    path("policies/attach/<path:arn>", policy_attach_view, name="policy_attach"),
    path("policies/detach/<path:arn>", policy_detach_view, name="policy_detach"),
]
