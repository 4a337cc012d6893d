"""Filters of the roles and instance-profiles lists: name search and path prefix, in the URL."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from ...models import InstanceProfile, Role


class _NamePathFilterSet(django_filters.FilterSet):
    """`?q=` searches names (ignoring case); `?path_prefix=/eng/` keeps a subtree."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")
    path_prefix = django_filters.CharFilter(method="filter_path", label="Path prefix")

    def filter_path(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A prefix typed without its leading slash still means a path.
        return queryset.filter(path__startswith=value if value.startswith("/") else "/" + value)


class RoleListFilterSet(_NamePathFilterSet):
    """Filters of the roles list."""

    class Meta:
        model = Role
        fields = ["q", "path_prefix"]


class InstanceProfileListFilterSet(_NamePathFilterSet):
    """Filters of the instance profiles list (the role's name is searched too)."""

    q = django_filters.CharFilter(method="filter_name_or_role", label="Name")

    class Meta:
        model = InstanceProfile
        fields = ["q", "path_prefix"]

    def filter_name_or_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        from django.db.models import Q

        return queryset.filter(Q(name__icontains=value) | Q(role__name__icontains=value))
