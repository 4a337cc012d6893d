"""Versions of managed policies."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iamconsole.models import Model as BaseModel


class PolicyVersion(BaseModel):
    """One version (`v1`, `v2`...) of a managed policy: the author's exact text and its parse."""

    policy = models.ForeignKey(
        "policies.ManagedPolicy", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(editable=False)
    # The text exactly as submitted (what GetPolicyVersion returns) and the parsed JSON.
    document_text = models.TextField(editable=False)
    document = models.JSONField(editable=False)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "policy version"
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint("policy", "number", name="policyversion_number_unique"),
            models.UniqueConstraint(
                "policy",
                condition=models.Q(is_default=True),
                name="policyversion_one_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy_id} {self.version_id}"

    @property
    def version_id(self) -> str:
        """AWS's version ID, `v` and the number."""
        return f"v{self.number}"
