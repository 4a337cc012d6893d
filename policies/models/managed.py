"""Managed policies: AWS-managed (global, read-only) and customer-managed (per account)."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from iamconsole.identifiers import AWS_MANAGED_ACCOUNT
from iamconsole.models import Model as BaseModel


class ManagedPolicy(BaseModel):
    """A managed policy (`ANPA...`) with numbered versions, one of them the default.

    `account` is empty for AWS-managed policies, which every account can attach and none can
    change. Policies cannot be renamed or moved, so the ARN is stored for indexed lookups.
    """

    account = models.ForeignKey(
        "accounts.Account",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="managed_policies",
    )
    name = models.CharField(max_length=128)
    path = models.CharField(max_length=512, default="/")
    unique_id = models.CharField(max_length=128, unique=True, editable=False)
    arn = models.CharField(max_length=2048, unique=True, editable=False)
    description = models.CharField(max_length=1000, blank=True)
    is_attachable = models.BooleanField(default=True)
    # Version IDs are never reused: the next version gets v{next_version_number}.
    next_version_number = models.PositiveIntegerField(default=1, editable=False)
    tags = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "managed policy"
        verbose_name_plural = "managed policies"
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                "account",
                Lower("name"),
                condition=models.Q(account__isnull=False),
                name="managedpolicy_name_unique_ci",
            ),
            models.UniqueConstraint(
                Lower("name"),
                condition=models.Q(account__isnull=True),
                name="managedpolicy_aws_name_unique_ci",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_aws_managed(self) -> bool:
        """True for AWS-managed policies (read-only, shared by every account)."""
        return self.account_id is None

    @property
    def scope(self) -> str:
        """AWS's scope name: `AWS` or `Local`."""
        return "AWS" if self.is_aws_managed else "Local"

    @property
    def owner(self) -> str:
        """The account field of the ARN: the 12-digit account ID or `aws`."""
        return self.arn.split(":")[4] if self.arn else AWS_MANAGED_ACCOUNT
