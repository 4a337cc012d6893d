"""The policies list: search, type and usage filters, sorting, pagination, bulk delete."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.urls import path

from iamconsole.generic import ConsoleListView

from ..authorization import Operation
from ..models import ManagedPolicy
from ..selectors import policy_list
from ._common import caller_account

JOB_FUNCTION_PATH = "/job-function/"
TYPE_CHOICES = [
    ("aws", "AWS managed"),
    ("job-function", "AWS managed - job function"),
    ("customer", "Customer managed"),
]
USAGE_CHOICES = [
    ("permissions", "Permissions policy"),
    ("boundary", "Permissions boundary"),
    ("unused", "Not used"),
]


class PolicyFilterSet(django_filters.FilterSet):
    """The policies list's filters: name, type, usage and path prefix, all in the URL."""

    q = django_filters.CharFilter(method="filter_name", label="Search by name")
    type = django_filters.ChoiceFilter(
        choices=TYPE_CHOICES, method="filter_type", label="Type", empty_label="All types"
    )
    usage = django_filters.ChoiceFilter(
        choices=USAGE_CHOICES, method="filter_usage", label="Used as", empty_label="Any use"
    )
    path = django_filters.CharFilter(method="filter_path", label="Path prefix")

    class Meta:
        model = ManagedPolicy
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(name__icontains=value.strip()) if value.strip() else queryset

    def filter_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "customer":
            return queryset.filter(account__isnull=False)
        job = Q(path=JOB_FUNCTION_PATH)
        if value == "job-function":
            return queryset.filter(job, account__isnull=True)
        return queryset.filter(account__isnull=True).exclude(job)

    def filter_usage(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "permissions":
            return queryset.filter(attachment_count__gt=0)
        if value == "boundary":
            return queryset.filter(boundary_usage_count__gt=0)
        return queryset.filter(attachment_count=0, boundary_usage_count=0)

    def filter_path(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(path__startswith=value) if value else queryset


class PolicyListView(ConsoleListView):
    """ListPolicies: the account's customer-managed policies and AWS's, with usage counts.

    About 1,580 AWS-managed policies are listed too: the counts are correlated subqueries and
    the page shows one page of rows, so the queries stay few whatever the number of policies.
    """

    template_name = "policies/policy_list.html"
    partial_template_name = "policies/partials/_policy_table.html"
    filterset_class = PolicyFilterSet
    ordering_fields = {
        "name": "name_lower",
        "type": "type_order",
        "used": "usage_order",
        "attachments": "attachment_count",
        "description": "description",
        "edited": "updated_at",
    }
    default_ordering = "name"

    def get_operation(self) -> Operation:
        return Operation(action="iam:ListPolicies", resource="*")

    def get_queryset(self) -> QuerySet[ManagedPolicy]:
        return policy_list(account=caller_account(self.request)).annotate(
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
        return {"nav_section": "policies:policy_list"}


urlpatterns = [
    path("policies/", PolicyListView.as_view(), name="policy_list"),
]
