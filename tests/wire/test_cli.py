"""The AWS CLI against /aws, as the README's quick start runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import REGION, Keys

AWS = Path(sys.executable).parent / "aws"


def _aws(wire_url: str, keys: Keys, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=keys.access_key_id,
               AWS_SECRET_ACCESS_KEY=keys.secret_access_key, AWS_DEFAULT_REGION=REGION,
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
               AWS_MAX_ATTEMPTS="1")
    return subprocess.run([str(AWS), "--endpoint-url", wire_url, "--output", "json", *args],
                          env=env, capture_output=True, text=True, timeout=60)


def test_the_cli_creates_lists_and_simulates(wire_url, wire_root):
    created = _aws(wire_url, wire_root, "iam", "create-user", "--user-name", "cli-carol")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["User"]["UserName"] == "cli-carol"
    listed = _aws(wire_url, wire_root, "iam", "list-users")
    assert "cli-carol" in [user["UserName"] for user in json.loads(listed.stdout)["Users"]]
    document = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
    simulated = _aws(wire_url, wire_root, "iam", "simulate-custom-policy",
                     "--policy-input-list", document,
                     "--action-names", "s3:GetObject", "s3:PutObject")
    assert simulated.returncode == 0, simulated.stderr
    assert [(row["EvalActionName"], row["EvalDecision"])
            for row in json.loads(simulated.stdout)["EvaluationResults"]] == [
        ("s3:GetObject", "allowed"), ("s3:PutObject", "implicitDeny")]


def test_the_cli_reports_awss_errors(wire_url, wire_root):
    wrong = _aws(wire_url, Keys(wire_root.access_key_id, "wrong"), "iam", "list-users")
    assert wrong.returncode != 0
    assert "(SignatureDoesNotMatch)" in wrong.stderr
    missing = _aws(wire_url, wire_root, "iam", "get-user", "--user-name", "cli-nobody")
    assert "(NoSuchEntity)" in missing.stderr
