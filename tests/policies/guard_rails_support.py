"""Shared set-up of the guard-rail tests: an account with alice, a Developers group and a
read-reports policy, and rails about them."""

from __future__ import annotations

from accounts.models import TrailEvent
from accounts.services import group_add_user, group_create, user_create
from iamconsole.operations import OPERATIONS
from iamconsole.operations.caller import root_caller
from policies.services import guard_rail_create, inline_policy_put, policy_create

READ_REPORTS = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"}]}
NOTHING = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}


def arn(account, resource: str) -> str:
    return f"arn:aws:iam::{account.account_id}:{resource}"


def build(account) -> dict:
    """alice may read reports (inline policy); Developers (bob) may do nothing much."""
    alice = user_create(account=account, name="alice")
    inline_policy_put(entity=alice, name="reports", policy_document=READ_REPORTS)
    bob = user_create(account=account, name="bob")
    devs = group_create(account=account, name="Developers")
    group_add_user(group=devs, user=bob)
    admin_policy = policy_create(account=account, name="all", policy_document=ALLOW_ALL)
    return {"alice": alice, "bob": bob, "devs": devs, "all": admin_policy}


def rail(account, name: str, subject: str, action: str, expected: str, *, mode: str = "block",
         resource: str = "*", context=None):
    return guard_rail_create(account=account, name=name, subject=arn(account, subject),
                             action=action, expected=expected, mode=mode, resource=resource,
                             context=context)


def run(account, operation: str, **inputs):
    """Run an operation as the account's root user."""
    return root_caller(account).run(OPERATIONS[operation], **inputs)


def latest_events(since: int):
    return list(TrailEvent.objects.filter(pk__gt=since).order_by("pk"))


def last_event_pk() -> int:
    return TrailEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
