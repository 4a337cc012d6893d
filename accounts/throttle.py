"""Throttling failed authentication per identity and client address, counted in the database.

Each identity has two counters in the current window: its failures from one client address
(a low limit: guessing stops there) and its failures from every address (a higher ceiling
against guessing from many addresses). Nothing counts an address on its own, so a class
behind one NAT is never locked out by one of its members: only the identities that failed
from that address wait. A password attempt reserves its place in both counters before the
password is hashed (`reserve`), so concurrent attempts never exceed a limit; a success gives
the reservation back and forgets that address's failures.

Limits are settings: THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS, THROTTLE_FAILURES_PER_IDENTITY
and THROTTLE_WINDOW_SECONDS.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import AccessKey, Account, AuthThrottle, IamUser

DEFAULT_PER_ADDRESS = 5
DEFAULT_PER_IDENTITY = 50
DEFAULT_WINDOW_SECONDS = 900
SIGNIN = "console sign-in"


@dataclass(frozen=True)
class Identity:
    """Who an attempt claims to be: `key` is canonical (an account's ID and alias give the
    same key), `label` is what the account's root user is shown."""

    key: str
    kind: str
    label: str
    account: Account | None = None


class Throttled(Exception):
    """The identity failed too often (from this address, or from everywhere) until `until`."""

    def __init__(self, until: datetime):
        super().__init__(f"throttled until {until.isoformat()}")
        self.until = until

    @property
    def seconds(self) -> int:
        """Seconds to wait (at least 1)."""
        return max(1, math.ceil((self.until - timezone.now()).total_seconds()))

    @property
    def sentence(self) -> str:
        """What a person is told: "Too many failed attempts. Try again in 15 minutes."."""
        minutes = math.ceil(self.seconds / 60)
        unit = "minute" if minutes == 1 else "minutes"
        return f"Too many failed attempts. Try again in {minutes} {unit}."


def per_address_limit() -> int:
    """Failures of one identity from one address before that address waits."""
    return int(getattr(settings, "THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS",
                       DEFAULT_PER_ADDRESS))


def per_identity_limit() -> int:
    """Failures of one identity from all addresses before every address waits."""
    return int(getattr(settings, "THROTTLE_FAILURES_PER_IDENTITY", DEFAULT_PER_IDENTITY))


def window() -> timedelta:
    """How long failures are remembered, counted from the first one."""
    return timedelta(seconds=int(getattr(settings, "THROTTLE_WINDOW_SECONDS",
                                         DEFAULT_WINDOW_SECONDS)))


