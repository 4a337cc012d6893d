"""A managed policy's Tags tab and "Manage tags" page: the console's one tags behaviour
(accounts.views.tags) for ListPolicyTags, TagPolicy and UntagPolicy."""

from __future__ import annotations

from django.urls import path

from accounts.views.tags import ManageTagsView, TagPages

from ..kinds import POLICY
from ._common import policy_arn

POLICY_TAGS = TagPages(POLICY, "Policies", "policies:policy_list", "policies:policy_detail",
                       "policies:policy_tags", url_kwarg="arn")


class PolicyTagsView(ManageTagsView):
    """Manage tags of a policy named by its ARN (or its path and name in the account)."""

    pages = POLICY_TAGS

    def identifier(self) -> str:
        return policy_arn(self.request, self.kwargs["arn"])


urlpatterns = [
    path("policies/tags/<path:arn>", PolicyTagsView.as_view(), name="policy_tags"),
]
