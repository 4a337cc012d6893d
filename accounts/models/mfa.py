"""Virtual MFA devices (TOTP) of IAM users and of the root user."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from ._base import Tagged


class MfaDevice(Tagged):
    """A virtual MFA device; its serial number is its ARN `arn:aws:iam::ACCT:mfa{path}{name}`.

    Created unassigned (CreateVirtualMFADevice), then enabled for an IAM user or for the root
    user with two consecutive codes (EnableMFADevice). The TOTP seed is stored encrypted.
    """

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="mfa_devices"
    )
    name = models.CharField(max_length=226)
    path = models.CharField(max_length=512, default="/")
    serial_number = models.CharField(max_length=2048, unique=True, editable=False)
    seed_encrypted = models.TextField(editable=False)
    user = models.ForeignKey(
        "accounts.IamUser",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mfa_devices",
    )
    is_root = models.BooleanField(default=False, help_text="Enabled for the root user.")
    enabled_at = models.DateTimeField(null=True, blank=True)
    # The last TOTP time step accepted, so that a code is never accepted twice.
    last_used_step = models.BigIntegerField(default=0, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "MFA device"
        ordering = ["account", Lower("name")]
        constraints = [
            models.UniqueConstraint("account", Lower("name"), name="mfadevice_name_unique_ci"),
            models.UniqueConstraint(
                "account", condition=models.Q(is_root=True), name="mfadevice_one_root_device"
            ),
            models.CheckConstraint(
                condition=~(models.Q(is_root=True) & models.Q(user__isnull=False)),
                name="mfadevice_root_or_user",
            ),
        ]

    def __str__(self) -> str:
        return self.serial_number

    @property
    def is_enabled(self) -> bool:
        """True once two consecutive codes assigned it to an identity."""
        return self.enabled_at is not None
