"""FilterSets of the accounts app's entities: one per model, shared by the API and console lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from .models import IamGroup, IamUser, InstanceProfile, MfaDevice, Role, ServerCertificate


class _NamedEntityFilterSet(django_filters.FilterSet):
    """AWS's PathPrefix, a case-insensitive name search, and the console's search box (`q`).

    The console list shows the search box and the path prefix; the API takes every filter.
    """

    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=128, label="Search",
        help_text="The console's search box: only entities whose name contains this.",
    )
    path_prefix = django_filters.CharFilter(
        method="filter_path_prefix", max_length=512, label="Path prefix",
        help_text="Only entities whose path starts with this (e.g. /division/).",
    )
    name_contains = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=128,
        label="Only entities whose name contains this, ignoring case.",
    )

    def filter_path_prefix(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # A prefix typed without its leading slash still means a path.
        return queryset.filter(path__startswith=value if value.startswith("/") else "/" + value)


class IamUserFilterSet(_NamedEntityFilterSet):
    """Filters of ListUsers and of the users list."""

    class Meta:
        model = IamUser
        fields = ["q", "path_prefix", "name_contains"]


class IamGroupFilterSet(_NamedEntityFilterSet):
    """Filters of ListGroups and of the user groups list."""

    class Meta:
        model = IamGroup
        fields = ["q", "path_prefix", "name_contains"]


class RoleFilterSet(_NamedEntityFilterSet):
    """Filters of ListRoles and of the roles list."""

    class Meta:
        model = Role
        fields = ["q", "path_prefix", "name_contains"]


class ServerCertificateFilterSet(_NamedEntityFilterSet):
    """Filters of ListServerCertificates (PathPrefix) and a name search."""

    class Meta:
        model = ServerCertificate
        fields = ["q", "path_prefix", "name_contains"]


class InstanceProfileFilterSet(_NamedEntityFilterSet):
    """Filters of ListInstanceProfiles and of its list; the search box finds roles too."""

    q = django_filters.CharFilter(
        method="filter_name_or_role", max_length=128, label="Search",
        help_text="The console's search box: only profiles whose name or role's name "
                  "contains this, ignoring case.",
    )

    class Meta:
        model = InstanceProfile
        fields = ["q", "path_prefix", "name_contains"]

    def filter_name_or_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(role__name__icontains=value))


class MfaDeviceFilterSet(django_filters.FilterSet):
    """ListVirtualMFADevices' AssignmentStatus (Assigned, Unassigned, Any) and a name search."""

    assignment_status = django_filters.ChoiceFilter(
        choices=[("Assigned", "Assigned"), ("Unassigned", "Unassigned"), ("Any", "Any")],
        method="filter_assignment",
        label="Assigned (enabled for an identity), Unassigned, or Any (the default).",
    )
    name_contains = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=226,
        label="Only devices whose name contains this, ignoring case.",
    )

    class Meta:
        model = MfaDevice
        fields = ["assignment_status", "name_contains"]

    def filter_assignment(self, queryset, name, value):
        if value == "Assigned":
            return queryset.filter(enabled_at__isnull=False)
        if value == "Unassigned":
            return queryset.filter(enabled_at__isnull=True)
        return queryset
