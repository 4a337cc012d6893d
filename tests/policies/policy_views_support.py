"""Helpers of the policy page tests: documents, an IAM user's client, fragment checks."""

from __future__ import annotations

import json

from django.test import Client

from accounts.models import Account
from accounts.services import login_profile_create, user_create

USER_PASSWORD = "Sup3r-Secret-Pass!"
S3_READ = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}
]}
S3_WRITE = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::reports/*"}
]}


def text(document: dict) -> str:
    return json.dumps(document, indent=4)


def detail(arn: str, tab: str | None = None) -> str:
    return f"/policies/details/{arn}" + (f"?tab={tab}" if tab else "")


def iam_user_client(account: Account, name: str, *policies: object) -> Client:
    """A client signed in as a new IAM user of `account` with these managed policies."""
    from policies.services import policy_attach

    user = user_create(account=account, name=name)
    login_profile_create(user=user, password=USER_PASSWORD)
    for policy in policies:
        policy_attach(policy=policy, entity=user)
    client = Client()
    response = client.post("/signin/", {"mode": "iam", "account": account.account_id,
                                        "user_name": name, "password": USER_PASSWORD})
    assert response.status_code == 302, response.content
    return client


def guarded_client(account: Account, action: str, condition: dict) -> Client:
    """A console user allowed all of IAM but `action` under `condition` (a guardrail)."""
    from policies.services import policy_create

    guardrail = policy_create(account=account, name="guardrail", policy_document={
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
            {"Effect": "Deny", "Action": action, "Resource": "*", "Condition": condition}]})
    return iam_user_client(account, "operator", guardrail)


def is_fragment(response) -> bool:
    """True for an htmx fragment: no page frame around it."""
    html = response.content.decode()
    return "<html" not in html and 'class="sidenav"' not in html
