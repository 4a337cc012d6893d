"""FilterSets of managed policies, shared by the API list and the console list."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from .models import ManagedPolicy


class ManagedPolicyFilterSet(django_filters.FilterSet):
    """ListPolicies' Scope, OnlyAttached and PathPrefix, a name search and an exact ARN.

    Filter a `policies.selectors.policy_list(account=...)` queryset: `only_attached` uses its
    usage annotations (attachments and permissions-boundary use in the account).
    """

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
        label="Only policies whose path starts with this (e.g. /service-role/).",
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
        fields = ["scope", "only_attached", "path_prefix", "name_contains", "arn"]

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