def limits() -> dict[str, int]:
    """The limits in force, as the Account settings page states them."""
    return {"per_address": per_address_limit(), "per_identity": per_identity_limit(),
            "window_minutes": int(window().total_seconds() // 60)}


# -- identities -------------------------------------------------------------------------------
def root_identity(email: str) -> Identity:
    """The root user of the account with this email (the account itself when it exists)."""
    value = email.strip().lower()
    account = Account.objects.filter(root_email__iexact=value).first()
    if account is None:
        return Identity(f"signin:root-email:{value}", SIGNIN, "root user (unknown email)")
    return Identity(f"signin:root:{account.pk}", SIGNIN, "root user", account)


def user_identity(account: str, user_name: str) -> Identity:
    """An IAM user's console sign-in: the account by ID or alias is one identity."""
    value, name = account.strip().lower(), user_name.strip().lower()
    found = Account.objects.filter(Q(account_id=value) | Q(alias=value)).first()
    if found is None:
        return Identity(f"signin:user:?{value}:{name}", SIGNIN, "IAM user (unknown account)")
    # Names typed for users that do not exist are not shown (a password typed in the wrong
    # field must not end up on a page).
    real = (IamUser.objects.filter(account=found, name__iexact=name)
            .values_list("name", flat=True).first())
    return Identity(f"signin:user:{found.pk}:{name}", SIGNIN, real or "unknown user name",
                    found)


_CHECKS = {"mfa": "MFA code at sign-in", "password": "current password"}


def known_identity(kind: str, account: Account, user: IamUser | None) -> Identity:
    """A check by a known identity: the MFA code at sign-in, the current password."""
    who = user.name if user is not None else "root user"
    return Identity(f"{kind}:{account.pk}:{user.pk if user is not None else 'root'}",
                    _CHECKS[kind], who, account)


def access_key_identity(access_key_id: str, key: AccessKey | None) -> Identity:
    """An access key (known or not) used to authenticate API or wire requests."""
    return Identity(f"access-key:{access_key_id}", "access key",
                    f"access key {access_key_id}", key.account if key is not None else None)


def operator_identity(username: str) -> Identity:
    """A site operator signing in to /admin/ (named when it exists, as IAM users are)."""
    name = username.strip().lower()
    exists = get_user_model().objects.filter(username__iexact=name).exists()
    return Identity(f"admin:{name}", "/admin/ sign-in", name if exists else "unknown operator")


# -- counting ---------------------------------------------------------------------------------
def _rows(identity: Identity, address: str | None) -> list[tuple[str, str, int]]:
    """(row key, address, limit) of the identity's two counters, sorted by key (the order
    rows are locked in, so two attempts never wait for each other in a cycle)."""
    def key(where: str) -> str:
        return hashlib.sha256(f"{identity.key}\n{where}".encode()).hexdigest()

    rows = [(key("*"), "", per_identity_limit())]
    if address:
        rows.append((key(address), address, per_address_limit()))
    return sorted(rows)


def _blocked_until(rows: list[AuthThrottle], limits: dict[str, int],
                   now: datetime) -> datetime | None:
    ends = [row.window_ends_at for row in rows
            if row.window_ends_at > now and row.failures >= limits[row.key]]
    return max(ends) if ends else None


def check(identity: Identity, address: str | None) -> None:
    """Raise Throttled while the identity may not try from this address (reads only)."""
    specs = _rows(identity, address)
    limits = {key: limit for key, _, limit in specs}
    now = timezone.now()
    rows = list(AuthThrottle.objects.filter(key__in=limits, window_ends_at__gt=now))
    until = _blocked_until(rows, limits, now)
    if until is not None:
        raise Throttled(until)


def _forget_ended(now: datetime) -> None:
    """Delete a batch of counters whose window ended, skipping any an attempt holds (so a
    clean-up never waits for an attempt, nor an attempt for it)."""
    with transaction.atomic():
        ended = list(AuthThrottle.objects.select_for_update(skip_locked=True)
                     .filter(window_ends_at__lte=now).values_list("pk", flat=True)[:100])
        if ended:
            AuthThrottle.objects.filter(pk__in=ended).delete()


def reserve(identity: Identity, address: str | None) -> Attempt:
    """Count one failure now, before the credentials are checked, or raise Throttled.

    Call `.succeeded()` on the result when the credentials were right; a failure needs
    nothing more. Row locks make concurrent attempts take their places one by one.
    """
    specs = _rows(identity, address)
    limits = {key: limit for key, _, limit in specs}
    now = timezone.now()
    ends = now + window()
    _forget_ended(now)
    with transaction.atomic():
        AuthThrottle.objects.bulk_create(
            [AuthThrottle(key=key, account=identity.account, kind=identity.kind,
                          identity=identity.label, address=where, window_ends_at=ends)
             for key, where, _ in specs],
            ignore_conflicts=True,
        )
        rows = list(AuthThrottle.objects.select_for_update().filter(key__in=limits)
                    .order_by("key"))
        for row in rows:
            if row.window_ends_at <= now:  # a window that ended since: count afresh
                row.failures, row.window_ends_at = 0, ends
        until = _blocked_until(rows, limits, now)
        if until is not None:
            raise Throttled(until)
        for row in rows:
            row.failures += 1
        AuthThrottle.objects.bulk_update(rows, ["failures", "window_ends_at"])
    return Attempt(tuple(key for key, _, _ in specs),
                   next((key for key, where, _ in specs if where), None))


@dataclass(frozen=True)
class Attempt:
    """A reserved attempt: a failure unless `succeeded()` is called."""

    keys: tuple[str, ...]
    address_key: str | None

    def succeeded(self) -> None:
        """The credentials were right: forget this address's failures and give the
        identity-wide place back."""
        AuthThrottle.objects.filter(key=self.address_key).delete()
        self.released()

    def released(self) -> None:
        """The attempt was not a guess after all (refused before the secret was checked):
        give its places back."""
        # One row per statement: never holding one counter while waiting for another. A
        # counter back at zero is as good as none, and goes.
        for key in self.keys:
            AuthThrottle.objects.filter(key=key, failures__gt=0).update(
                failures=F("failures") - 1)
            AuthThrottle.objects.filter(key=key, failures=0).delete()


def access_key_failed(access_key_id: str, address: str | None) -> None:
    """Count a request that failed to authenticate with this key ID (known or not), or
    raise Throttled when the key already failed too often (the answer is then the
    throttle's)."""
    key = AccessKey.objects.select_related("account").filter(
        access_key_id=access_key_id).first()
    reserve(access_key_identity(access_key_id, key), address)
    if key is not None:
        AccessKey.objects.filter(pk=key.pk).update(auth_failed_at=timezone.now())


def access_key_accepted(key: AccessKey, address: str | None) -> None:
    """Raise Throttled if the key failed too often from this address (or everywhere):
    the right secret waits too. Reads nothing unless the key failed within the window."""
    if key.auth_failed_at is not None and key.auth_failed_at > timezone.now() - window():
        check(access_key_identity(key.access_key_id, key), address)


# -- the root user's view ---------------------------------------------------------------------
def account_throttles(account: Account) -> list[AuthThrottle]:
    """The account's counters in their current window, each with `.limit` and `.blocking`."""
    now = timezone.now()
    rows = list(AuthThrottle.objects.filter(account=account, window_ends_at__gt=now,
                                            failures__gt=0))
    for row in rows:
        row.limit = per_address_limit() if row.address else per_identity_limit()
        row.blocking = row.failures >= row.limit
    rows.sort(key=lambda row: (not row.blocking, row.identity, row.kind, not row.address))
    return rows


def clear_account_throttles(account: Account, pk: int | None = None) -> int:
    """Forget the account's failures (one counter, or all); the number of counters cleared."""
    rows = AuthThrottle.objects.filter(account=account)
    if pk is not None:
        rows = rows.filter(pk=pk)
    # One row per statement: never holding one counter while waiting for another.
    return sum(AuthThrottle.objects.filter(pk=row).delete()[0]
               for row in rows.order_by("key").values_list("pk", flat=True))
