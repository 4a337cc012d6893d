"""IAM users, their console login profile and their group memberships."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from iamconsole.models import Model as BaseModel

from ._base import AccountEntity, Tagged


class IamUser(AccountEntity, Tagged):
    """An IAM user (`AIDA...`): a long-term identity with optional password, keys and MFA."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="users"
    )
    name = models.CharField(max_length=64)
    permissions_boundary = models.ForeignKey(
        "policies.ManagedPolicy",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="boundary_of_users",
    )
    groups = models.ManyToManyField(
        "accounts.IamGroup", through="accounts.GroupMembership", related_name="users"
    )
    password_last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "IAM user"
        verbose_name_plural = "IAM users"
        ordering = ["account", Lower("name")]
        # Boundary-usage counts of policy lists look rows up by boundary within an account.
        indexes = [
            models.Index(fields=["permissions_boundary", "account"], name="iamuser_boundary_acct"),
            # Lists page through an account's rows by name.
            models.Index(fields=["account", "name", "id"], name="iamuser_acct_name"),
        ]
        constraints = [
            models.UniqueConstraint("account", Lower("name"), name="iamuser_name_unique_ci"),
        ]


class LoginProfile(BaseModel):
    """A user's console password (hashed), as CreateLoginProfile sets it."""

    user = models.OneToOneField(IamUser, on_delete=models.CASCADE, related_name="login_profile")
    password = models.CharField(max_length=128, help_text="Hash of the console password.")
    password_reset_required = models.BooleanField(default=False)
    # Hashes of earlier passwords, newest first, for the policy's PasswordReusePrevention.
    password_history = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    password_changed_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "login profile"

    def __str__(self) -> str:
        return f"Login profile of {self.user_id}"

    def check_password(self, raw_password: str) -> bool:
        """True when `raw_password` is the console password (constant-time hash compare)."""
        return check_password(raw_password, self.password)


class GroupMembership(BaseModel):
    """A user's membership of a group (at most IAM_MAX_GROUPS_PER_USER per user)."""

    group = models.ForeignKey(
        "accounts.IamGroup", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(IamUser, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "user"]
        constraints = [
            models.UniqueConstraint("group", "user", name="groupmembership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id}"
