"""Reads of guard rails: the account's list, one rail, and the dashboard's counts."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from iamconsole.exceptions import NoSuchEntity

from ..models import GuardRail


def guard_rail_list(*, account_pk: int) -> QuerySet[GuardRail]:
    """The account's rails, by name."""
    return GuardRail.objects.filter(account_id=account_pk).select_related("account")


def guard_rail_get(*, account_pk: int, pk: object) -> GuardRail:
    """One of the account's rails, else NoSuchEntity (another account's rails included)."""
    rail = None
    if isinstance(pk, int) or (isinstance(pk, str) and pk.isdigit() and len(pk) < 19):
        rail = guard_rail_list(account_pk=account_pk).filter(pk=int(pk)).first()
    if rail is None:
        raise NoSuchEntity(f"The guard rail {str(pk)[:40]} cannot be found.", field="id")
    return rail


def guard_rail_counts(rails: QuerySet[GuardRail]) -> dict[str, int]:
    """How many rails there are (ListGuardRails' answer), and how many hold or are broken
    (one query)."""
    return rails.aggregate(
        total=Count("pk"), holds=Count("pk", filter=Q(last_status="holds")),
        broken=Count("pk", filter=Q(last_status="broken")))
