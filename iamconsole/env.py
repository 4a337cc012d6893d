"""Reading configuration from environment variables, kept free of Django settings state."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Known to everyone, so it is only ever accepted while DEBUG is on.
DEVELOPMENT_SECRET_KEY = "django-insecure-iamconsole-development-only-never-use-in-production"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Return a boolean environment variable; anything but a clear yes/no is refused."""
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Return a comma-separated environment variable as a list of non-empty items."""
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(value: str | None, *, debug: bool) -> str:
    """Return the SECRET_KEY to use, refusing the development default when DEBUG is off."""
    if not value:
        if debug:
            return DEVELOPMENT_SECRET_KEY
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off."
        )
    if value == DEVELOPMENT_SECRET_KEY and not debug:
        raise ImproperlyConfigured(
            "SECRET_KEY is the public development default; set a secret value when DEBUG is off."
        )
    return value


def database_config(url: str | None, *, base_dir: Path) -> dict[str, Any]:
    """Parse DATABASE_URL into Django's DATABASES["default"]; SQLite in base_dir by default."""
    if not url:
        url = f"sqlite:///{base_dir / 'db.sqlite3'}"
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_health_checks=True))
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite locks the whole file per write: readers never wait for the writer in WAL
        # mode, writers wait for each other (timeout) instead of failing at once, and a
        # transaction takes its write lock when it begins (IMMEDIATE), so two transactions
        # never deadlock upgrading their read locks ("database is locked").
        config.setdefault("OPTIONS", {}).update({
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        })
    # A worker keeps its connection between requests (closing the last connection to a WAL
    # file checkpoints it to disk: tens of milliseconds per request).
    config["CONN_MAX_AGE"] = 60
    return config
