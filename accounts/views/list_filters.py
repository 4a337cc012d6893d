"""Filters of the user and group lists: name search and path prefix, as in the URL."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from ..models import IamGroup, IamUser


class _NamePathFilterSet(django_filters.FilterSet):
    """`?q=` searches names (ignoring case), `?path_prefix=/eng/` keeps a subtree."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")
    path_prefix = django_filters.CharFilter(method="filter_path", label="Path prefix")

    def filter_path(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A prefix typed without its leading slash still means a path.
        prefix = value if value.startswith("/") else "/" + value
        return queryset.filter(path__startswith=prefix)


class UserListFilterSet(_NamePathFilterSet):
    """Filters of the users list."""

    class Meta:
        model = IamUser
        fields = ["q", "path_prefix"]


class GroupListFilterSet(_NamePathFilterSet):
    """Filters of the user groups list."""

    class Meta:
        model = IamGroup
        fields = ["q", "path_prefix"]
