"""SSH public keys (for CodeCommit) and service-specific credentials (CodeCommit's HTTPS Git
credentials, Amazon Keyspaces...) of IAM users."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iamconsole.models import Model as BaseModel

from .certificates import CredentialStatus


class SSHPublicKey(BaseModel):
    """An ssh-rsa public key (`APKA...`) of a user, as uploaded."""

    Status = CredentialStatus

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="ssh_public_keys"
    )
    user = models.ForeignKey(
        "accounts.IamUser", on_delete=models.CASCADE, related_name="ssh_public_keys"
    )
    ssh_public_key_id = models.CharField(max_length=128, unique=True, editable=False)
    ssh_public_key_body = models.TextField()
    # AWS's fingerprint: the MD5 of the key blob, colon-separated hex.
    fingerprint = models.CharField(max_length=47, editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    upload_date = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "SSH public key"
        ordering = ["account", "upload_date", "ssh_public_key_id"]
        constraints = [
            models.UniqueConstraint("user", "fingerprint", name="sshpublickey_unique_per_user"),
        ]

    def __str__(self) -> str:
        return self.ssh_public_key_id

    @property
    def is_active(self) -> bool:
        """True when the key may authenticate."""
        return self.status == self.Status.ACTIVE


class ServiceSpecificCredential(BaseModel):
    """A user name and password (`ACCA...`) for one service; the password is hashed."""

    Status = CredentialStatus

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="service_specific_credentials"
    )
    user = models.ForeignKey(
        "accounts.IamUser", on_delete=models.CASCADE,
        related_name="service_specific_credentials",
    )
    service_specific_credential_id = models.CharField(max_length=128, unique=True,
                                                      editable=False)
    service_name = models.CharField(max_length=64)
    service_user_name = models.CharField(max_length=200)
    password_hash = models.CharField(max_length=256, editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    create_date = models.DateTimeField(default=timezone.now)
    expiration_date = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "service-specific credential"
        ordering = ["account", "service_name", "create_date", "service_specific_credential_id"]
        constraints = [
            models.UniqueConstraint("service_name", "service_user_name",
                                    name="servicecredential_user_name_unique"),
        ]

    def __str__(self) -> str:
        return self.service_specific_credential_id

    @property
    def is_active(self) -> bool:
        """True when the credential may authenticate."""
        return self.status == self.Status.ACTIVE
