"""FilterSets of the accounts app's entities, shared by the API lists and the console lists."""

from __future__ import annotations

import django_filters

from .models import IamGroup, IamUser, InstanceProfile, MfaDevice, Role


class _NamedEntityFilterSet(django_filters.FilterSet):
    """AWS's PathPrefix and a case-insensitive name search."""

    path_prefix = django_filters.CharFilter(
        field_name="path", lookup_expr="startswith", max_length=512,
        label="Only entities whose path starts with this (e.g. /division/).",
    )
    name_contains = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", max_length=128,
        label="Only entities whose name contains this, ignoring case.",
    )


class IamUserFilterSet(_NamedEntityFilterSet):
    """Filters of ListUsers."""

    class Meta:
        model = IamUser
        fields = ["path_prefix", "name_contains"]


class IamGroupFilterSet(_NamedEntityFilterSet):
    """Filters of ListGroups."""

    class Meta:
        model = IamGroup
        fields = ["path_prefix", "name_contains"]


class RoleFilterSet(_NamedEntityFilterSet):
    """Filters of ListRoles."""

    class Meta:
        model = Role
        fields = ["path_prefix", "name_contains"]


class InstanceProfileFilterSet(_NamedEntityFilterSet):
    """Filters of ListInstanceProfiles."""

    class Meta:
        model = InstanceProfile
        fields = ["path_prefix", "name_contains"]


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
