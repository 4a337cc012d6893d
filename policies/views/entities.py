"""Attaching a managed policy to users, groups and roles from its page, and detaching it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from accounts.kinds import GROUP, ROLE, USER, Kind
from accounts.operations.groups import ListGroups
from accounts.operations.roles import ListRoles
from accounts.operations.users import ListUsers
from accounts.views.support import run
from iamconsole.exceptions import IamError, InvalidInput
from iamconsole.htmx import is_htmx_partial
from iamconsole.operations import Caller, Operation, caller_for

from ..models import ManagedPolicy
from ..operations.attached import (
    AttachGroupPolicy,
    AttachRolePolicy,
    AttachUserPolicy,
    DetachGroupPolicy,
    DetachRolePolicy,
    DetachUserPolicy,
)
from ..operations.managed import GetPolicy
from ..selectors import policy_attachable_entities
from ._common import detail_url, with_policy_arn

CANDIDATES_PER_KIND = 50
# The kind in a posted `kind:name` -> the kind, its Attach*Policy and its Detach*Policy.
KINDS: dict[str, tuple[Kind, type[Operation], type[Operation]]] = {
    "user": (USER, AttachUserPolicy, DetachUserPolicy),
    "group": (GROUP, AttachGroupPolicy, DetachGroupPolicy),
    "role": (ROLE, AttachRolePolicy, DetachRolePolicy),
}
ATTACH, DETACH = 1, 2


def _change(caller: Caller, value: str, which: int, policy_arn: str) -> Any:
    """The attach or detach of the policy for the user, group or role a posted `kind:name`
    names."""
    key, _, name = value.partition(":")
    if key not in KINDS or not name:
        raise InvalidInput(f"{value!r} is not an entity (user:NAME, group:NAME or role:NAME).",
                           field="entity")
    kind = KINDS[key][0]
    return KINDS[key][which](caller=caller, policy_arn=policy_arn, **{kind.name_field: name})


def _candidates(
    request: HttpRequest, policy: ManagedPolicy, query: str
) -> list[tuple[str, str, Any]]:
    """Users, groups and roles the policy is not attached to yet, matching the search."""
    found = policy_attachable_entities(policy=policy, account=caller_for(request).account,
                                       name_contains=query or None, limit=CANDIDATES_PER_KIND)
    return [(key, KINDS[key][0].noun, entity) for key, entity in found]


@with_policy_arn
def policy_attach_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Attach{User,Group,Role}Policy for the chosen entities, all or none; GET lists the
    candidates (GetPolicy, and ListUsers, ListGroups and ListRoles for them).

    Each attachment is its operation, authorized on the entity's ARN with the policy's ARN
    as iam:PolicyARN (and the entity's boundary as iam:PermissionsBoundary), as AWS does: a
    policy that refuses attaching AdministratorAccess refuses it here too.
    """
    caller = caller_for(request)
    policy = run(request, GetPolicy, policy_arn=arn)
    for listing in (ListUsers, ListGroups, ListRoles):
        run(request, listing)
    chosen = request.POST.getlist("entity") if request.method == "POST" else (
        request.GET.getlist("entity"))
    error, status = "", 200
    if request.method == "POST":
        if not chosen:
            error, status = "Choose at least one user, group or role.", 400
        else:
            try:
                attachments = [_change(caller, value, ATTACH, policy.arn) for value in chosen]
                # All or nothing: a limit reached on the third entity undoes the first two.
                caller.run_all(attachments)
            except IamError as exc:
                error, status = exc.message, exc.status
            else:
                names = ", ".join(attachment.entity.name for attachment in attachments)
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
    return render(request, "policies/policy_attach.html", context, status=status)


@require_POST
@with_policy_arn
def policy_detach_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Detach{User,Group,Role}Policy for the posted entity (`kind:name`), from the policy's
    page (GetPolicy)."""
    policy = run(request, GetPolicy, policy_arn=arn)
    detach = _change(caller_for(request), request.POST.get("entity", ""), DETACH, policy.arn)
    detach.run()
    messages.success(request, f"Policy {policy.name} detached from "
                              f"{detach.kind.label} {detach.entity.name}.")
    return redirect(detail_url(arn, "entities"))


urlpatterns = [
    path("policies/attach/<path:arn>", policy_attach_view, name="policy_attach"),
    path("policies/detach/<path:arn>", policy_detach_view, name="policy_detach"),
]
