"""Importing an export of 3,000 users in one request: the budget is 10 seconds.

`python -m bench bench_import` builds a throw-away database (a temporary SQLite file, the
embedded default, and, when DATABASE_URL is set, `test_<name>` on that PostgreSQL too; each
in its own process), loads the AWS-managed catalogue, and imports `bench/import_document.py`'s
document (BENCH_IMPORT_USERS users, default 3,000: groups, tags, attached and inline policies,
boundaries, login profiles and access keys) as an administrator (an IAM user with
AdministratorAccess, so every operation is decided by the engine), then imports it again
(nothing changes). It prints the seconds and SQL queries of each import; the process exits
non-zero when the first import exceeds the budget.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BUDGET_SECONDS = 10.0
USERS = int(os.environ.get("BENCH_IMPORT_USERS", "3000"))
ROOT = Path(__file__).resolve().parent.parent


def _setup_django(sqlite_file: str | None) -> str:
    """Django with the test settings on a throw-away database; returns the old name."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iamconsole.settings.test")
    sys.path.insert(0, str(ROOT))
    import django
    django.setup()
    from django.db import connection

    if sqlite_file:
        connection.settings_dict["TEST"]["NAME"] = sqlite_file
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return str(old_name)


def _caller() -> Any:
    from accounts.services import account_create, user_create
    from accounts.signin import user_principal
    from iamconsole.operations import Caller
    from policies.selectors import aws_managed_policy
    from policies.services import aws_managed_policies_sync, policy_attach_to_user

    aws_managed_policies_sync()
    account = account_create(account_id="111111111111", alias="bench", name="Bench",
                             root_email="root@bench.example", root_password="Bench-Root-2026!")
    admin = user_create(account=account, name="admin")
    policy_attach_to_user(user=admin, policy=aws_managed_policy("AdministratorAccess"))
    return Caller(user_principal(admin), account)


def _import(caller: Any, payload: bytes) -> tuple[float, float, int, Any]:
    from django.db import connection

    from accounts.authorization_details.importer import import_authorization_details

    queries = 0

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started, cpu = time.perf_counter(), time.process_time()
        result = import_authorization_details(account=caller.account,
                                              pages=[("export.json", payload)], caller=caller)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return elapsed, cpu, queries, result


def run_one(label: str) -> int:
    """Time the import and the re-import on the database this process is configured for."""
    from bench.import_document import many_users_document

    with tempfile.TemporaryDirectory() as scratch:
        sqlite_file = None if os.environ.get("DATABASE_URL") else f"{scratch}/bench.sqlite3"
        old_name = _setup_django(sqlite_file)
        try:
            caller = _caller()
            payload = json.dumps(many_users_document(USERS)).encode()
            first, first_cpu, first_queries, result = _import(caller, payload)
            again, again_cpu, again_queries, unchanged = _import(caller, payload)
        finally:
            from django.db import connection

            connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"{label}: {USERS} users ({len(payload) / 1e6:.1f} MB file); load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (the machine is shared: the "
          "CPU seconds of this process tell its own cost)")
    print(f"  first import:  {first:6.2f} s ({first_cpu:5.2f} s CPU), {first_queries:6d} "
          "queries  "
          f"({result.summary().replace(chr(10), '; ')})")
    print(f"  import again:  {again:6.2f} s ({again_cpu:5.2f} s CPU), {again_queries:6d} "
          "queries  "
          f"(changed anything: {unchanged.changed_anything})")
    verdict = "within" if first <= BUDGET_SECONDS else "OVER"
    print(f"  budget: {BUDGET_SECONDS:.0f} s for the first import -> {verdict} budget",
          flush=True)
    return 0 if first <= BUDGET_SECONDS else 1


def main() -> None:
    """SQLite (the embedded default), then the PostgreSQL of DATABASE_URL if set; each in a
    process of its own (the database is chosen when Django's settings load)."""
    runs = [("SQLite", {k: v for k, v in os.environ.items() if k != "DATABASE_URL"})]
    if os.environ.get("DATABASE_URL"):
        runs.append(("PostgreSQL", dict(os.environ)))
    failed = False
    for label, env in runs:
        code = subprocess.run([sys.executable, "-m", "bench.bench_import", label], env=env,
                              cwd=ROOT, check=False).returncode
        failed |= code != 0
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(run_one(sys.argv[1]))
    main()
