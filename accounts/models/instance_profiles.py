"""Instance profiles: containers passing one role to EC2 instances."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from ._base import AccountEntity, Tagged


class InstanceProfile(AccountEntity, Tagged):
    """An instance profile (`AIPA...`); a single foreign key keeps it to at most one role."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="instance_profiles"
    )
    role = models.ForeignKey(
        "accounts.Role",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="instance_profiles",
    )

    class Meta:
        ordering = ["account", Lower("name")]
        # Lists page through an account's rows by name.
        indexes = [models.Index(fields=["account", "name", "id"], name="instanceprofile_acct_name")]
        constraints = [
            models.UniqueConstraint(
                "account", Lower("name"), name="instanceprofile_name_unique_ci"
            ),
        ]
