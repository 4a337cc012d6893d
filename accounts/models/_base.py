"""Fields and behaviour shared by the IAM entities that live in an account."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iamconsole.models import Model as BaseModel


class AccountEntity(BaseModel):
    """An entity with a name, a path, a unique ID and a stored ARN inside one account.

    The ARN is stored (not computed) so that principals and policies can be found by ARN with
    one indexed query; the services that rename or move an entity rewrite it.
    """

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE)
    name = models.CharField(max_length=128)
    path = models.CharField(max_length=512, default="/")
    unique_id = models.CharField(max_length=128, unique=True, editable=False)
    arn = models.CharField(max_length=2048, unique=True, editable=False)
    # A default rather than auto_now_add so that imports can keep AWS's creation dates.
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Tagged(BaseModel):
    """Tags as a JSON object {key: value}: loaded with the row, no query per entity."""

    tags = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
