"""Identity providers: SAML 2.0 providers (with their optional assertion-decryption keys)
and OpenID Connect providers, the principals of federated roles' trust policies."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from iamconsole.models import Model as BaseModel

from ._base import Tagged


class SamlProvider(Tagged):
    """A SAML provider `arn:aws:iam::ACCT:saml-provider/<name>`: the IdP's metadata document
    as uploaded, its expiry (the metadata's validUntil) and AWS's SAMLProviderUUID."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="saml_providers"
    )
    name = models.CharField(max_length=128)
    arn = models.CharField(max_length=2048, unique=True, editable=False)
    uuid = models.CharField(max_length=64, unique=True, editable=False)
    metadata_document = models.TextField()
    valid_until = models.DateTimeField(null=True, blank=True)
    # AWS's AssertionEncryptionMode: "" (not set), "Allowed" or "Required".
    assertion_encryption_mode = models.CharField(max_length=8, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "SAML provider"
        ordering = ["account", Lower("name")]
        constraints = [
            models.UniqueConstraint("account", Lower("name"), name="samlprovider_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class SamlPrivateKey(BaseModel):
    """A private key decrypting a SAML provider's encrypted assertions (at most two, so
    that a key can be rotated); stored encrypted, never returned (only its ID and date)."""

    provider = models.ForeignKey(SamlProvider, on_delete=models.CASCADE,
                                 related_name="private_keys")
    key_id = models.CharField(max_length=64, unique=True, editable=False)
    key_encrypted = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "SAML private key"
        ordering = ["provider", "created_at", "pk"]

    def __str__(self) -> str:
        return self.key_id


class OidcProvider(Tagged):
    """An OpenID Connect provider `arn:aws:iam::ACCT:oidc-provider/<host/path>`: its URL
    (kept without https://, as AWS returns it), audiences (client IDs), thumbprints, and the
    public keys that verify its ID tokens (a JWKS the administrator uploads: the console
    works offline; without one, the keys are fetched from the issuer when it is reachable)."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="oidc_providers"
    )
    url = models.CharField(max_length=255)
    arn = models.CharField(max_length=2048, unique=True, editable=False)
    client_ids = models.JSONField(default=list, blank=True)
    thumbprints = models.JSONField(default=list, blank=True)
    # {"keys": [...]} as uploaded (public keys only), or {} when none was.
    jwks = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "OpenID Connect provider"
        ordering = ["account", "url"]
        constraints = [
            models.UniqueConstraint("account", "url", name="oidcprovider_url_unique"),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def name(self) -> str:
        """What the console's pages and messages call it: the URL without https://."""
        return self.url
