"""Throttling failed sign-in attempts per identity and per client address (in the shared cache)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class ThrottleRule:
    """At most `limit` failures per `window` seconds for one key."""

    scope: str
    limit: int
    window: int


def _rules() -> tuple[ThrottleRule, ThrottleRule]:
    return (
        ThrottleRule("identity", getattr(settings, "SIGNIN_FAILURES_PER_IDENTITY", 5), 900),
        ThrottleRule("address", getattr(settings, "SIGNIN_FAILURES_PER_ADDRESS", 20), 900),
    )


def _key(scope: str, value: str) -> str:
    # Hashed so that attempted user names never sit in the cache in clear text.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"signin-failures:{scope}:{digest}"


def _recent(key: str, window: int, now: float) -> list[float]:
    return [t for t in cache.get(key, []) if now - t < window]


def retry_after(*, identity: str, address: str | None) -> int:
    """Seconds to wait before another attempt is accepted (0 when not throttled)."""
    now = time.time()
    wait = 0
    for rule in _rules():
        value = identity if rule.scope == "identity" else (address or "")
        if not value:
            continue
        recent = _recent(_key(rule.scope, value), rule.window, now)
        if len(recent) >= rule.limit:
            wait = max(wait, int(rule.window - (now - recent[-rule.limit])) + 1)
    return wait


def record_failure(*, identity: str, address: str | None) -> None:
    """Count one failed attempt against the identity and the address."""
    now = time.time()
    for rule in _rules():
        value = identity if rule.scope == "identity" else (address or "")
        if not value:
            continue
        key = _key(rule.scope, value)
        recent = _recent(key, rule.window, now)
        recent.append(now)
        cache.set(key, recent[-rule.limit * 2 :], rule.window)


def clear_failures(*, identity: str) -> None:
    """Forget an identity's failures after it signs in successfully."""
    cache.delete(_key("identity", identity))
