"""The roles an IAM user switched to from the console: the identity menu's role history."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from iamconsole.models import Model as BaseModel

# AWS's switch-role colours, (value, label): static/css/app.css has their band's shade.
ROLE_COLORS = (("red", "Red"), ("orange", "Orange"), ("yellow", "Yellow"), ("green", "Green"),
               ("blue", "Blue"))
HISTORY_LENGTH = 5


class SwitchRoleEntry(BaseModel):
    """A role switched to, as typed (account ID or alias, role name), with the display name
    and colour chosen for it; the console keeps a user's last five, as AWS's does."""

    user = models.ForeignKey("accounts.IamUser", on_delete=models.CASCADE,
                             related_name="switch_role_history")
    account = models.CharField(max_length=63)
    role_name = models.CharField(max_length=64)
    display_name = models.CharField(max_length=64)
    color = models.CharField(max_length=8, blank=True,
                             choices=ROLE_COLORS)
    used_at = models.DateTimeField()

    class Meta:
        verbose_name = "switch-role history entry"
        verbose_name_plural = "switch-role history"
        ordering = ["user", "-used_at"]
        constraints = [
            models.UniqueConstraint("user", Lower("account"), Lower("role_name"),
                                    name="switchrole_entry_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.display_name
