"""Attachments of managed policies to users, groups and roles."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iamconsole.models import Model as BaseModel

from .inline import _EXACTLY_ONE_OWNER


class PolicyAttachment(BaseModel):
    """A managed policy attached to exactly one user, group or role of `account`.

    `account` is the entity's account (AWS-managed policies have none of their own), so that
    per-account attachment counts need no join.
    """

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="policy_attachments"
    )
    policy = models.ForeignKey(
        "policies.ManagedPolicy", on_delete=models.RESTRICT, related_name="attachments"
    )
    user = models.ForeignKey(
        "accounts.IamUser",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="policy_attachments",
    )
    group = models.ForeignKey(
        "accounts.IamGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="policy_attachments",
    )
    role = models.ForeignKey(
        "accounts.Role",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="policy_attachments",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "policy attachment"
        ordering = ["created_at", "pk"]
        # Policy lists count attachments per policy within one account; without this index
        # each count scans all of the account's attachments.
        indexes = [models.Index(fields=["policy", "account"], name="policyattach_policy_acct")]
        constraints = [
            models.CheckConstraint(
                condition=_EXACTLY_ONE_OWNER, name="policyattachment_one_owner"
            ),
            models.UniqueConstraint(
                "policy", "user", condition=models.Q(user__isnull=False),
                name="policyattachment_user_unique",
            ),
            models.UniqueConstraint(
                "policy", "group", condition=models.Q(group__isnull=False),
                name="policyattachment_group_unique",
            ),
            models.UniqueConstraint(
                "policy", "role", condition=models.Q(role__isnull=False),
                name="policyattachment_role_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy_id} on {self.entity}"

    @property
    def entity(self) -> models.Model:
        """The user, group or role the policy is attached to."""
        return self.user or self.group or self.role

    @property
    def entity_type(self) -> str:
        """`user`, `group` or `role`."""
        if self.user_id:
            return "user"
        return "group" if self.group_id else "role"
