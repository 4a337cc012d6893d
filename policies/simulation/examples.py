"""Example simulations of the demo account (example-corp), for screenshots and documentation."""

from __future__ import annotations

import json
from typing import Any

from .urlstate import encode_state

DEMO_ACCOUNT = "123456789012"
_ALLOW_ALL = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"}]}
_EU_ONLY = {"Version": "2012-10-17", "Statement": [{
    "Sid": "DenyOutsideEU", "Effect": "Deny", "Action": "*", "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}},
}]}
_REPORTS = {"Version": "2012-10-17", "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
    {"Sid": "RunInEU", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
]}


def bob_simulation(account: str = DEMO_ACCOUNT) -> dict[str, Any]:
    """bob (Developers group, IAM writes blocked by a boundary) on IAM, S3, EC2 and STS."""
    return {
        "mode": "principal",
        "policy_source_arn": f"arn:aws:iam::{account}:user/bob",
        "action_names": ["iam:CreateUser", "iam:GetUser", "s3:GetObject", "s3:PutObject",
                         "ec2:RunInstances", "ec2:DescribeInstances", "sts:AssumeRole"],
        "action_resources": {
            "iam:CreateUser": [f"arn:aws:iam::{account}:user/mallory"],
            "iam:GetUser": [f"arn:aws:iam::{account}:user/bob"],
            "s3:GetObject": ["arn:aws:s3:::example-corp-data/reports/q1.csv"],
            "s3:PutObject": ["arn:aws:s3:::example-corp-data/reports/q1.csv"],
            "sts:AssumeRole": [f"arn:aws:iam::{account}:role/KeyAdministrator"],
        },
        "context_entries": [
            {"key": "aws:SourceIp", "values": ["203.0.113.7"], "type": "ip"},
            {"key": "aws:MultiFactorAuthPresent", "values": ["false"], "type": "boolean"},
        ],
    }


def organization_simulation() -> dict[str, Any]:
    """A pasted policy under two SCP levels, the second denying requests outside the EU."""
    return {
        "mode": "custom",
        "policy_input_list": [json.dumps(_REPORTS, indent=2)],
        "action_names": ["s3:GetObject", "s3:ListBucket", "s3:DeleteObject", "ec2:RunInstances",
                         "ec2:TerminateInstances"],
        "action_resources": {
            "s3:GetObject": ["arn:aws:s3:::reports/q1.csv"],
            "s3:DeleteObject": ["arn:aws:s3:::reports/q1.csv"],
            "s3:ListBucket": ["arn:aws:s3:::reports"],
        },
        "scp_levels": [[json.dumps(_ALLOW_ALL, indent=2)], [json.dumps(_EU_ONLY, indent=2)]],
        "context_entries": [
            {"key": "aws:RequestedRegion", "values": ["us-east-1"], "type": "string"}],
    }


def screenshot_pages() -> list[tuple[str, str, str | None]]:
    """The simulator's entries of the screenshots command (name, path, selector to click)."""
    bob = f"/simulator/?s={encode_state(bob_simulation())}"
    return [
        ("simulator", f"/simulator/?principal=arn:aws:iam::{DEMO_ACCOUNT}:user/bob", None),
        ("simulator-results", bob, None),
        ("simulator-statement", bob, ".sim-stmt-allow"),
        ("simulator-custom", f"/simulator/?s={encode_state(organization_simulation())}", None),
    ]
