"""`make fuzz`: schemathesis with two workers against a live server on the embedded SQLite
default, expecting no server error (issue 18).

Builds a throw-away SQLite database in a temporary directory with the production settings
(DEBUG off), the AWS-managed catalogue and the demo, gives the demo account an administrator
with an access key, serves it with two gunicorn workers on a free local port, and runs
`st run <server>/api/v1/schema/ --workers 2 --checks not_a_server_error` authenticated with
that key (HTTP Basic). FUZZ_MAX_EXAMPLES (default 20) bounds the examples per operation;
arguments after `make fuzz ARGS=...` go to `st run`. Exits with schemathesis's status.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_KEY = """
from accounts.models import Account
from accounts.services import access_key_create, user_create
from policies.selectors import aws_managed_policy
from policies.services import policy_attach
account = Account.objects.get(alias="example-corp")
user = user_create(account=account, name="fuzz-admin")
policy_attach(policy=aws_managed_policy("AdministratorAccess"), entity=user)
key = access_key_create(user=user)
print(key.access_key.access_key_id + ":" + key.secret_access_key)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout


def _wait(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(600):  # up to 60 s to boot
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer within 60 s")


def main(extra: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="iamconsole-fuzz-") as scratch:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iamconsole.settings.prod",
               "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
               "DATABASE_URL": f"sqlite:///{scratch}/db.sqlite3"}
        for command in (["migrate", "--noinput"], ["load_aws_managed_policies"], ["load_demo"],
                        ["collectstatic", "--noinput"]):
            print("manage.py", *command, flush=True)
            _manage(env, *command)
        credentials = _manage(env, "shell", "-c", ADMIN_KEY).strip().splitlines()[-1]
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "iamconsole.wsgi", "-w", "2", "-b",
             f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(f"{base}/healthz", server)
            command = [str(Path(sys.executable).parent / "st"), "run", f"{base}/api/v1/schema/",
                       "--workers", "2", "--auth", credentials,
                       "--checks", "not_a_server_error",
                       "--max-examples", os.environ.get("FUZZ_MAX_EXAMPLES", "20"),
                       "--suppress-health-check", "filter_too_much",
                       "--request-timeout", "60", *extra]
            print("st run", f"{base}/api/v1/schema/", "--workers 2 ...", flush=True)
            return subprocess.run(command, cwd=scratch, check=False).returncode
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
