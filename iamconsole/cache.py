"""Invalidation of cached principal policy sets: one hook the writing services call.

Caches of a principal's effective policies (and of decisions derived from them) include
`principal_policies_version(account_pk)` in their keys; bumping it makes every such entry of the
account stale. A global generation covers changes seen by every account (the AWS catalogue).
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

_ACCOUNT_KEY = "iam:policies-version:{}"
_GLOBAL_KEY = "iam:policies-version:global"


def _get(key: str) -> str:
    version = cache.get(key)
    if version is None:
        # add() so that concurrent first readers agree on one token.
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key, "0")
    return str(version)


def principal_policies_version(account_pk: int) -> str:
    """The version token of an account's policy data; store derived cache entries under it."""
    return f"{_get(_GLOBAL_KEY)}.{_get(_ACCOUNT_KEY.format(account_pk))}"


def _bump(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, timeout=None)


def invalidate_principal_policies(account_pk: int) -> None:
    """Mark the cached policy sets of the account with primary key `account_pk` stale.

    Bumps now and again when the transaction commits: the second bump closes the window in
    which a reader could cache the pre-commit state after the first one.
    """
    key = _ACCOUNT_KEY.format(account_pk)
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def invalidate_all_principal_policies() -> None:
    """Mark every account's cached policy sets stale (AWS-managed policies changed)."""
    _bump(_GLOBAL_KEY)
    transaction.on_commit(lambda: _bump(_GLOBAL_KEY))
