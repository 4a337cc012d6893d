"""List pages and API lists at scale: 10,000 users, 1,000 roles, 2,000 policies vs empty.

Seeds a throwaway database (a temporary SQLite file, or with BENCH_DATABASE_URL a dedicated
PostgreSQL test database that is created and dropped; never the development db.sqlite3),
then times every console list page and API list endpoint in-process (Django's test client,
signed in as each account's root user) for an empty account and a big one, and reports the
median latency, the ratio (target: under 2) and the SQL queries per request. An account of
one full page of each kind (100 users, groups, policies and instance profiles: the API's
page, four of the console's) is measured too: big against one-page separates what grows with the
account from the cost of drawing a full page instead of an empty state. The full
GetAccountAuthorizationDetails export is reported apart: it returns every entity, so it
grows with the account by design.

Sizes: BENCH_USERS, BENCH_ROLES, BENCH_POLICIES; BENCH_REPEAT requests per URL (default 15).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT_PASSWORD = "Bench-Root-Password-2026"
EMPTY, BIG, PAGE = "100000000001", "100000000002", "100000000003"
# Every list's first page full (the seed gives every other role an instance profile).
ONE_PAGE = {"users": 100, "roles": 200, "policies": 100, "groups": 100}
UI_LISTS = [
    "accounts:dashboard", "accounts:iamuser_list", "accounts:group_list",
    "accounts:role_list", "accounts:instanceprofile_list", "policies:policy_list",
]
API_NAMESPACES = ("accounts-api", "policies-api")


def _configure() -> tuple[str, Path | None]:
    """Point Django at a throwaway database; refuse the development one."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    url = os.environ.get("BENCH_DATABASE_URL")
    temp = None
    if not url:
        temp = Path(tempfile.gettempdir()) / f"iamconsole-bench-{os.getpid()}.sqlite3"
        url = f"sqlite:///{temp}"
    if url.rstrip("/").endswith("db.sqlite3"):
        raise SystemExit("bench_scale never uses the development database db.sqlite3.")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "iamconsole.settings.test"
    import django
    from django.conf import settings

    django.setup()
    # What the test client needs, without setup_test_environment(): that one also records
    # every template rendered and its context, a cost no served request pays.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import signals
    from django.db import close_old_connections

    # Keep one connection, as a served process with persistent connections does (and so that
    # the query log survives between requests).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    return url, temp


def _setup_database(url: str) -> Any:
    from django.core.management import call_command
    from django.db import connection

    if url.startswith("sqlite"):
        call_command("migrate", verbosity=0)
        return None
    # A dedicated database (test_<name>), created here and dropped at the end.
    return connection.creation.create_test_db(verbosity=0, autoclobber=True)


def _counts() -> dict[str, int]:
    return {
        "users": int(os.environ.get("BENCH_USERS", 10_000)),
        "roles": int(os.environ.get("BENCH_ROLES", 1_000)),
        "policies": int(os.environ.get("BENCH_POLICIES", 2_000)),
        "groups": int(os.environ.get("BENCH_GROUPS", 100)),
    }


