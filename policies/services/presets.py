"""Saving and deleting simulator presets (named simulations a trainer can reopen)."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Account
from iamconsole.exceptions import ConcurrentModification, InvalidInput
from iamconsole.services import clean

from ..models import SimulatorPreset
from ..simulation import parse_simulation

_NAME = re.compile(r"^[^\x00-\x1f]{1,128}$")


def _checked_simulation(simulation: Any) -> dict[str, Any]:
    """The simulation JSON, parsed as the simulate API would and written back out."""
    if not isinstance(simulation, dict):
        raise InvalidInput("The simulation must be a JSON object.", field="simulation")
    mode = simulation.get("mode", "custom")
    if mode not in ("custom", "principal"):
        raise InvalidInput('The simulation\'s "mode" must be "custom" or "principal".',
                           field="simulation.mode")
    body = {key: value for key, value in simulation.items() if key != "mode"}
    return parse_simulation(body, mode).as_json()


@transaction.atomic
def simulator_preset_save(
    *, account: Account, name: str, description: str, simulation: dict[str, Any]
) -> SimulatorPreset:
    """Create the account's preset with this name, or replace it (names ignore case).

    `simulation` is the body of `POST /api/v1/simulate/custom` or `/principal` plus
    `"mode": "custom" | "principal"`; it is checked like an API request (InvalidInput or
    the input's error otherwise). Policy documents are not validated here: the simulation
    validates them each time it runs.
    """
    name = (name or "").strip()
    if not _NAME.match(name):
        raise InvalidInput("Give the preset a name of 1 to 128 characters.", field="name")
    description = (description or "").strip()
    if len(description) > 1000:
        raise InvalidInput("The description can have at most 1,000 characters.",
                           field="description")
    checked = _checked_simulation(simulation)
    preset = (
        SimulatorPreset.objects.select_for_update()
        .filter(account=account, name__iexact=name)
        .first()
    )
    if preset is None:
        preset = SimulatorPreset(account=account, created_at=timezone.now())
    preset.name = name
    preset.description = description
    preset.simulation = checked
    clean(preset)
    try:
        with transaction.atomic():
            preset.save()
    except IntegrityError:
        # Another request created a preset with this name in the meantime.
        raise ConcurrentModification(
            f"A preset called {name} was saved at the same time; try again.", field="name"
        ) from None
    return preset


@transaction.atomic
def simulator_preset_delete(*, preset: SimulatorPreset) -> None:
    """Delete a preset."""
    preset.delete()
