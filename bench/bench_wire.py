"""The wire API against the REST API on one server: calls per second for the same calls.

`python -m bench bench_wire` migrates a throwaway SQLite file, seeds an account (an
administrator with an access key, 100 users, and an engineer with three customer-managed
policies), starts ONE gunicorn server (one sync worker, production settings) and times, with
the administrator's key on both doors:

- GetUser: boto3 `get_user` against `GET /api/v1/users/<name>/`
- ListUsers (100 users): boto3 `list_users` against `GET /api/v1/users/?limit=100`
- SimulatePrincipalPolicy (100 actions): boto3 `simulate_principal_policy` against
  `POST /api/v1/simulate/principal`

boto3 signs with SigV4 and parses XML on the client's side; the REST client is a plain
keep-alive HTTP connection with Basic credentials. The ratio is the wire's cost per call over
the REST API's (target: at most 1.5), the median of five rounds that alternate the doors;
the process exits non-zero above it. BENCH_SECONDS sets the time spent on each door for each
call (default 5).
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "111111111111"
TARGET = 1.5
USERS = 100
ACTIONS = 100
SECONDS = float(os.environ.get("BENCH_SECONDS", 5))
ROUNDS = 5
ALLOW_ALL = {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
ENGINEER_POLICIES = [
    {"Version": "2012-10-17", "Statement": [
        {"Sid": "Describe", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
        {"Sid": "RunInEurope", "Effect": "Allow", "Action": ["ec2:RunInstances",
                                                             "ec2:CreateTags"],
         "Resource": "*",
         "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]},
    {"Version": "2012-10-17", "Statement": [
        {"Sid": "OwnVolumes", "Effect": "Allow", "Action": "ec2:*Volume*",
         "Resource": "arn:aws:ec2:*:${aws:PrincipalAccount}:volume/*"},
        {"Sid": "NoDeletes", "Effect": "Deny", "Action": "ec2:Delete*", "Resource": "*"}]},
    {"Version": "2012-10-17", "Statement": [
        {"Sid": "Network", "Effect": "Allow", "Action": ["ec2:*Vpc*", "ec2:*Subnet*"],
         "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]},
]


def seed() -> dict[str, Any]:
    """(In the server's database) the account, its administrator's key, the users, the
    engineer and 100 EC2 actions to simulate."""
    import django

    django.setup()
    from accounts.services import access_key_create, account_create, user_create
    from policies.engine import service_reference
    from policies.services import policy_attach_to_user, policy_create

    account = account_create(account_id=ACCOUNT, alias="bench-wire", name="Bench wire",
                             root_email="root@bench-wire.example",
                             root_password="Bench-Wire-Root-2026!")
    admin = user_create(account=account, name="admin")
    policy_attach_to_user(user=admin, policy=policy_create(
        account=account, name="AllowAll", policy_document=json.dumps(ALLOW_ALL)))
    key = access_key_create(user=admin)
    for index in range(USERS - 2):
        user_create(account=account, name=f"user-{index:03d}", path="/bench/")
    engineer = user_create(account=account, name="engineer", tags={"team": "platform"})
    for index, document in enumerate(ENGINEER_POLICIES):
        policy_attach_to_user(user=engineer, policy=policy_create(
            account=account, name=f"Engineer{index}", policy_document=json.dumps(document)))
    ec2 = service_reference.get_service("ec2")
    assert ec2 is not None
    actions = sorted(action.full_name for action in ec2.actions.values())[:ACTIONS]
    return {"key": key.access_key.access_key_id, "secret": key.secret_access_key,
            "engineer": engineer.arn, "actions": actions}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start within a minute")


def _rate(call: Callable[[], Any], seconds: float) -> float:
    """Calls per second of `call` over `seconds` (at least three calls)."""
    count, started = 0, time.perf_counter()
    while True:
        call()
        count += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds and count >= 3:
            return count / elapsed


def _compare(wire: Callable[[], Any], api: Callable[[], Any]) -> tuple[float, float, float]:
    """(wire calls/s, REST calls/s, wire cost / REST cost): medians of ROUNDS rounds that
    alternate the two doors, so that a busy moment of a shared machine weighs on both."""
    for _ in range(3):
        wire(), api()
    rounds = [(_rate(wire, SECONDS / ROUNDS), _rate(api, SECONDS / ROUNDS))
              for _ in range(ROUNDS)]
    return (statistics.median(w for w, _ in rounds), statistics.median(a for _, a in rounds),
            statistics.median(a / w for w, a in rounds))


class Rest:
    """The REST API over one keep-alive connection (reopened when the server closes it)."""

    def __init__(self, port: int, key: str, secret: str) -> None:
        self.port = port
        self.headers = {"Authorization": "Basic " + base64.b64encode(
            f"{key}:{secret}".encode()).decode(), "Content-Type": "application/json"}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        payload = None if body is None else json.dumps(body)
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=payload, headers=self.headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        if response.status != 200:
            raise SystemExit(f"{method} {path} answered {response.status}: {data[:300]!r}")
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return json.loads(data)


def _measure(port: int, seeded: dict[str, Any]) -> list[tuple[str, float, float, float]]:
    import boto3
    from botocore.config import Config

    iam = boto3.client("iam", endpoint_url=f"http://127.0.0.1:{port}/aws",
                       region_name="us-east-1", aws_access_key_id=seeded["key"],
                       aws_secret_access_key=seeded["secret"],
                       config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    rest = Rest(port, seeded["key"], seeded["secret"])
    arn, actions = seeded["engineer"], seeded["actions"]
    # The same answers on both doors before timing them.
    assert iam.get_user(UserName="engineer")["User"]["Arn"] == arn
    assert rest("GET", "/api/v1/users/engineer/")["arn"] == arn
    assert len(iam.list_users(MaxItems=USERS)["Users"]) == USERS
    assert len(rest("GET", f"/api/v1/users/?limit={USERS}")["results"]) == USERS
    wire_rows = iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=actions,
                                              MaxItems=ACTIONS)["EvaluationResults"]
    body = {"policy_source_arn": arn, "action_names": actions}
    rest_rows = rest("POST", "/api/v1/simulate/principal", body)["evaluation_results"]
    assert [r["EvalDecision"] for r in wire_rows] == [r["decision"] for r in rest_rows]
    assert len(wire_rows) == ACTIONS
    calls = [
        ("GetUser", lambda: iam.get_user(UserName="engineer"),
         lambda: rest("GET", "/api/v1/users/engineer/")),
        (f"ListUsers ({USERS} users)", lambda: iam.list_users(MaxItems=USERS),
         lambda: rest("GET", f"/api/v1/users/?limit={USERS}")),
        (f"SimulatePrincipalPolicy ({ACTIONS} actions)",
         lambda: iam.simulate_principal_policy(PolicySourceArn=arn, ActionNames=actions,
                                               MaxItems=ACTIONS),
         lambda: rest("POST", "/api/v1/simulate/principal", body)),
    ]
    return [(label, *_compare(wire, api)) for label, wire, api in calls]


@contextmanager
def served(module: str) -> Iterator[tuple[int, dict[str, Any], dict[str, str]]]:
    """A throwaway SQLite database migrated and seeded by `python -m <module> seed`, served
    by ONE gunicorn worker (sync, production settings): (port, what seed printed, the env)."""
    with tempfile.TemporaryDirectory(prefix="bench-server-") as temp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iamconsole.settings.prod",
               "SECRET_KEY": secrets.token_urlsafe(50), "DEBUG": "false",
               "DATABASE_URL": f"sqlite:///{temp}/bench.sqlite3",
               "ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "false",
               "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
        env.pop("REDIS_URL", None)
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                       cwd=ROOT, env=env, check=True)
        seeded = json.loads(subprocess.run(
            [sys.executable, "-m", module, "seed"], cwd=ROOT, env=env, check=True,
            capture_output=True, text=True).stdout.splitlines()[-1])
        print(f"setup: migrated and seeded in {time.perf_counter() - started:.1f} s; "
              f"load average {os.getloadavg()[0]:.2f}")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "iamconsole.wsgi", "--bind",
             f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
            cwd=ROOT, env=env)
        try:
            _wait(port, server)
            # The master's pid: its child, the worker, is whose CPU time a benchmark reads.
            yield port, seeded, {**env, "BENCH_SERVER_PID": str(server.pid)}
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    """Migrate, seed, serve, measure, report; exits non-zero above the target."""
    with served("bench.bench_wire") as (port, seeded, _env):
        results = _measure(port, seeded)
    print("one gunicorn worker (sync), SQLite; calls per second, client included "
          f"(medians of {ROUNDS} alternating rounds)")
    print(f"{'call':<40} {'wire (boto3)':>13} {'REST API':>10} {'wire cost / REST':>17}")
    worst = 0.0
    for label, wire, api, ratio in results:
        worst = max(worst, ratio)
        print(f"{label:<40} {wire:>13.1f} {api:>10.1f} {ratio:>16.2f}x")
    print(f"target: the wire at most {TARGET}x the REST API's cost: "
          f"{'met' if worst <= TARGET else 'MISSED'} (worst {worst:.2f}x)")
    if worst > TARGET:
        raise SystemExit(1)


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        print(json.dumps(seed()))
    else:
        main()
