"""AWS Organizations: an organization of this installation's accounts, its root, nested OUs,
member accounts, SCPs/RCPs with their attachments, invitations and CreateAccount requests."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iamconsole.models import Model as BaseModel

SCP = "SERVICE_CONTROL_POLICY"
RCP = "RESOURCE_CONTROL_POLICY"
POLICY_TYPES = (SCP, RCP)
# The policy's path segment in its ARN (policy/o-.../service_control_policy/p-...).
POLICY_TYPE_SEGMENTS = {SCP: "service_control_policy", RCP: "resource_control_policy"}


class Organization(BaseModel):
    """An organization (feature set ALL) and its one root."""

    org_id = models.CharField(max_length=34, unique=True)
    management_account = models.OneToOneField(
        "accounts.Account", on_delete=models.CASCADE, related_name="managed_organization")
    feature_set = models.CharField(max_length=32, default="ALL")
    root_id = models.CharField(max_length=32, unique=True)
    root_name = models.CharField(max_length=128, default="Root")
    # The policy types enabled in the root (SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY).
    enabled_policy_types = models.JSONField(default=list, blank=True)
    root_tags = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["org_id"]

    def __str__(self) -> str:
        return self.org_id

    @property
    def management_id(self) -> str:
        return self.management_account.account_id

    @property
    def arn(self) -> str:
        return f"arn:aws:organizations::{self.management_id}:organization/{self.org_id}"

    @property
    def root_arn(self) -> str:
        return f"arn:aws:organizations::{self.management_id}:root/{self.org_id}/{self.root_id}"


class OrganizationalUnit(BaseModel):
    """An OU under the root (parent None) or under another OU."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="units")
    ou_id = models.CharField(max_length=68, unique=True)
    name = models.CharField(max_length=128)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    tags = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "ou_id"]

    def __str__(self) -> str:
        return self.name


class OrganizationMember(BaseModel):
    """An account of the organization (the management account too), in the root or an OU."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="members")
    account = models.OneToOneField("accounts.Account", on_delete=models.CASCADE,
                                   related_name="organization_membership")
    parent = models.ForeignKey(OrganizationalUnit, null=True, blank=True,
                               on_delete=models.CASCADE, related_name="accounts")
    joined_method = models.CharField(max_length=16, default="CREATED")  # INVITED | CREATED
    joined_at = models.DateTimeField(default=timezone.now)
    tags = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["account__account_id"]


class OrganizationPolicy(BaseModel):
    """An SCP or RCP of the organization; FullAWSAccess and RCPFullAWSAccess are AWS's own."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="policies")
    policy_id = models.CharField(max_length=130)
    policy_type = models.CharField(max_length=32)
    name = models.CharField(max_length=128)
    description = models.CharField(max_length=512, blank=True)
    content = models.TextField()
    aws_managed = models.BooleanField(default=False)
    tags = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "policy_id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "policy_id"],
                                    name="org_policy_id_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def arn(self) -> str:
        org = self.organization
        if self.aws_managed:
            segment = POLICY_TYPE_SEGMENTS[self.policy_type]
            return f"arn:aws:organizations::aws:policy/{segment}/{self.policy_id}"
        return (f"arn:aws:organizations::{org.management_id}:policy/{org.org_id}/"
                f"{POLICY_TYPE_SEGMENTS[self.policy_type]}/{self.policy_id}")


class OrganizationPolicyAttachment(BaseModel):
    """A policy attached to the root (r-...), an OU (ou-...) or an account (12 digits)."""

    policy = models.ForeignKey(OrganizationPolicy, on_delete=models.CASCADE,
                               related_name="attachments")
    target_id = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["policy_id", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "target_id"],
                                    name="org_policy_attachment_unique"),
        ]
        indexes = [models.Index(fields=["target_id"], name="org_attachment_target")]


class Handshake(BaseModel):
    """An invitation (action INVITE) of an account to join the organization."""

    handshake_id = models.CharField(max_length=40, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="handshakes")
    target_account_id = models.CharField(max_length=12)
    action = models.CharField(max_length=32, default="INVITE")
    state = models.CharField(max_length=16, default="OPEN")
    notes = models.CharField(max_length=1024, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-requested_at", "handshake_id"]

    @property
    def arn(self) -> str:
        org = self.organization
        return (f"arn:aws:organizations::{org.management_id}:handshake/{org.org_id}/"
                f"{self.action.lower()}/{self.handshake_id}")


class CreateAccountRequest(BaseModel):
    """A CreateAccount request and its outcome (DescribeCreateAccountStatus)."""

    request_id = models.CharField(max_length=40, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="create_account_requests")
    account_name = models.CharField(max_length=50)
    state = models.CharField(max_length=16, default="SUCCEEDED")
    failure_reason = models.CharField(max_length=64, blank=True)
    account_id = models.CharField(max_length=12, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "request_id"]
