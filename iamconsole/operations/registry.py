"""Finding every operation: each installed app's `operations` package, imported once."""

from __future__ import annotations

import importlib
import pkgutil

from django.apps import apps

from .base import OPERATIONS, Operation


def autodiscover() -> None:
    """Import every module of every installed app's `operations` package (each registers
    its operations), so that OPERATIONS lists them all."""
    for config in apps.get_app_configs():
        try:
            package = importlib.import_module(f"{config.name}.operations")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.operations":
                raise
            continue
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")


def operation_named(name: str, service: str = "iam") -> type[Operation]:
    """The operation with this AWS name (`CreateUser`) in a service, else KeyError."""
    return OPERATIONS[f"{service}:{name}"]
