"""An AWS-style account with its root user."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower

from iamconsole.models import Model as BaseModel

# Days of trail events an account keeps: CloudTrail's event history keeps 90; up to ten years.
TRAIL_RETENTION_DEFAULT = 90
TRAIL_RETENTION_MAX = 3650

ACCOUNT_ID_VALIDATOR = RegexValidator(r"^\d{12}$", "An account ID is exactly 12 digits.")
# AWS: 3-63 characters, lowercase letters, digits and single hyphens, no hyphen at either end.
ACCOUNT_ALIAS_VALIDATOR = RegexValidator(
    r"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$",
    "An account alias has 3 to 63 lowercase letters, digits and single hyphens, "
    "and starts and ends with a letter or digit.",
)


def new_generation() -> str:
    """A fresh, never repeated generation token."""
    return uuid.uuid4().hex


class Account(BaseModel):
    """An account: 12-digit ID, optional alias, and the root user's sign-in credentials."""

    account_id = models.CharField(max_length=12, unique=True, validators=[ACCOUNT_ID_VALIDATOR])
    alias = models.CharField(
        max_length=63, unique=True, null=True, blank=True, validators=[ACCOUNT_ALIAS_VALIDATOR]
    )
    name = models.CharField(max_length=128, blank=True, help_text="Display name of the account.")
    root_email = models.EmailField(max_length=254)
    root_password = models.CharField(max_length=128, help_text="Hash of the root user's password.")
    root_password_changed_at = models.DateTimeField(null=True, blank=True)
    root_password_last_used_at = models.DateTimeField(null=True, blank=True)
    credential_report_generated_at = models.DateTimeField(
        null=True, blank=True, help_text="When GenerateCredentialReport last started a report.")
    # Changes whenever anything that can alter an authorization decision in the account
    # changes, in the same transaction (iamconsole.cache): every process reads it, so cached
    # policy sets and decisions are never used after a change, whatever the cache backend.
    policies_generation = models.CharField(max_length=32, default=new_generation,
                                           editable=False)
    # How long event history keeps the account's trail events (CloudTrail keeps 90 days);
    # older ones are purged (purge_trail, and event history now and then).
    trail_retention_days = models.PositiveIntegerField(
        default=TRAIL_RETENTION_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(TRAIL_RETENTION_MAX)])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["account_id"]
        constraints = [
            models.UniqueConstraint(Lower("root_email"), name="account_root_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.alias} ({self.account_id})" if self.alias else self.account_id

    @property
    def root_arn(self) -> str:
        """The root user's ARN."""
        return f"arn:aws:iam::{self.account_id}:root"

    @property
    def display_name(self) -> str:
        """The alias when there is one, else the account ID (what AWS shows)."""
        return self.alias or self.account_id
