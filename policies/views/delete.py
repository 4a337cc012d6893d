"""Deleting customer-managed policies, one or several, with what blocks them shown first."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from ..authorization import policy_removal_operations
from ..models import ManagedPolicy
from ..selectors import policy_entities
from ..services import policy_delete, policy_delete_with_dependents
from ..services.managed import ensure_customer_managed, policy_dependents
from ._common import allow, caller_account, detail_url, policy_arn, policy_for, with_policy_arn

BULK_CONFIRMATION = "delete"


@dataclass(frozen=True)
class Doomed:
    """A policy about to be deleted and the sentences describing what blocks it."""

    policy: ManagedPolicy
    blockers: list[str]
    has_other_versions: bool


def _doomed(request: HttpRequest, arn: str) -> Doomed:
    """Look up a customer-managed policy to delete (refusing AWS-managed ones) and its blockers."""
    allow(request, "iam:GetPolicy", arn)
    policy = policy_for(request, arn)
    ensure_customer_managed(policy, "delete")
    allow(request, "iam:ListEntitiesForPolicy", arn)
    allow(request, "iam:ListPolicyVersions", arn)
    dependents = policy_dependents(policy)
    blockers = [f"{b['type']}: {b['name']}" for b in dependents]
    return Doomed(policy, blockers, any(b["type"] == "policy version" for b in dependents))


def _delete(request: HttpRequest, doomed: Doomed) -> None:
    """DeletePolicy, after the calls AWS's console makes to remove what blocks it.

    Each of those calls is authorized as itself: detaching from a user needs
    iam:DetachUserPolicy on that user, removing a boundary iam:DeleteUserPermissionsBoundary...
    """
    policy = doomed.policy
    allow(request, "iam:DeletePolicy", policy.arn)
    if not doomed.blockers:
        policy_delete(policy=policy)
        return
    entities = policy_entities(policy=policy, account=caller_account(request))
    for operation in policy_removal_operations(policy, entities):
        allow(request, operation.action, operation.resource, operation.context)
    if doomed.has_other_versions:
        allow(request, "iam:DeletePolicyVersion", policy.arn)
    policy_delete_with_dependents(policy=policy)


@with_policy_arn
def policy_delete_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Confirm by typing the policy's name, then delete it with whatever blocks it."""
    doomed = _doomed(request, arn)
    policy = doomed.policy
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == policy.name:
            with transaction.atomic():
                _delete(request, doomed)
            messages.success(request, f"Policy {policy.name} deleted.")
            return redirect("policies:policy_list")
        error = f"Type {policy.name} exactly to confirm."
    context = {
        "policy": policy,
        "entity_label": "policy",
        "name": policy.name,
        "blockers": doomed.blockers,
        "action_url": reverse("policies:policy_delete", kwargs={"arn": policy.arn}),
        "cancel_url": detail_url(policy),
        "error": error,
        "nav_section": "policies:policy_list",
    }
    return render(request, "policies/policy_delete.html", context, status=400 if error else 200)


def policy_bulk_delete_view(request: HttpRequest) -> HttpResponse:
    """Delete several customer-managed policies chosen on the list, after typing "delete"."""
    arns = list(dict.fromkeys(request.POST.getlist("arn") if request.method == "POST"
                              else request.GET.getlist("arn")))
    if not arns:
        # Nothing chosen: back to the list, which needs what the list needs.
        allow(request, "iam:ListPolicies")
        messages.warning(request, "Select the customer managed policies to delete first.")
        return redirect("policies:policy_list")
    doomed = [_doomed(request, policy_arn(request, arn)) for arn in arns]
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == BULK_CONFIRMATION:
            with transaction.atomic():  # all or none
                for item in doomed:
                    _delete(request, item)
            names = ", ".join(item.policy.name for item in doomed)
            messages.success(request, f"Deleted {len(doomed)} "
                                      f"polic{'y' if len(doomed) == 1 else 'ies'}: {names}.")
            return redirect("policies:policy_list")
        error = f"Type {BULK_CONFIRMATION} to confirm."
    context = {
        "doomed": doomed,
        "confirmation": BULK_CONFIRMATION,
        "error": error,
        "nav_section": "policies:policy_list",
    }
    return render(request, "policies/policy_bulk_delete.html", context,
                  status=400 if error else 200)


urlpatterns = [
    path("policies/delete/", policy_bulk_delete_view, name="policy_bulk_delete"),
    path("policies/delete/<path:arn>", policy_delete_view, name="policy_delete"),
]
