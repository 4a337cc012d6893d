"""Temporary credentials issued by STS (`ASIA...`): role sessions, session tokens and
federated users."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iamconsole.models import Model as BaseModel


class TemporaryCredential(BaseModel):
    """One set of temporary credentials: an `ASIA...` key ID, a secret and a session token
    (both stored encrypted), valid until `expires_at`.

    `kind` is the principal the credentials act as: an assumed-role session of `role`, the
    IAM `user` or the root user (GetSessionToken), or a federated user named `session_name`
    whose permissions are `user`'s (the root user's when empty) within the session policies.
    `context` holds the condition keys the session adds to every request it signs besides
    the ones derived from the fields (federated claims such as `<provider>:sub`, `saml:aud`,
    `aws:FederatedProvider`), as {key: string or list of strings}.
    """

    class Kind(models.TextChoices):
        ASSUMED_ROLE = "assumed-role"
        USER = "user"
        ROOT = "root"
        FEDERATED_USER = "federated-user"

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="temporary_credentials"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The STS API that issued them: AssumeRole, AssumeRoleWithWebIdentity,
    # AssumeRoleWithSAML, GetSessionToken, GetFederationToken (or the console's SwitchRole).
    issued_by = models.CharField(max_length=32)
    role = models.ForeignKey(
        "accounts.Role", on_delete=models.CASCADE, null=True, blank=True,
        related_name="sessions",
    )
    user = models.ForeignKey(
        "accounts.IamUser", on_delete=models.CASCADE, null=True, blank=True,
        related_name="temporary_credentials",
    )
    session_name = models.CharField(max_length=64, blank=True)
    access_key_id = models.CharField(max_length=32, unique=True, editable=False)
    secret_encrypted = models.TextField(editable=False)
    token_encrypted = models.TextField(editable=False)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # The session policies as the session evaluates them: the inline Policy's text, then
    # the documents of the PolicyArns (their default versions when issued).
    session_policies = models.JSONField(default=list, blank=True)
    policy_arns = models.JSONField(default=list, blank=True)
    # Session tags {key: value} (inherited transitive tags included) and the transitive keys.
    session_tags = models.JSONField(default=dict, blank=True)
    transitive_tag_keys = models.JSONField(default=list, blank=True)
    source_identity = models.CharField(max_length=64, blank=True)
    mfa_authenticated_at = models.DateTimeField(null=True, blank=True)
    context = models.JSONField(default=dict, blank=True)
    # Issued to a role session (role chaining): at most one hour, tags and source identity
    # carried over.
    chained = models.BooleanField(default=False)
    source_arn = models.CharField(max_length=2048, blank=True)

    class Meta:
        verbose_name = "temporary credential"
        ordering = ["account", "-issued_at"]
        indexes = [
            models.Index(fields=["role", "expires_at"], name="tempcred_role_expiry"),
            models.Index(fields=["account", "expires_at"], name="tempcred_acct_expiry"),
        ]

    def __str__(self) -> str:
        return self.access_key_id


class SigninToken(BaseModel):
    """A console sign-in token of the federation endpoint (getSigninToken): it signs a
    browser in as the session of `credential` once, within 15 minutes. Only a hash of the
    token is kept; `session_duration` is the console session's length asked for (seconds),
    None for as long as the credentials last."""

    credential = models.ForeignKey(TemporaryCredential, on_delete=models.CASCADE,
                                   related_name="signin_tokens")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    session_duration = models.PositiveIntegerField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "console sign-in token"
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"sign-in token of {self.credential_id}"
