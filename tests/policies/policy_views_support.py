"""Helpers of the policy page tests: the reports-bucket documents, detail URLs, a guardrail."""

from __future__ import annotations

import json

from django.test import Client

from accounts.models import Account
from policies.services import policy_create
from tests.documents import allow, deny, document
from tests.helpers import user_client

S3_READ = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}
]}
S3_WRITE = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::reports/*"}
]}
# As the console's editor writes them out.
S3_READ_TEXT = json.dumps(S3_READ, indent=4)
S3_WRITE_TEXT = json.dumps(S3_WRITE, indent=4)


def detail(arn: str, tab: str | None = None) -> str:
    return f"/policies/details/{arn}" + (f"?tab={tab}" if tab else "")


def guarded_client(account: Account, action: str, condition: dict) -> Client:
    """A console user allowed all of IAM but `action` under `condition` (a guardrail)."""
    guardrail = policy_create(account=account, name="guardrail", policy_document=document(
        allow("iam:*"), deny(action, Condition=condition)))
    return user_client(account, "operator", guardrail)
