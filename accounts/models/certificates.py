"""Server certificates of an account and X.509 signing certificates of users."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from iamconsole.models import Model as BaseModel

from ._base import AccountEntity, Tagged


class CredentialStatus(models.TextChoices):
    """The status of a signing certificate, SSH public key or service-specific credential."""

    ACTIVE = "Active"
    INACTIVE = "Inactive"


class ServerCertificate(AccountEntity, Tagged):
    """A server certificate (`ASCA...`) for load balancers and CloudFront: the certificate,
    its optional chain, and its private key, stored encrypted and never returned."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="server_certificates"
    )
    certificate_body = models.TextField()
    certificate_chain = models.TextField(blank=True)
    private_key_encrypted = models.TextField(editable=False)
    expiration = models.DateTimeField()

    class Meta:
        verbose_name = "server certificate"
        ordering = ["account", "name"]
        constraints = [
            models.UniqueConstraint("account", Lower("name"),
                                    name="servercertificate_name_unique_ci"),
        ]

    @property
    def upload_date(self):
        """AWS's UploadDate."""
        return self.created_at


class SigningCertificate(BaseModel):
    """An X.509 signing certificate of a user, or of the root user (`user` empty)."""

    Status = CredentialStatus

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="signing_certificates"
    )
    user = models.ForeignKey(
        "accounts.IamUser", on_delete=models.CASCADE, null=True, blank=True,
        related_name="signing_certificates",
    )
    certificate_id = models.CharField(max_length=128, unique=True, editable=False)
    certificate_body = models.TextField()
    # SHA-256 of the DER encoding: the same certificate twice in an account is refused.
    fingerprint = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    expiration = models.DateTimeField()
    upload_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "signing certificate"
        ordering = ["account", "upload_date", "certificate_id"]
        constraints = [
            models.UniqueConstraint("account", "fingerprint",
                                    name="signingcertificate_unique_per_account"),
        ]

    def __str__(self) -> str:
        return self.certificate_id

    @property
    def is_active(self) -> bool:
        """True when the certificate may sign requests."""
        return self.status == self.Status.ACTIVE
