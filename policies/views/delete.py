"""Deleting customer-managed policies, one or several, with what blocks them shown first."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from accounts.views.support import run
from iamconsole.operations import caller_for

from ..models import ManagedPolicy
from ..operations.managed import DeletePolicy, ListPolicies
from ..services.managed import policy_dependents
from ._common import detail_url, policy_arn, with_policy_arn

BULK_CONFIRMATION = "delete"


@dataclass(frozen=True)
class Doomed:
    """A policy about to be deleted and the sentences describing what blocks it."""

    policy: ManagedPolicy
    blockers: list[str]

    def deletion(self, request: HttpRequest) -> DeletePolicy:
        """DeletePolicy after the removals AWS's console makes of what blocks it (detaching
        it, removing it as a boundary, deleting its other versions), each authorized as the
        operation it is."""
        return DeletePolicy(caller=caller_for(request), policy_arn=self.policy.arn,
                            with_dependents=True)


def _doomed(request: HttpRequest, arn: str) -> Doomed:
    """A policy the caller may delete (AWS refuses it for AWS-managed ones) and its blockers."""
    policy = DeletePolicy(caller=caller_for(request), policy_arn=arn).preflight().entity
    return Doomed(policy, [f"{b['type']}: {b['name']}" for b in policy_dependents(policy)])


@with_policy_arn
def policy_delete_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Confirm by typing the policy's name, then delete it with whatever blocks it."""
    doomed = _doomed(request, arn)
    policy = doomed.policy
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == policy.name:
            doomed.deletion(request).run()
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
        run(request, ListPolicies)
        messages.warning(request, "Select the customer managed policies to delete first.")
        return redirect("policies:policy_list")
    doomed = [_doomed(request, policy_arn(request, arn)) for arn in arns]
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == BULK_CONFIRMATION:
            # All or none: a refusal or conflict for one policy undoes the others.
            caller_for(request).run_all([item.deletion(request) for item in doomed])
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
