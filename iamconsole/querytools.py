"""Query helpers shared by the selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull


def count_of(queryset: QuerySet, field: str, outer: str = "pk") -> Coalesce:
    """A correlated COUNT of `queryset` rows whose `field` is the outer row's `outer`.

    Subqueries rather than joins, so several counts on one list never multiply each other.
    """
    counted = (
        queryset.filter(**{field: OuterRef(outer)})
        .order_by()
        .values(field)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def has_row(queryset: QuerySet, field: str, outer: str = "pk") -> IsNull:
    """Whether `queryset` has a row whose `field` is the outer row's `outer`.

    A correlated `(SELECT ... LIMIT 1) IS NOT NULL` rather than EXISTS: PostgreSQL may plan
    EXISTS as a hash of the whole table, which a page of 25 rows would pay for 10,000 users,
    where this probes the index once per row shown.
    """
    first = queryset.filter(**{field: OuterRef(outer)}).order_by().values("pk")[:1]
    return IsNull(Subquery(first), False)


def unique_row(queryset: QuerySet) -> Any:
    """The row of a lookup by a unique key, or None. Unlike first(), no ORDER BY: the model's
    default ordering (joins included) costs time and picks nothing among one row."""
    return next(iter(queryset.order_by()[:1]), None)
