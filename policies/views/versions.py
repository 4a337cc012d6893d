"""Policy version actions: set the default version, delete a version."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from iamconsole.exceptions import DeleteConflict
from iamconsole.operations import caller_for

from ..operations.versions import DeletePolicyVersion, SetDefaultPolicyVersion
from ._common import detail_url, with_policy_arn


@require_POST
@with_policy_arn
def policyversion_set_default_view(request: HttpRequest, arn: str) -> HttpResponse:
    """SetDefaultPolicyVersion: the posted version_id becomes the version in effect."""
    change = SetDefaultPolicyVersion(caller=caller_for(request), policy_arn=arn,
                                     version_id=request.POST.get("version_id", ""))
    version = change.run()
    messages.success(request, f"Version {version.version_id} is now the default version of "
                              f"{change.entity.name}.")
    return redirect(detail_url(arn, "versions"))


@require_POST
@with_policy_arn
def policyversion_delete_view(request: HttpRequest, arn: str) -> HttpResponse:
    """DeletePolicyVersion: delete the posted non-default version_id."""
    deletion = DeletePolicyVersion(caller=caller_for(request), policy_arn=arn,
                                   version_id=request.POST.get("version_id", ""))
    try:
        deletion.run()
    except DeleteConflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Version {deletion.version_id} of {deletion.entity.name} "
                                  "deleted.")
    return redirect(detail_url(arn, "versions"))


urlpatterns = [
    path("policies/versions/set-default/<path:arn>", policyversion_set_default_view,
         name="policyversion_set_default"),
    path("policies/versions/delete/<path:arn>", policyversion_delete_view,
         name="policyversion_delete"),
]
