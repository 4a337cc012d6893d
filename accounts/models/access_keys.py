"""Access keys of IAM users and of the root user."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iamconsole.models import Model as BaseModel


class AccessKey(BaseModel):
    """A long-term access key (`AKIA...`); the secret is stored encrypted, never in plain text.

    `user` is empty for the root user's own keys, which AWS allows and flags as a risk.
    """

    class Status(models.TextChoices):
        ACTIVE = "Active"
        INACTIVE = "Inactive"

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="access_keys"
    )
    user = models.ForeignKey(
        "accounts.IamUser",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_keys",
    )
    access_key_id = models.CharField(max_length=128, unique=True, editable=False)
    secret_encrypted = models.TextField(editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_region = models.CharField(max_length=32, blank=True)
    last_used_service = models.CharField(max_length=64, blank=True)
    # When a request last failed to authenticate with this key: until the throttle window
    # after it ends, accepted requests also look at the key's throttles (else they need not).
    auth_failed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "access key"
        ordering = ["account", "created_at", "access_key_id"]

    def __str__(self) -> str:
        return self.access_key_id

    @property
    def is_root_key(self) -> bool:
        """True for a key of the account's root user."""
        return self.user_id is None

    @property
    def is_active(self) -> bool:
        """True when the key may authenticate."""
        return self.status == self.Status.ACTIVE
