"""What guard rails add to a policy change: 100 expectations re-checked before it commits.

`python -m bench bench_guard_rails` builds a throw-away test database (in memory with SQLite,
or `test_<name>` on the PostgreSQL of DATABASE_URL) with an account of 100 users (each with
an inline policy, half of them in one of 4 groups with a managed policy) and 10 roles, and
times PutUserPolicy (a policy change that alters decisions, run as the root user through the
operations layer, as every door runs it) without guard rails, then with 100 rails in warn
mode that all hold, so that each change re-checks all of them: over 25 principals (4 each),
then over 100 distinct principals (the worst case: each principal's policies loaded afresh).
The target: the re-check adds under 50 ms (median) with 100 expectations over 25 principals;
the process exits non-zero when it does not.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from typing import Any

from .support import bench_account

TARGET_MS = 50.0
RUNS = 30
USERS, ROLES, GROUPS = 100, 10, 4
READ = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}
GROUP_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["ec2:Describe*", "ssm:StartSession"], "Resource": "*",
     "Condition": {"StringEquals": {"ssm:resourceTag/Env": "dev"}}}]}
TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
     "Action": "sts:AssumeRole"}]}
# (action, resource, expected) of the rails about each principal: all hold.
EXPECTATIONS = [
    ("s3:GetObject", "arn:aws:s3:::reports/q1.csv", "allowed"),
    ("s3:DeleteObject", "arn:aws:s3:::reports/q1.csv", "denied"),
    ("iam:CreateUser", "*", "denied"),
    ("ec2:TerminateInstances", "*", "denied"),
]


def _prepare(account: Any) -> list[str]:
    """The account's groups, users and roles: the principals' ARNs."""
    from django.test.utils import setup_test_environment

    from accounts.services import (
        group_add_user,
        group_create,
        role_create,
        user_create,
    )
    from policies.services import (
        aws_managed_policies_sync,
        inline_policy_put,
        policy_attach,
        policy_create,
    )

    try:
        setup_test_environment()
    except RuntimeError:
        pass
    aws_managed_policies_sync()
    shared = policy_create(account=account, name="dev-tools", policy_document=GROUP_POLICY)
    groups = [group_create(account=account, name=f"group{n}") for n in range(GROUPS)]
    for group in groups:
        policy_attach(policy=shared, entity=group)
    arns = []
    for n in range(USERS):
        user = user_create(account=account, name=f"user{n:03}", tags={"team": f"t{n % 5}"})
        inline_policy_put(entity=user, name="reports", policy_document=READ)
        if n % 2:
            group_add_user(group=groups[n % GROUPS], user=user)
        arns.append(user.arn)
    for n in range(ROLES):
        role = role_create(account=account, name=f"role{n}", trust_policy=TRUST)
        inline_policy_put(entity=role, name="reports", policy_document=READ)
        arns.append(role.arn)
    return arns


def _time_changes(account: Any) -> list[float]:
    """PutUserPolicy on a user, alternating two documents: RUNS timings (seconds)."""
    from iamconsole.operations import OPERATIONS
    from iamconsole.operations.caller import root_caller

    put = OPERATIONS["iam:PutUserPolicy"]
    documents = [json.dumps(READ), json.dumps(READ, indent=2)]
    timings = []
    for run in range(RUNS + 3):
        caller = root_caller(account)
        started = time.perf_counter()
        put(caller=caller, user_name="user000", policy_name="reports",
            policy_document=documents[run % 2]).run()
        if run >= 3:  # the first ones compile and fill caches
            timings.append(time.perf_counter() - started)
    return timings


def _rails(account: Any, subjects: list[str]) -> None:
    from policies.models import GuardRail
    from policies.services import guard_rail_create

    GuardRail.objects.all().delete()
    for n in range(100):
        action, resource, expected = EXPECTATIONS[n % len(EXPECTATIONS)]
        guard_rail_create(account=account, name=f"rail{n:03}", subject=subjects[n % len(subjects)],
                          action=action, resource=resource, expected=expected, mode="warn")
    broken = GuardRail.objects.exclude(last_status="holds").count()
    assert broken == 0, f"{broken} rails do not hold"


def _median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def main() -> None:
    """Time the change without rails, with 100 over 25 principals, with 100 over 100."""
    with bench_account() as account:
        arns = _prepare(account)
        base = _median_ms(_time_changes(account))
        print(f"PutUserPolicy without guard rails:        median {base:6.1f} ms")
        _rails(account, arns[:20] + arns[USERS:USERS + 5])
        spread = _median_ms(_time_changes(account))
        print(f"with 100 rails over 25 principals:        median {spread:6.1f} ms "
              f"(+{spread - base:.1f} ms)")
        _rails(account, arns[:100])
        worst = _median_ms(_time_changes(account))
        print(f"with 100 rails over 100 principals:       median {worst:6.1f} ms "
              f"(+{worst - base:.1f} ms)")
    added = spread - base
    verdict = "within" if added < TARGET_MS else "OVER"
    print(f"target: the re-check of 100 expectations adds under {TARGET_MS:.0f} ms -> {verdict} "
          f"(+{added:.1f} ms over 25 principals; +{worst - base:.1f} ms over 100)")
    if added >= TARGET_MS:
        sys.exit(1)


if __name__ == "__main__":
    main()
