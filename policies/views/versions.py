"""Policy version actions: set the default version, delete a version."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import DeleteConflict

from ..models import ManagedPolicy
from ..services import policy_version_delete, policy_version_set_default
from ..services.managed import ensure_customer_managed
from ._common import allow, detail_url, policy_for, with_policy_arn


def _customer_policy(request: HttpRequest, arn: str) -> ManagedPolicy:
    """The policy (GetPolicy), refused with UnmodifiableEntity when AWS manages it."""
    allow(request, "iam:GetPolicy", arn)
    policy = policy_for(request, arn)
    ensure_customer_managed(policy, "change the versions of")
    return policy


@require_POST
@with_policy_arn
def policyversion_set_default_view(request: HttpRequest, arn: str) -> HttpResponse:
    """SetDefaultPolicyVersion: the posted version_id becomes the version in effect."""
    policy = _customer_policy(request, arn)
    allow(request, "iam:SetDefaultPolicyVersion", arn)
    version = policy_version_set_default(
        policy=policy, version_id=request.POST.get("version_id", "")
    )
    messages.success(request, f"Version {version.version_id} is now the default version of "
                              f"{policy.name}.")
    return redirect(detail_url(policy, "versions"))


@require_POST
@with_policy_arn
def policyversion_delete_view(request: HttpRequest, arn: str) -> HttpResponse:
    """DeletePolicyVersion: delete the posted non-default version_id."""
    policy = _customer_policy(request, arn)
    allow(request, "iam:DeletePolicyVersion", arn)
    version_id = request.POST.get("version_id", "")
    try:
        policy_version_delete(policy=policy, version_id=version_id)
    except DeleteConflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Version {version_id} of {policy.name} deleted.")
    return redirect(detail_url(policy, "versions"))


urlpatterns = [
    path("policies/versions/set-default/<path:arn>", policyversion_set_default_view,
         name="policyversion_set_default"),
    path("policies/versions/delete/<path:arn>", policyversion_delete_view,
         name="policyversion_delete"),
]
