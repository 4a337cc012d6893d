"""What the benchmarks share: Django on the test settings and a throw-away database holding
one account, "bench" (111111111111), whose root user the benchmarks act as."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def setup_django() -> None:
    """Django on the test settings (DATABASE_URL picks PostgreSQL)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iamconsole.settings.test")
    import django

    django.setup()


@contextmanager
def bench_account() -> Iterator[Any]:
    """A fresh test database (in memory with SQLite, `test_<name>` on PostgreSQL) with the
    account "bench"; the database is destroyed on the way out, whatever happened."""
    setup_django()
    from django.db import connection

    from accounts.services import account_create

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield account_create(account_id="111111111111", alias="bench", name="Bench",
                             root_email="root@bench.example",
                             root_password="Bench-Root-2026!")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
