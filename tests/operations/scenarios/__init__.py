"""Every scenario, gathered from the modules of this package (one module per family)."""

from __future__ import annotations

import importlib
import pkgutil

from ..harness import Scenario


def all_scenarios() -> list[Scenario]:
    """The SCENARIOS of every module here, in module order."""
    found: list[Scenario] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        found += importlib.import_module(f"{__name__}.{module.name}").SCENARIOS
    return found
