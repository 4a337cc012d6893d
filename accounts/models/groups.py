"""IAM groups."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from ._base import AccountEntity


class IamGroup(AccountEntity):
    """An IAM group (`AGPA...`): a set of users sharing policies; groups carry no tags."""

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="groups"
    )

    class Meta:
        verbose_name = "IAM group"
        verbose_name_plural = "IAM groups"
        ordering = ["account", Lower("name")]
        # Lists page through an account's rows by name.
        indexes = [models.Index(fields=["account", "name", "id"], name="iamgroup_acct_name")]
        constraints = [
            models.UniqueConstraint("account", Lower("name"), name="iamgroup_name_unique_ci"),
        ]
