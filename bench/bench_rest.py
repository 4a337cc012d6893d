"""The REST API's authorized GET of one user, access-key authentication included.

`python -m bench bench_rest` migrates a throwaway SQLite file, seeds an account (the AWS-managed
catalogue, and an operator with an access key, ReadOnlyAccess and IAMReadOnlyAccess, an inline
policy with conditions and a permissions boundary), starts ONE gunicorn server (one sync
worker, production settings) and times `GET /api/v1/users/engineer/` with the operator's key
over a keep-alive connection: the median of BENCH_REST_REQUESTS requests (default 1,000) after
a warm-up (target < 5 ms); then `GET /api/v1/users/` (a page of the account's 50 users) the
same way. The machine is shared: the worker's CPU time per request (from /proc) is printed
beside the wall-clock medians, with the load average.

Where the time goes is measured apart, in one process with the same settings and database:
the WSGI application called directly (as gunicorn does) with timers around authentication
(the access key), authorization (the caller's policy set and the engine) and every SQL query,
each the median per request (target for authorization < 0.5 ms). The difference between the
two medians is gunicorn and HTTP.
"""

from __future__ import annotations

import base64
import cProfile
import io
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.bench_wire import ROOT, Rest, served

ACCOUNT = "111111111111"
REQUESTS = int(os.environ.get("BENCH_REST_REQUESTS", 1000))
# A file for a cProfile of 200 more in-process requests (pstats format), when set.
PROFILE_OUT = os.environ.get("BENCH_REST_PROFILE", "")
PATH = "/api/v1/users/engineer/"
LIST_PATH = "/api/v1/users/"
# The users of the list besides the operator and the engineer (a page of 50).
MORE_USERS = 48
TARGET_MS, AUTHZ_TARGET_MS = 5.0, 0.5
INLINE = {"Version": "2012-10-17", "Statement": [
    {"Sid": "LocalOnly", "Effect": "Deny", "Action": "iam:*", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": ["127.0.0.0/8", "10.0.0.0/8"]}}},
    {"Sid": "OwnTeam", "Effect": "Allow", "Action": "iam:TagUser", "Resource": "*",
     "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}]}
BOUNDARY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:*", "sts:*", "s3:*", "ec2:*"], "Resource": "*"}]}


def seed() -> dict[str, Any]:
    """(In the server's database) the catalogue, the account, the operator and its key."""
    import django

    django.setup()
    from accounts.services import access_key_create, account_create, user_create
    from policies.selectors import aws_managed_policy
    from policies.services import (
        aws_managed_policies_sync,
        inline_policy_put,
        permissions_boundary_put,
        policy_attach_to_user,
        policy_create,
    )

    aws_managed_policies_sync()
    account = account_create(account_id=ACCOUNT, alias="bench-rest", name="Bench REST",
                             root_email="root@bench-rest.example",
                             root_password="Bench-Rest-Root-2026!")
    operator = user_create(account=account, name="operator", tags={"team": "platform"})
    for name in ("ReadOnlyAccess", "IAMReadOnlyAccess"):
        policy_attach_to_user(user=operator, policy=aws_managed_policy(name))
    inline_policy_put(entity=operator, name="Guardrails", policy_document=json.dumps(INLINE))
    permissions_boundary_put(entity=operator, policy=policy_create(
        account=account, name="OperatorBoundary", policy_document=json.dumps(BOUNDARY)))
    user_create(account=account, name="engineer", tags={"team": "platform"})
    for number in range(MORE_USERS):
        user_create(account=account, name=f"user-{number:02}", tags={"team": "data"})
    key = access_key_create(user=operator)
    return {"key": key.access_key.access_key_id, "secret": key.secret_access_key}


def _median_ms(call: Callable[[], Any], count: int) -> float:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


class _Timers:
    """Per-request totals of the instrumented parts, and the SQL run inside each."""

    def __init__(self) -> None:
        self.current: list[str] = []
        self.totals: dict[str, float] = {}
        self.queries = 0

    def add(self, name: str, seconds: float) -> None:
        self.totals[name] = self.totals.get(name, 0.0) + seconds

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            nested = bool(self.current)
            self.current.append(name)
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.current.pop()
                if not nested or name == "engine":
                    self.add(name, time.perf_counter() - started)

        setattr(owner, attribute, timed)

    def sql(self, execute: Callable[..., Any], sql: str, params: Any, many: bool,
            context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            where = self.current[0] if self.current else "other"
            self.add(f"sql:{where}", time.perf_counter() - started)
            self.queries += 1


def profile(key: str, secret: str, path: str = PATH) -> dict[str, Any]:
    """(In the server's database and settings) where one request's time goes."""
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    import accounts.middleware
    import iamconsole.operations.caller
    import policies.authorization
    import policies.engine

    timers = _Timers()
    timers.wrap(accounts.middleware, "principal_from_access_key", "authentication")
    timers.wrap(iamconsole.operations.caller, "check", "authorization")
    # Pinning the caller's policy set (the account's generation, read once per request).
    timers.wrap(iamconsole.operations.caller, "pin_policies", "authorization")
    # The engine: a prepared set's evaluate, or (before prepared sets) evaluate(request).
    timers.wrap(policies.authorization, "evaluate", "engine")
    if hasattr(policies.engine, "PreparedPolicySet"):
        timers.wrap(policies.engine.PreparedPolicySet, "evaluate", "engine")
    application = get_wsgi_application()
    header = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
               "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
               "HTTP_AUTHORIZATION": header, "wsgi.url_scheme": "http",
               "wsgi.errors": sys.stderr, "wsgi.multithread": False,
               "wsgi.multiprocess": True, "wsgi.run_once": False}

    def call() -> None:
        status: list[str] = []
        body = application({**environ, "wsgi.input": io.BytesIO()},
                           lambda code, headers, *_: status.append(code))
        b"".join(body)
        if not status[0].startswith("200"):
            raise SystemExit(f"GET {path} answered {status[0]}")

    for _ in range(50):
        call()
    rows: dict[str, list[float]] = {}
    profiler = cProfile.Profile() if PROFILE_OUT and path == PATH else None
    with connection.execute_wrapper(timers.sql):
        for _ in range(REQUESTS):
            timers.totals, timers.queries = {}, 0
            started, cpu = time.perf_counter(), time.process_time()
            call()
            total, cpu = time.perf_counter() - started, time.process_time() - cpu
            parts = {"total": total, "cpu": cpu, **timers.totals, "queries": timers.queries}
            for name, value in parts.items():
                rows.setdefault(name, []).append(value)
        if profiler is not None:
            profiler.runcall(lambda: [call() for _ in range(200)])
            profiler.dump_stats(PROFILE_OUT)
    return {name: statistics.median(values) for name, values in rows.items()}


def _worker_cpu(env: dict[str, str]) -> float:
    """The CPU time (user + system, seconds) the gunicorn worker has used so far."""
    master = env["BENCH_SERVER_PID"]
    with open(f"/proc/{master}/task/{master}/children") as children:
        worker = children.read().split()[0]
    with open(f"/proc/{worker}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _served(rest: Rest, path: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock median, the worker's mean CPU time) per request in ms."""
    _median_ms(lambda: rest("GET", path), 100)
    cpu = _worker_cpu(env)
    wall = _median_ms(lambda: rest("GET", path), REQUESTS)
    return wall, (_worker_cpu(env) - cpu) * 1000 / REQUESTS


def _in_process(seeded: dict[str, Any], env: dict[str, str], path: str) -> dict[str, float]:
    return json.loads(subprocess.run(
        [sys.executable, "-m", "bench.bench_rest", "profile", seeded["key"], seeded["secret"],
         path], cwd=ROOT, env=env, check=True, capture_output=True,
        text=True).stdout.splitlines()[-1])


def _report(served: dict[str, tuple[float, float]], parts: dict[str, float],
            listed: dict[str, float]) -> None:
    def ms(name: str) -> float:
        return parts.get(name, 0.0) * 1000

    (server_ms, server_cpu), (list_ms, list_cpu) = served[PATH], served[LIST_PATH]
    total = ms("total")
    authn, authz, engine = ms("authentication"), ms("authorization"), ms("engine")
    sql_other = ms("sql:other")
    rest = total - authn - authz - sql_other
    print(f"GET {PATH} with an access key, one gunicorn worker (sync), SQLite: "
          f"median {server_ms:.2f} ms over {REQUESTS:,} requests, the worker's CPU time "
          f"{server_cpu:.2f} ms per request "
          f"(target < {TARGET_MS} ms: {'met' if server_ms < TARGET_MS else 'MISSED'})")
    print(f"GET {LIST_PATH} (50 users): median {list_ms:.2f} ms, the worker's CPU time "
          f"{list_cpu:.2f} ms per request; in-process {listed['total'] * 1000:.2f} ms "
          f"(CPU time {listed['cpu'] * 1000:.2f} ms), {listed['queries']:.0f} SQL queries")
    print(f"in-process, the WSGI application called directly: median {total:.2f} ms "
          f"(CPU time {ms('cpu'):.2f} ms), {parts.get('queries', 0):.0f} SQL queries; "
          "medians per part:")
    print(f"  authorization   {authz:6.3f} ms (target < {AUTHZ_TARGET_MS} ms: "
          f"{'met' if authz < AUTHZ_TARGET_MS else 'MISSED'}); of which the engine "
          f"{engine:.3f} ms, SQL (the account's generation) {ms('sql:authorization'):.3f} ms")
    print(f"  authentication  {authn:6.3f} ms (the access key; of which SQL "
          f"{ms('sql:authentication'):.3f} ms)")
    print(f"  other SQL       {sql_other:6.3f} ms (the operation's reads and writes)")
    print(f"  the rest        {rest:6.3f} ms (Django middleware, DRF, the operation, "
          "serializing)")
    print(f"  gunicorn + HTTP {server_ms - total:6.3f} ms (server median minus in-process; "
          "the sync worker closes each connection, so a connect per request)")


def main() -> None:
    """Migrate, seed, serve, measure, profile, report."""
    with served("bench.bench_rest") as (port, seeded, env):
        rest = Rest(port, seeded["key"], seeded["secret"])
        assert rest("GET", PATH)["name"] == "engineer"
        assert len(rest("GET", LIST_PATH)["results"]) == MORE_USERS + 2
        timed = {path: _served(rest, path, env) for path in (PATH, LIST_PATH)}
        parts = _in_process(seeded, env, PATH)
        listed = _in_process(seeded, env, LIST_PATH)
    _report(timed, parts, listed)
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 cores; the machine is shared)")
    if timed[PATH][0] >= TARGET_MS or parts.get("authorization", 0) * 1000 >= AUTHZ_TARGET_MS:
        raise SystemExit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["seed"]:
        print(json.dumps(seed()))
    elif sys.argv[1:2] == ["profile"]:
        print(json.dumps(profile(*sys.argv[2:5])))
    else:
        main()
