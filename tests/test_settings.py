"""Settings come from the environment; unsafe combinations are refused."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction

from iamconsole.env import (
    DEVELOPMENT_SECRET_KEY,
    database_config,
    env_bool,
    env_list,
    secret_key,
)

ROOT = Path(__file__).resolve().parent.parent


def test_database_url_defaults_to_sqlite_in_the_project(tmp_path):
    config = database_config(None, base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_the_embedded_database_lets_concurrent_writers_wait_instead_of_failing(
    tmp_path, django_db_blocker
):
    """Two clients writing at once on the SQLite default both succeed (WAL, a busy timeout
    and transactions that take the write lock when they begin): no "database is locked"."""
    alias = "embedded"
    connections.settings[alias] = connections.settings["default"] | database_config(
        None, base_dir=tmp_path)
    errors: list[Exception] = []

    def write() -> None:
        try:
            for _ in range(100):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    value = cursor.fetchone()[0]
                    cursor.execute("UPDATE counter SET n = %s", [value + 1])
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)
        finally:
            connections[alias].close()

    try:
        django_db_blocker.unblock()
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n INTEGER)")
            cursor.execute("INSERT INTO counter VALUES (0)")
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
        threads = [threading.Thread(target=write) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            assert cursor.fetchone() == (200,)
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
        django_db_blocker.restore()


def test_database_url_selects_postgresql():
    config = database_config("postgres://app:pw@db.internal:5433/iam", base_dir=Path("/x"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "app", "pw", "db.internal", 5433,
    )
    assert config["NAME"] == "iam"
    assert config["CONN_MAX_AGE"] == 60


def test_a_malformed_database_url_is_refused_clearly():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_config("nosuchdb://whatever", base_dir=Path("/x"))


def test_development_secret_key_is_used_only_with_debug():
    assert secret_key(None, debug=True) == DEVELOPMENT_SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        secret_key(None, debug=False)
    with pytest.raises(ImproperlyConfigured, match="development default"):
        secret_key(DEVELOPMENT_SECRET_KEY, debug=False)
    assert secret_key("s3cr3t-value", debug=False) == "s3cr3t-value"


def test_booleans_and_lists_from_the_environment():
    assert env_bool("DEBUG", False, {"DEBUG": "True"}) is True
    assert env_bool("DEBUG", True, {"DEBUG": "off"}) is False
    assert env_bool("DEBUG", True, {}) is True
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})
    assert env_list("ALLOWED_HOSTS", ["x"], {"ALLOWED_HOSTS": "a.example, b.example,"}) == [
        "a.example",
        "b.example",
    ]


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _import_settings("iamconsole.settings.prod")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_start_with_a_secret_key():
    result = _import_settings("iamconsole.settings.prod", SECRET_KEY="a-real-secret-value")
    assert result.returncode == 0, result.stderr


def test_dev_settings_turn_debug_on():
    result = _import_settings("iamconsole.settings.dev")
    assert result.returncode == 0, result.stderr
