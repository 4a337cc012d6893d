"""FilterSets of managed policies: one, shared by the API list and the console list."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from .models import ManagedPolicy

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


class ManagedPolicyFilterSet(django_filters.FilterSet):
    """ListPolicies' Scope, OnlyAttached and PathPrefix, a name search and an exact ARN, and
    the console's search box (`q`), type and usage filters.

    Filter a `policies.selectors.policy_list(account=...)` queryset: `only_attached` and
    `usage` use its usage annotations (attachments and permissions-boundary use in the
    account).
    """

    q = django_filters.CharFilter(
        method="filter_name", max_length=128, label="Search",
        help_text="The console's search box: only policies whose name contains this.",
    )
    type = django_filters.ChoiceFilter(
        choices=TYPE_CHOICES, method="filter_type", label="Type", empty_label="All types",
        help_text="AWS managed (aws), AWS managed job function (job-function) or customer.",
    )
    usage = django_filters.ChoiceFilter(
        choices=USAGE_CHOICES, method="filter_usage", label="Used as", empty_label="Any use",
        help_text="Attached as a permissions policy, used as a boundary, or not used.",
    )

    scope = django_filters.ChoiceFilter(
        choices=[("All", "All"), ("AWS", "AWS"), ("Local", "Local")],
        method="filter_scope",
        label="AWS (AWS-managed), Local (customer-managed) or All (the default).",
    )
    only_attached = django_filters.BooleanFilter(
        method="filter_only_attached",
        label="Only policies attached to a user, group or role, or used as a boundary.",
    )
    path_prefix = django_filters.CharFilter(
        field_name="path", lookup_expr="startswith", max_length=512,
        label="Path prefix",
        help_text="Only policies whose path starts with this (e.g. /service-role/).",
    )
    name_contains = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=128,
        label="Only policies whose name contains this, ignoring case.",
    )
    arn = django_filters.CharFilter(
        field_name="arn", lookup_expr="exact", max_length=2048,
        label="The policy with exactly this ARN.",
    )

    class Meta:
        model = ManagedPolicy
        fields = ["q", "type", "usage", "scope", "only_attached", "path_prefix",
                  "name_contains", "arn"]

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

    def filter_scope(self, queryset, name, value):
        if value == "AWS":
            return queryset.filter(account__isnull=True)
        if value == "Local":
            return queryset.filter(account__isnull=False)
        return queryset

    def filter_only_attached(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(attachment_count__gt=0) | Q(boundary_usage_count__gt=0))
