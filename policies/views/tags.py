"""Tagging a customer-managed policy from its Tags tab (TagPolicy / UntagPolicy)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from accounts.services import tag_resource, untag_resource
from iamconsole.exceptions import InvalidInput

from ..authorization import tag_context
from ..forms_managed import TagRowsError, tag_rows, tags_from_rows
from ..services.managed import ensure_customer_managed
from ._common import allow, detail_url, policy_for, with_policy_arn
from .detail import render_detail


@require_POST
@with_policy_arn
def policy_tags_view(request: HttpRequest, arn: str) -> HttpResponse:
    """Replace the policy's tags with the posted rows: untag removed keys, tag the rest.

    A bad row re-renders the Tags tab with every row as typed and the error beside them.
    """
    allow(request, "iam:ListPolicyTags", arn)
    policy = policy_for(request, arn)
    ensure_customer_managed(policy, "tag")
    rows = tag_rows(request.POST)
    try:
        tags = tags_from_rows(rows)
        removed = [key for key in policy.tags if key not in tags]
        changed = {k: v for k, v in tags.items() if policy.tags.get(k) != v}
        with transaction.atomic():  # one bad tag changes nothing, as in AWS
            if removed:
                allow(request, "iam:UntagPolicy", policy.arn, {"aws:TagKeys": removed})
                policy = untag_resource(resource=policy, keys=removed)
            if changed:
                allow(request, "iam:TagPolicy", policy.arn, tag_context(changed))
                tag_resource(resource=policy, tags=changed)
    except (TagRowsError, InvalidInput) as error:
        message = error.message if isinstance(error, InvalidInput) else str(error)
        return render_detail(request, arn, "tags", extra={"tags": rows, "tag_error": message},
                             status=400)
    messages.success(request, f"Tags of {policy.name} saved.")
    return redirect(detail_url(arn, "tags"))


urlpatterns = [
    path("policies/tags/<path:arn>", policy_tags_view, name="policy_tags"),
]
