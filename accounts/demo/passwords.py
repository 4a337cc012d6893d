"""Whether a recorded demo password still works, without paying for a password hash each time.

The sign-in page (which anyone can load) and the demo's reset ask this for every demo identity.
A password hash costs a fraction of a second on purpose, so the answer is found cheaply:
- when the demo set the password, it recorded the hash it made, bound to the password by an
  HMAC with the server's secret: while the stored hash is still that one, the password works;
- otherwise (an administrator reset the password, or the recorded details were edited) the
  password is checked once against the stored hash and the answer is cached, keyed by a
  digest of that hash: any later password change makes a new hash, hence a new question.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import MutableMapping
from typing import Any

from django.contrib.auth.hashers import check_password, identify_hasher
from django.core.cache import cache
from django.utils.crypto import salted_hmac

_SALT = "iamconsole.demo.password-hash"
CACHE_SECONDS = 7 * 24 * 3600


def _mac(password: str, password_hash: str) -> str:
    return salted_hmac(_SALT, f"{password}\0{password_hash}", algorithm="sha256").hexdigest()


def record_hash(entry: MutableMapping[str, Any], password_hash: str, *,
                field: str = "password") -> None:
    """Record in a demo sign-in entry the hash just made of its `field` password."""
    entry[f"{field}_hash"] = password_hash
    entry[f"{field}_hash_mac"] = _mac(str(entry.get(field) or ""), password_hash)


def _bound_hash(entry: MutableMapping[str, Any], field: str) -> str | None:
    """The recorded hash of the entry's `field` password if its HMAC binds it to the password."""
    password, password_hash = entry.get(field), entry.get(f"{field}_hash")
    mac = entry.get(f"{field}_hash_mac")
    if (isinstance(password, str) and isinstance(password_hash, str) and isinstance(mac, str)
            and hmac.compare_digest(mac, _mac(password, password_hash))):
        return password_hash
    return None


def recorded_hash(entry: MutableMapping[str, Any], *, field: str = "password") -> str | None:
    """The recorded hash of the entry's `field` password, to store again instead of hashing:
    only while it is a hash of that password (its HMAC holds) made with the current
    algorithm and cost; else None (the caller hashes again)."""
    password_hash = _bound_hash(entry, field)
    if password_hash is None:
        return None
    try:
        hasher = identify_hasher(password_hash)
    except ValueError:
        return None
    return None if hasher.must_update(password_hash) else password_hash


def hash_unchanged(entry: MutableMapping[str, Any], stored_hash: str | None, *,
                   field: str = "password") -> bool:
    """Whether `stored_hash` is still the hash the demo made of the entry's `field` password
    (no hashing: a reset that finds it changed sets the password again, one hash)."""
    return bool(stored_hash) and _bound_hash(entry, field) == stored_hash


def password_works(entry: MutableMapping[str, Any], stored_hash: str | None, *,
                   field: str = "password") -> bool:
    """Whether the entry's recorded `field` password signs in against `stored_hash` (the
    login profile's or the root user's password hash, None without one)."""
    password = entry.get(field)
    if not stored_hash or not isinstance(password, str) or not password:
        return False
    if _bound_hash(entry, field) == stored_hash:
        return True
    key = "demo-password:" + hashlib.sha256(f"{stored_hash}\0{password}".encode()).hexdigest()
    known = cache.get(key)
    if known is None:
        known = check_password(password, stored_hash)
        cache.set(key, known, CACHE_SECONDS)
    return bool(known)
