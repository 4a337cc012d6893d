"""Access analysis at scale: 1,000 users, 300 roles, 500 policies (bench/scale_seed.py).

Seeds a throwaway database like bench_scale (a temporary SQLite file, or BENCH_DATABASE_URL's
PostgreSQL in a dedicated test database), adds what makes the analysis work for its answer
(an admins group, a role that 20 users may assume, 100 users who may pass roles to EC2, a
developer who may write new versions of its own policy), then reports:
- who-can-do-X for one action (budget 2 s), and for a wildcard action;
- the full privilege-escalation analysis (budget 30 s);
- the graph page's first screen, signed in as root (budget 1 s).
Exits non-zero when a budget is exceeded.
Sizes: BENCH_USERS, BENCH_ROLES, BENCH_POLICIES (defaults 1000, 300, 500).
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from bench.bench_scale import (
    ROOT_PASSWORD,
    _client,
    _configure,
    _setup_database,
    seed,
    teardown,
)

ACCOUNT = "100000000021"
BUDGETS = {"who-can (one action)": 2.0, "escalation analysis": 30.0, "graph page": 1.0}


def _doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=4)


def _extras(account: Any) -> None:
    """Admins, an assumable admin role, PassRole users and one escalation path."""
    from accounts.models import IamUser
    from accounts.services import group_add_user, group_create, role_create
    from iamconsole.cache import invalidate_principal_policies
    from policies.selectors import aws_managed_policy
    from policies.services import (
        inline_policy_put,
        policy_attach_to_group,
        policy_attach_to_role,
        policy_attach_to_user,
        policy_create,
    )

    acct = account.account_id
    users = list(IamUser.objects.filter(account=account).order_by("name")[:130])
    admin = aws_managed_policy("AdministratorAccess")
    admins = group_create(account=account, name="bench-admins")
    policy_attach_to_group(policy=admin, group=admins)
    for user in users[:5]:
        group_add_user(group=admins, user=user)
    deploy = role_create(account=account, name="bench-deploy", trust_policy=_doc({
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
        "Action": "sts:AssumeRole"}))
    policy_attach_to_role(policy=admin, role=deploy)
    for user in users[5:25]:
        inline_policy_put(entity=user, name="deploy", policy_document=_doc({
            "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": deploy.arn}))
    for user in users[25:125]:
        inline_policy_put(entity=user, name="launch", policy_document=_doc({
            "Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"],
            "Resource": "*"}))
    tools = policy_create(account=account, name="bench-dev-tools", policy_document=_doc({
        "Effect": "Allow", "Action": "iam:CreatePolicyVersion",
        "Resource": f"arn:aws:iam::{acct}:policy/bench-dev-tools"}))
    policy_attach_to_user(policy=tools, user=users[125])
    invalidate_principal_policies(account.pk)


def _timed(label: str, call: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    budget = BUDGETS.get(label)
    flag = "" if budget is None or elapsed < budget else f"  <- over {budget:g} s"
    print(f"{label:<42} {elapsed * 1000:>9,.0f} ms{flag}", flush=True)
    return elapsed, result


def _report(account: Any) -> bool:
    from django.urls import reverse

    from policies.analysis import Evaluators, analyse, load_account, who_can

    ok = True
    elapsed, model = _timed("load the account model", lambda: load_account(account))
    label = "who-can (one action)"
    elapsed, answer = _timed(label, lambda: who_can(
        load_account(account), "s3:GetObject", "arn:aws:s3:::bench-7/report.csv"))
    ok &= elapsed < BUDGETS[label]
    print(f"  {len(answer.answers)} principals may s3:GetObject on bench-7/report.csv")
    elapsed, answer = _timed("who-can iam:CreateUser (one action)", lambda: who_can(
        load_account(account), "iam:CreateUser", "*"))
    ok &= elapsed < BUDGETS[label]
    print(f"  {len(answer.answers)} principals may iam:CreateUser")
    elapsed, answer = _timed("who-can s3:Put* (wildcard)", lambda: who_can(
        load_account(account), "s3:Put*", "arn:aws:s3:::bench-7/report.csv"))
    print(f"  {len(answer.actions)} actions, {len(answer.answers)} principals")
    label = "escalation analysis"
    elapsed, report = _timed(label, lambda: analyse(load_account(account),
                                                    Evaluators(load_account(account))))
    ok &= elapsed < BUDGETS[label]
    print(f"  {len(report.admins)} administrators, {len(report.findings)} principals can "
          f"escalate")
    client = _client(account)
    url = reverse("policies:account_graph")
    client.get(url)  # the analysis is cached by the account's policy generation
    label = "graph page"
    elapsed, response = _timed(label, lambda: client.get(url))
    ok &= elapsed < BUDGETS[label] and response.status_code == 200
    print(f"  status {response.status_code}, {len(response.content) / 1e3:,.0f} kB")
    elapsed, response = _timed("graph page, cold (analysis not cached)",
                               lambda: _cold(client, url))
    return ok


def _cold(client: Any, url: str) -> Any:
    from django.core.cache import cache

    cache.clear()
    return client.get(url)


def main() -> None:
    url, temp = _configure()
    from accounts.services import account_create
    from policies.services import aws_managed_policies_sync

    old_name = None
    ok = True
    try:
        old_name = _setup_database(url)
        aws_managed_policies_sync()
        account = account_create(account_id=ACCOUNT, root_email=f"root@{ACCOUNT}.bench",
                                 root_password=ROOT_PASSWORD, alias="bench-analysis")
        counts = {"users": int(os.environ.get("BENCH_USERS", 1000)),
                  "roles": int(os.environ.get("BENCH_ROLES", 300)),
                  "policies": int(os.environ.get("BENCH_POLICIES", 500)), "groups": 50}
        start = time.perf_counter()
        seed(account, counts)
        _extras(account)
        print(f"database: {'SQLite (temporary file)' if temp else 'PostgreSQL (dedicated)'}")
        print(f"seeded {counts['users']:,} users, {counts['roles']:,} roles, "
              f"{counts['policies']:,} customer policies in "
              f"{time.perf_counter() - start:.1f} s")
        ok = _report(account)
    finally:
        teardown(old_name, temp)
    if not ok:
        sys.exit(1)
