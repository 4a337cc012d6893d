"""Saved simulator inputs ("presets"), so a trainer can reopen a prepared simulation."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from iamconsole.models import Model as BaseModel


class SimulatorPreset(BaseModel):
    """A named policy simulation of one account: the simulator's input as JSON.

    `simulation` is the body of the simulate API (`POST /api/v1/simulate/custom` or
    `/principal`) plus `"mode": "custom" | "principal"`; it is validated when it is saved and
    again when it runs, since the principals and policies it names can change meanwhile.
    """

    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="simulator_presets"
    )
    name = models.CharField(max_length=128)
    description = models.CharField(max_length=1000, blank=True)
    simulation = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "simulator preset"
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                "account", Lower("name"), name="simulatorpreset_name_unique_ci"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def mode(self) -> str:
        """`principal` or `custom`, as stored in the simulation."""
        return str(self.simulation.get("mode", "custom"))
