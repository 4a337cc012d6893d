"""Guard rails: saved simulator expectations of an account, re-checked by every change."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from iamconsole.models import Model as BaseModel

EXPECTED_CHOICES = [("allowed", "Allowed"), ("denied", "Denied")]
MODE_CHOICES = [("block", "Block"), ("warn", "Warn")]
STATUS_CHOICES = [("unknown", "Not checked"), ("holds", "Holds"), ("broken", "Broken")]


class GuardRail(BaseModel):
    """An expectation about one decision: `subject` (a user's or role's ARN, or a group's,
    meaning every member of it) is `expected` allowed or denied `action` on `resource`, with
    the request's `context` keys (condition key -> values; a key left out is absent).

    Every change that can alter a decision in the account re-checks its rails before it
    commits: a broken rail in `block` mode refuses the change (GuardRailViolation), one in
    `warn` mode lets it through and the change's event carries the warning. `last_status`,
    `last_detail` and `checked_at` are the outcome of the latest check.
    """

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="guard_rails"
    )
    name = models.CharField(max_length=128)
    description = models.CharField(max_length=1000, blank=True)
    subject = models.CharField(max_length=2048)
    action = models.CharField(max_length=128)
    resource = models.CharField(max_length=2048, default="*")
    context = models.JSONField(default=dict, blank=True)
    expected = models.CharField(max_length=8, choices=EXPECTED_CHOICES)
    mode = models.CharField(max_length=8, choices=MODE_CHOICES, default="warn")
    created_by = models.CharField(max_length=2048, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_status = models.CharField(max_length=8, choices=STATUS_CHOICES, default="unknown")
    last_detail = models.CharField(max_length=2048, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "guard rail"
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint("account", Lower("name"), name="guardrail_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        """Whether the subject is a group: the rail is about every member of it."""
        return ":group/" in self.subject

    @property
    def sentence(self) -> str:
        """The expectation in words: "user/alice can s3:GetObject on arn:aws:s3:::r/*"."""
        who = self.subject.split(":", 5)[-1]
        who = f"every member of {who}" if self.is_group else who
        verb = "can" if self.expected == "allowed" else "cannot"
        keys = ", ".join(f"{k}={'|'.join(v) if v else '(absent)'}"
                         for k, v in sorted(self.context.items()))
        return f"{who} {verb} {self.action} on {self.resource}" + (
            f" with {keys}" if keys else "")
