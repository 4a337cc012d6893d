"""Finding every operation: each installed app's `operations` package, imported once."""

from __future__ import annotations

import importlib
import pkgutil

from django.apps import apps

from .base import OPERATIONS, Operation


def import_app_packages(name: str) -> None:
    """Import every module of every installed app's `name` package (`operations`, `wire`):
    each registers what it defines when imported."""
    for config in apps.get_app_configs():
        try:
            package = importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
            continue
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")


def autodiscover() -> None:
    """Import every app's `operations` package, so that OPERATIONS lists them all."""
    import_app_packages("operations")


def operation_named(name: str, service: str = "iam") -> type[Operation]:
    """The operation with this AWS name (`CreateUser`) in a service, else KeyError."""
    return OPERATIONS[f"{service}:{name}"]
