"""The audit trail: one row per API call, sign-in or denial, holding its CloudTrail record."""

from __future__ import annotations

from django.db import models

from iamconsole.models import Model as BaseModel


class TrailEvent(BaseModel):
    """One event in CloudTrail's record format (`record`), with the fields event history
    filters on copied into indexed columns. Written by the operations layer in the
    transaction of the change it records; never updated."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="trail_events", null=True,
    )
    event_id = models.UUIDField(unique=True)
    event_time = models.DateTimeField()
    event_source = models.CharField(max_length=64)
    event_name = models.CharField(max_length=128)
    read_only = models.BooleanField(default=False)
    user_name = models.CharField(max_length=256, blank=True, default="")
    access_key_id = models.CharField(max_length=128, blank=True, default="")
    resource_type = models.CharField(max_length=64, blank=True, default="")
    resource_name = models.CharField(max_length=2048, blank=True, default="")
    error_code = models.CharField(max_length=128, blank=True, default="")
    record = models.JSONField()

    class Meta:
        ordering = ["-event_time", "-id"]
        indexes = [
            models.Index(fields=["account", "-event_time"], name="trail_account_time"),
            models.Index(fields=["account", "event_name"], name="trail_account_name"),
            models.Index(fields=["account", "user_name"], name="trail_account_user"),
        ]

    def __str__(self) -> str:
        return f"{self.event_name} {self.event_time:%Y-%m-%dT%H:%M:%SZ}"