def seed(account: Any, counts: dict[str, int]) -> None:
    """Bulk rows for the big account: users with groups, keys, passwords and policies.

    Then vacuum and analyze, as PostgreSQL's autovacuum does within a minute of a bulk load
    (since PostgreSQL 13 inserts alone trigger it): timing a big account on the statistics
    and visibility map of an empty one would measure plans no running installation uses.
    """
    from django.db import connection

    from bench.scale_seed import seed_account

    seed_account(account, **counts)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _routes() -> list[tuple[str, str]]:
    """(label, path) of the UI list pages and API list endpoints that exist now."""
    from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

    found: list[tuple[str, str]] = []
    for name in UI_LISTS:
        try:
            found.append((name, reverse(name)))
        except NoReverseMatch:
            print(f"  (not built yet: {name})")

    def walk(patterns: list[Any], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif (isinstance(entry, URLPattern) and namespace in API_NAMESPACES
                  and entry.name and entry.name.endswith("-list")):
                try:
                    found.append((f"{namespace}:{entry.name}",
                                  reverse(f"{namespace}:{entry.name}")))
                except NoReverseMatch:
                    pass  # needs URL arguments: a sub-collection, not an account list

    walk(get_resolver().url_patterns, "")
    return list(dict.fromkeys(found))


def _client(account: Any) -> Any:
    from django.test import Client

    client = Client()
    response = client.post("/signin/", {"mode": "root", "email": account.root_email,
                                        "password": ROOT_PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def _queries(client: Any, path: str) -> tuple[int, int]:
    """SQL queries and HTTP status of one request."""
    from django.db import connection

    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = client.get(path).status_code
    return len(queries), status


def _time(clients: dict[str, Any], path: str, repeat: int) -> dict[str, float]:
    """Median milliseconds per account; requests alternate, so both see the same load."""
    for client in clients.values():
        client.get(path)  # warm caches (decisions, compiled policies, templates)
    samples: dict[str, list[float]] = {key: [] for key in clients}
    for _ in range(repeat):
        for key, client in clients.items():
            start = time.perf_counter()
            client.get(path)
            samples[key].append((time.perf_counter() - start) * 1000)
    return {key: statistics.median(values) for key, values in samples.items()}


def main() -> None:
    """Seed, measure, report, clean up."""
    url, temp = _configure()
    from accounts.services import account_create
    from policies.services import aws_managed_policies_sync

    old_name = None
    try:
        old_name = _setup_database(url)
        aws_managed_policies_sync()
        accounts = {
            key: account_create(account_id=key, root_email=f"root@{key}.bench",
                                root_password=ROOT_PASSWORD, alias=f"bench-{key[-1]}")
            for key in (EMPTY, BIG, PAGE)
        }
        counts = _counts()
        start = time.perf_counter()
        seed(accounts[BIG], counts)
        seed(accounts[PAGE], ONE_PAGE)
        print(f"database: {'SQLite (temporary file)' if temp else 'PostgreSQL (dedicated)'}")
        print(f"seeded {counts['users']:,} users, {counts['roles']:,} roles, "
              f"{counts['policies']:,} customer policies, {counts['groups']:,} groups "
              f"in {time.perf_counter() - start:.1f} s")
        _report(accounts, int(os.environ.get("BENCH_REPEAT", 15)))
    finally:
        teardown(old_name, temp)


def teardown(old_name: str | None, temp: Path | None) -> None:
    """Drop the dedicated PostgreSQL database, or delete the temporary SQLite file."""
    from django.db import connection

    if old_name is not None:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    connection.close()
    if temp is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{temp}{suffix}").unlink(missing_ok=True)


def _report(accounts: dict[str, Any], repeat: int) -> None:
    clients = {key: _client(account) for key, account in accounts.items()}
    routes = _routes()
    print(f"{'page or endpoint':<40} {'empty ms':>8} {'page ms':>8} {'big ms':>8} "
          f"{'big/empty':>9} {'big/page':>8} {'queries':>10}  status")
    worst = worst_page = 0.0
    for label, path in routes:
        queries = {key: _queries(clients[key], path) for key in (EMPTY, PAGE, BIG)}
        medians = _time(clients, path, repeat)
        ratio = medians[BIG] / medians[EMPTY] if medians[EMPTY] else float("inf")
        page_ratio = medians[BIG] / medians[PAGE] if medians[PAGE] else float("inf")
        if queries[BIG][1] == 200:
            worst, worst_page = max(worst, ratio), max(worst_page, page_ratio)
        flag = "" if ratio < 2 else "  <- over 2"
        counts = "/".join(str(queries[key][0]) for key in (EMPTY, PAGE, BIG))
        statuses = "/".join(str(queries[key][1]) for key in (EMPTY, PAGE, BIG))
        print(f"{label:<40} {medians[EMPTY]:>8.1f} {medians[PAGE]:>8.1f} {medians[BIG]:>8.1f} "
              f"{ratio:>9.2f} {page_ratio:>8.2f} {counts:>10}  {statuses}{flag}", flush=True)
    print(f"worst ratio big/empty of the list pages and endpoints: {worst:.2f} (target < 2)")
    print(f"worst ratio big/one-page (what grows with the account itself): {worst_page:.2f}")
    _report_export(clients)


def _report_export(clients: dict[str, Any]) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse("accounts-api:authorization-details")
    except NoReverseMatch:
        path = reverse("accounts:authorization_details_export")
    for key, label in ((EMPTY, "empty"), (BIG, "big")):
        start = time.perf_counter()
        response = clients[key].get(path)
        elapsed = time.perf_counter() - start
        print(f"full export ({path}) of the {label} account: {elapsed * 1000:,.0f} ms, "
              f"{len(response.content) / 1e6:.1f} MB, status {response.status_code}")
