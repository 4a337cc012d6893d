"""Failed authentication attempts, counted per identity and client address in the database."""

from __future__ import annotations

from django.db import models

from iamconsole.models import Model as BaseModel


class AuthThrottle(BaseModel):
    """The failed attempts of one identity in the current window, from one client address
    or (address empty) from every address.

    A row per key, counted with row locks, so the count is right with any number of
    processes and machines and whatever the cache. `account` is set when the identity
    belongs to an account hosted here, whose root user then sees and can clear the row.
    """

    key = models.CharField(max_length=64, unique=True)
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, null=True, blank=True,
        related_name="auth_throttles",
    )
    kind = models.CharField(max_length=32)
    identity = models.CharField(max_length=200)
    address = models.CharField(max_length=64, blank=True)
    failures = models.PositiveIntegerField(default=0)
    window_ends_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "authentication throttle"
        ordering = ["-window_ends_at", "identity", "address"]

    def __str__(self) -> str:
        where = f" from {self.address}" if self.address else ""
        return f"{self.kind}: {self.identity}{where} ({self.failures} failures)"
