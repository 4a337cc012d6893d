"""IAM roles with their trust policy, and the deletion tasks of service-linked roles."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from iamconsole.models import Model as BaseModel
from iamconsole.validators import SERVICE_ROLE_PATH

from ._base import AccountEntity, Tagged


class Role(AccountEntity, Tagged):
    """An IAM role (`AROA...`): an identity assumed by the principals its trust policy names."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="roles"
    )
    name = models.CharField(max_length=64)
    description = models.CharField(max_length=1000, blank=True)
    # The author's text exactly as written (what GetRole returns) and its parsed form.
    trust_policy = models.TextField()
    trust_policy_document = models.JSONField(default=dict)
    max_session_duration = models.PositiveIntegerField(
        default=3600, validators=[MinValueValidator(3600), MaxValueValidator(43200)]
    )
    permissions_boundary = models.ForeignKey(
        "policies.ManagedPolicy",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="boundary_of_roles",
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_region = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["account", Lower("name")]
        # Boundary-usage counts of policy lists look rows up by boundary within an account.
        indexes = [
            models.Index(fields=["permissions_boundary", "account"], name="role_boundary_acct"),
            # Lists page through an account's rows by name.
            models.Index(fields=["account", "name", "id"], name="role_acct_name"),
        ]
        constraints = [
            models.UniqueConstraint("account", Lower("name"), name="role_name_unique_ci"),
            models.CheckConstraint(
                condition=models.Q(max_session_duration__gte=3600)
                & models.Q(max_session_duration__lte=43200),
                name="role_max_session_duration_range",
            ),
        ]

    @property
    def service_linked(self) -> bool:
        """A role an AWS service created for itself (only in /aws-service-role/...), which
        only that service may change: AWS answers UnmodifiableEntity to anyone else."""
        return self.path.lower().startswith(SERVICE_ROLE_PATH)

    @property
    def linked_service(self) -> str:
        """The service principal of a service-linked role (its path's second segment)."""
        parts = self.path.split("/")
        return parts[2] if self.service_linked and len(parts) > 3 else ""


class ServiceLinkedRoleDeletion(BaseModel):
    """A deletion task of a service-linked role (DeleteServiceLinkedRole), kept after the role
    is gone so that GetServiceLinkedRoleDeletionStatus can answer how it ended."""

    class Status(models.TextChoices):
        NOT_STARTED = "NOT_STARTED"
        IN_PROGRESS = "IN_PROGRESS"
        SUCCEEDED = "SUCCEEDED"
        FAILED = "FAILED"

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="role_deletions"
    )
    # task/aws-service-role/<service>/<role name>/<UUID>, as AWS names it.
    task_id = models.CharField(max_length=1000, unique=True)
    role_name = models.CharField(max_length=64)
    role_arn = models.CharField(max_length=2048)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    # Why a FAILED deletion failed (AWS's Reason.Reason), empty otherwise.
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["account", "created_at", "pk"]

    def __str__(self) -> str:
        return self.task_id
