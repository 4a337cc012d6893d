"""The policies list: search, type and usage filters, sorting, pagination, bulk delete."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import Lower
from django.urls import path

from accounts.views.support import permits
from iamconsole.generic import ConsoleListView

from ..filtersets import JOB_FUNCTION_PATH, ManagedPolicyFilterSet
from ..models import ManagedPolicy
from ..operations.managed import CreatePolicy, ListPolicies
from ._common import new_policy_arn


class PolicyListView(ConsoleListView):
    """ListPolicies: the account's customer-managed policies and AWS's, with usage counts.

    About 1,580 AWS-managed policies are listed too: the counts are correlated subqueries and
    the page shows one page of rows, so the queries stay few whatever the number of policies.
    """

    template_name = "policies/policy_list.html"
    partial_template_name = "policies/partials/_policy_table.html"
    filterset_class = ManagedPolicyFilterSet
    filter_controls = ("type", "usage", "path_prefix")
    ordering_fields = {
        "name": "name_lower",
        "type": "type_order",
        "used": "usage_order",
        "attachments": "attachment_count",
        "description": "description",
        "edited": "updated_at",
    }
    default_ordering = "name"

    operation = ListPolicies

    def get_queryset(self) -> QuerySet[ManagedPolicy]:
        return self.rows.annotate(
            name_lower=Lower("name"),
            # Customer managed first, then AWS managed, then job functions (AWS's order).
            type_order=Case(
                When(account__isnull=False, then=Value(0)),
                When(path=JOB_FUNCTION_PATH, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            usage_order=Case(
                When(attachment_count__gt=0, then=Value(0)),
                When(boundary_usage_count__gt=0, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )

    def get_extra_context(self) -> dict[str, Any]:
        # Create policy is authorized like the create flow's first step; without it the
        # button is disabled with AWS's sentence, as on the users and roles lists.
        return {
            "nav_section": "policies:policy_list",
            "can_create": permits(self.request, CreatePolicy,
                                  new_policy_arn(self.request, "*", "/")),
        }


urlpatterns = [
    path("policies/", PolicyListView.as_view(), name="policy_list"),
]
