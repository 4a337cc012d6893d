"""Access Advisor's cost on a long trail: a report and the dashboard's unused-access card.

`python -m bench bench_access_advisor` builds a throw-away test database (in memory with
SQLite, or `test_<name>` on the PostgreSQL of DATABASE_URL), gives an account USERS users
granted IAM, STS and S3, and EVENTS trail events spread over them and over 90 days, then
times GenerateServiceLastAccessedDetails + GetServiceLastAccessedDetails (ACTION_LEVEL) on one
user and on a group holding every user, and the unused-access card, ROUNDS times each. The
budget: each under BUDGET_SECONDS (median); the process exits non-zero beyond it.
"""

from __future__ import annotations

import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from .support import bench_account

USERS = 50
EVENTS = 20_000
ROUNDS = 5
BUDGET_SECONDS = 1.5
GRANTS = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:*", "sts:GetCallerIdentity", "s3:*"], "Resource": "*"}]}
ACTIONS = (("iam", "ListUsers"), ("iam", "GetUser"), ("sts", "GetCallerIdentity"),
           ("iam", "ListRoles"))


def _fill(account: Any) -> None:
    """USERS users in one group, each granted GRANTS, and EVENTS trail events of theirs."""
    from accounts.models import TrailEvent
    from accounts.services import group_add_user, group_create, user_create
    from policies.services import inline_policy_put

    group = group_create(account=account, name="everyone")
    users = []
    for index in range(USERS):
        user = user_create(account=account, name=f"user{index}")
        inline_policy_put(entity=user, name="grants", policy_document=GRANTS)
        group_add_user(group=group, user=user)
        users.append(user)
    now = datetime.now(UTC)
    events = []
    for index in range(EVENTS):
        user = users[index % USERS]
        source, name = ACTIONS[index % len(ACTIONS)]
        moment = now - timedelta(minutes=index * 90 * 24 * 60 // EVENTS)
        events.append(TrailEvent(
            account=account, event_id=uuid.uuid4(), event_time=moment,
            event_source=f"{source}.amazonaws.com", event_name=name, read_only=True,
            user_name=user.name, record={
                "userIdentity": {"type": "IAMUser", "principalId": user.unique_id,
                                 "arn": user.arn}, "awsRegion": "us-east-1",
                "eventSource": f"{source}.amazonaws.com", "eventName": name}))
    TrailEvent.objects.bulk_create(events, batch_size=2000)


def _timed(run: Any) -> tuple[float, int]:
    """(median seconds, queries) of ROUNDS runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    return statistics.median(times), queries


def main() -> None:
    """Time the reports and the card; exit non-zero over the budget."""
    with bench_account() as account:
        _fill(account)
        from accounts.operations.access_advisor import (
            GenerateServiceLastAccessedDetails,
            GetServiceLastAccessedDetails,
        )
        from accounts.unused_access import unused_access
        from iamconsole.operations.caller import Caller, root_caller

        root = root_caller(account).principal

        def report(arn: str) -> Any:
            fresh = Caller(root, account)
            job = fresh.run(GenerateServiceLastAccessedDetails, arn=arn,
                            granularity="ACTION_LEVEL")
            return fresh.run(GetServiceLastAccessedDetails, job_id=job["JobId"])

        base = f"arn:aws:iam::{account.account_id}"
        results = {
            "report on a user": _timed(lambda: report(f"{base}:user/user0")),
            f"report on a group of {USERS}": _timed(lambda: report(f"{base}:group/everyone")),
            "unused-access card": _timed(lambda: unused_access(account)),
        }
    print(f"{EVENTS} trail events, {USERS} users")
    for label, (seconds, queries) in results.items():
        print(f"{label:28} {seconds * 1000:8.1f} ms, {queries} queries")
    if any(seconds > BUDGET_SECONDS for seconds, _ in results.values()):
        raise SystemExit(f"over the budget of {BUDGET_SECONDS:.1f} s")


if __name__ == "__main__":
    main()
