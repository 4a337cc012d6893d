"""Invalidation of cached principal policy sets and decisions: one hook the writing services
call, correct across processes and machines with any cache backend.

Each account has a generation token in the database (`Account.policies_generation`). Every
change that can alter a decision in the account replaces it in the same transaction as the
change; caches of a principal's effective policies and of decisions include it in their keys.
Every process reads the token from the database (once per request: the caller keeps its
pinned policies), so none can use an entry from before a committed change, whatever its own
cache holds, and a change that rolls back leaves the token as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from accounts.models.account import Account, new_generation

# The accounts whose decisions the outermost change running now altered (see `watching`).
_ALTERED: ContextVar[set[int] | None] = ContextVar("altered_accounts", default=None)


def _accounts():
    return Account.objects


def principal_policies_version(account_pk: int) -> str:
    """The account's generation token; store derived cache entries under it."""
    token = _accounts().filter(pk=account_pk).order_by().values_list("policies_generation",
                                                                     flat=True)
    return next(iter(token), "gone")


def principal_policies_state(account_pk: int) -> tuple[str, bool]:
    """The account's generation token, and whether it belongs to an organization (whose
    SCPs and RCPs then take part in its decisions), in one query."""
    row = _accounts().filter(pk=account_pk).values_list(
        "policies_generation", "organization_membership__id").first()
    return ("gone", False) if row is None else (row[0], row[1] is not None)


def invalidate_principal_policies(account_pk: int) -> None:
    """Mark the cached policy sets and decisions of the account stale (in the caller's
    transaction: the new token commits with the change, or not at all)."""
    _accounts().filter(pk=account_pk).update(policies_generation=new_generation())
    _altered({account_pk})


def invalidate_accounts(account_pks: Iterable[int]) -> None:
    """`invalidate_principal_policies` for several accounts in one UPDATE (an organization's
    policy changed)."""
    pks = set(account_pks)
    if pks:
        _accounts().filter(pk__in=pks).update(policies_generation=new_generation())
        _altered(pks)


def _altered(account_pks: set[int]) -> None:
    altered = _ALTERED.get()
    if altered is not None:
        altered |= account_pks


@contextmanager
def watching() -> Iterator[set[int] | None]:
    """Collect the accounts whose decisions the changes made inside alter: the outermost
    watcher gets the set (filled as services invalidate), a nested one None (its accounts
    go to the outermost). The guard rails of those accounts are re-checked before commit."""
    if _ALTERED.get() is not None:
        yield None
        return
    token = _ALTERED.set(set())
    try:
        yield _ALTERED.get()
    finally:
        _ALTERED.reset(token)


def invalidate_all_principal_policies() -> None:
    """Mark every account's cached policy sets stale (AWS-managed policies changed)."""
    _accounts().update(policies_generation=new_generation())
