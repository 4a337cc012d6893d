"""The account password policy for IAM users' console passwords."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from iamconsole.models import Model as BaseModel


class PasswordPolicy(BaseModel):
    """An account's custom password policy (UpdateAccountPasswordPolicy); absent = AWS default."""

    account = models.OneToOneField(
        "accounts.Account", on_delete=models.CASCADE, related_name="password_policy"
    )
    # 6 when UpdateAccountPasswordPolicy leaves it out, as AWS's API documents.
    minimum_password_length = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(6), MaxValueValidator(128)]
    )
    require_symbols = models.BooleanField(default=False)
    require_numbers = models.BooleanField(default=False)
    require_uppercase_characters = models.BooleanField(default=False)
    require_lowercase_characters = models.BooleanField(default=False)
    allow_users_to_change_password = models.BooleanField(default=False)
    max_password_age = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1095)],
        help_text="Days before a password expires; empty means never.",
    )
    password_reuse_prevention = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="How many previous passwords cannot be reused; empty means none.",
    )
    hard_expiry = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "password policy"
        verbose_name_plural = "password policies"

    def __str__(self) -> str:
        return f"Password policy of {self.account_id}"

    @property
    def expire_passwords(self) -> bool:
        """AWS's ExpirePasswords: true when a maximum age is set."""
        return self.max_password_age is not None
