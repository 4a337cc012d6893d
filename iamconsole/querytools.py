"""Query helpers shared by the selectors."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet, field: str, outer: str = "pk") -> Coalesce:
    """A correlated COUNT of `queryset` rows whose `field` is the outer row's `outer`.

    Subqueries rather than joins, so several counts on one list never multiply each other.
    """
    counted = (
        queryset.filter(**{field: OuterRef(outer)})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
