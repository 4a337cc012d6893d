"""Inline policies embedded in one user, group or role."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from iamconsole.models import Model as BaseModel

_EXACTLY_ONE_OWNER = (
    models.Q(user__isnull=False, group__isnull=True, role__isnull=True)
    | models.Q(user__isnull=True, group__isnull=False, role__isnull=True)
    | models.Q(user__isnull=True, group__isnull=True, role__isnull=False)
)


class InlinePolicy(BaseModel):
    """An inline policy of exactly one user, group or role, named uniquely within it.

    `size` counts the document's characters excluding whitespace, as AWS's per-entity aggregate
    quota does.
    """

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="inline_policies"
    )
    user = models.ForeignKey(
        "accounts.IamUser",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inline_policies",
    )
    group = models.ForeignKey(
        "accounts.IamGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inline_policies",
    )
    role = models.ForeignKey(
        "accounts.Role",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inline_policies",
    )
    name = models.CharField(max_length=128)
    document_text = models.TextField()
    document = models.JSONField()
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "inline policy"
        verbose_name_plural = "inline policies"
        ordering = [Lower("name")]
        constraints = [
            models.CheckConstraint(condition=_EXACTLY_ONE_OWNER, name="inlinepolicy_one_owner"),
            models.UniqueConstraint(
                "user", Lower("name"), condition=models.Q(user__isnull=False),
                name="inlinepolicy_user_name_unique_ci",
            ),
            models.UniqueConstraint(
                "group", Lower("name"), condition=models.Q(group__isnull=False),
                name="inlinepolicy_group_name_unique_ci",
            ),
            models.UniqueConstraint(
                "role", Lower("name"), condition=models.Q(role__isnull=False),
                name="inlinepolicy_role_name_unique_ci",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self) -> models.Model:
        """The user, group or role the policy is embedded in."""
        return self.user or self.group or self.role

    @property
    def owner_type(self) -> str:
        """`user`, `group` or `role` (AWS's SourcePolicyType for inline policies)."""
        if self.user_id:
            return "user"
        return "group" if self.group_id else "role"
