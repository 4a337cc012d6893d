"""Section 6 edge cases 23-41 as data: (request fields, decision, matched statements)."""

from __future__ import annotations

from tests.documents import allow, deny, document
from tests.policies.engine.edge_cases_1_22 import (
    ALLOWED,
    EXPLICIT,
    IMPLICIT,
    KEY,
    OTHER_KEY_STATEMENT,
    ROOT_KEY_STATEMENT,
    TARGET_ROLE,
    Check,
    cond,
)
from tests.policies.engine.helpers import (
    BUCKET,
    FULL_ACCESS,
    ROLE,
    ROOT,
    SESSION,
    USER,
    A,
    B,
    grant,
)

CASES: dict[str, list[Check]] = {
    "case_23": [
        (
            {
                "principal": SESSION,
                "identity_policies": [document(allow("s3:*"))],
                "session_policy": document(allow("s3:GetObject")),
                "action": "s3:PutObject",
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "principal": SESSION,
                "identity_policies": [document(allow("s3:*"))],
                "session_policy": document(deny("s3:GetObject")),
            },
            EXPLICIT,
            [("identity", 0, None, 0, "Allow"), ("session", 0, None, 0, "Deny")],
        ),
    ],
    "case_24": [({"principal": SESSION, "resource_policy": grant(ROLE)}, ALLOWED, None)],
    "case_25": [
        (
            {
                "principal": f"arn:aws:sts::{A}:assumed-role/dev/s1",
                "resource_policy": grant(f"arn:aws:iam::{A}:role/team/Dev"),
            },
            ALLOWED,
            [("resource", 0, None, 0, "Allow")],
        )
    ],
    "case_26": [
        (
            {
                "action": "sts:AssumeRole",
                "resource": TARGET_ROLE,
                "resource_policy": grant(ROOT, "sts:AssumeRole", None),
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "action": "sts:AssumeRole",
                "resource": TARGET_ROLE,
                "identity_policies": [document(allow("sts:AssumeRole"))],
                "resource_policy": grant(ROOT, "sts:AssumeRole", None),
            },
            ALLOWED,
            None,
        ),
    ],
    "case_27": [
        (
            {
                "action": "sts:AssumeRole",
                "resource": TARGET_ROLE,
                "identity_policies": [document(allow("sts:AssumeRole"))],
                "resource_policy": grant(f"arn:aws:iam::{A}:user/someone", "sts:AssumeRole", None),
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "action": "sts:AssumeRole",
                "resource": TARGET_ROLE,
                "resource_policy": grant(USER, "sts:AssumeRole", None),
            },
            ALLOWED,
            None,
        ),
    ],
    "case_28": [
        (
            {
                "action": "sts:GetCallerIdentity",
                "resource": "*",
                "identity_policies": [document(deny("*"))],
            },
            ALLOWED,
            [("identity", 0, None, 0, "Deny")],
        )
    ],
    "case_29": [
        (
            {
                "action": "kms:Decrypt",
                "resource": KEY,
                "identity_policies": [document(allow("kms:*"))],
                "resource_policy": document(OTHER_KEY_STATEMENT),
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "action": "kms:Decrypt",
                "resource": KEY,
                "identity_policies": [document(allow("kms:*"))],
                "resource_policy": document(ROOT_KEY_STATEMENT),
            },
            ALLOWED,
            None,
        ),
        (
            {
                "action": "kms:Decrypt",
                "resource": KEY,
                "resource_policy": document(ROOT_KEY_STATEMENT),
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_30": [
        (
            {
                "action": "kms:DeleteAlias",
                "resource": f"arn:aws:kms:us-east-1:{A}:alias/aws/ebs",
                "identity_policies": [FULL_ACCESS],
            },
            IMPLICIT,
            [("identity", 0, None, 0, "Allow")],
        ),
        (
            {
                "action": "iam:CreatePolicyVersion",
                "resource": "arn:aws:iam::aws:policy/AdministratorAccess",
                "identity_policies": [FULL_ACCESS],
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_31": [
        ({"principal": None, "resource_policy": grant("*")}, ALLOWED, None),
        ({"principal": None, "resource_policy": grant(A)}, IMPLICIT, []),
        (
            {
                "principal": None,
                "resource_policy": grant("*"),
                "resource_control_policies": [[document(deny("s3:GetObject"))]],
            },
            EXPLICIT,
            [("resource", 0, None, 0, "Allow"), ("rcp", 0, 0, 0, "Deny")],
        ),
    ],
    "case_32": [
        (
            {
                "principal": "cloudtrail.amazonaws.com",
                "action": "s3:PutObject",
                "resource_policy": grant({"Service": "cloudtrail.amazonaws.com"}),
            },
            ALLOWED,
            None,
        ),
        ({"principal": "cloudtrail.amazonaws.com", "action": "s3:PutObject"}, IMPLICIT, None),
    ],
    "case_33": [
        (
            {
                "identity_policies": [
                    FULL_ACCESS,
                    cond("StringNotEquals", "aws:PrincipalTag/team", "admin", "Deny"),
                ]
            },
            EXPLICIT,
            [("identity", 0, None, 0, "Allow"), ("identity", 1, None, 0, "Deny")],
        )
    ],
    "case_34": [
        (
            {"identity_policies": [cond("StringEquals", "aws:PrincipalTag/team", "dev")]},
            IMPLICIT,
            [],
        ),
        (
            {"identity_policies": [cond("StringEqualsIfExists", "aws:PrincipalTag/team", "dev")]},
            ALLOWED,
            None,
        ),
    ],
    "case_35": [
        (
            {"identity_policies": [cond("ForAllValues:StringEquals", "aws:TagKeys", ["a", "b"])]},
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [cond("ForAllValues:StringEquals", "aws:TagKeys", ["a", "b"])],
                "context": {"aws:TagKeys": []},
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [cond("ForAllValues:StringEquals", "aws:TagKeys", ["a", "b"])],
                "context": {"aws:TagKeys": ["a", "c"]},
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_36": [
        (
            {"identity_policies": [cond("ForAnyValue:StringEquals", "aws:TagKeys", ["a"])]},
            IMPLICIT,
            None,
        ),
        (
            {
                "identity_policies": [cond("ForAnyValue:StringEquals", "aws:TagKeys", ["a"])],
                "context": {"aws:TagKeys": ["c", "a"]},
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [cond("StringEquals", "aws:TagKeys", "a")],
                "context": {"aws:TagKeys": ["a"]},
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_37": [
        (
            {
                "identity_policies": [
                    FULL_ACCESS,
                    cond(
                        "StringNotEquals", "aws:RequestedRegion", ["us-east-1", "eu-west-1"], "Deny"
                    ),
                ],
                "context": {"aws:RequestedRegion": "eu-west-1"},
            },
            ALLOWED,
            [("identity", 0, None, 0, "Allow")],
        ),
        (
            {
                "identity_policies": [
                    FULL_ACCESS,
                    cond(
                        "StringNotEquals", "aws:RequestedRegion", ["us-east-1", "eu-west-1"], "Deny"
                    ),
                ],
                "context": {"aws:RequestedRegion": "ap-south-1"},
            },
            EXPLICIT,
            None,
        ),
    ],
    "case_38": [
        (
            {
                "identity_policies": [cond("IpAddress", "aws:SourceIp", "10.0.0.0/8")],
                "context": {"aws:SourceIp": "2001:db8::1"},
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "identity_policies": [cond("NotIpAddress", "aws:SourceIp", "10.0.0.0/8")],
                "context": {"aws:SourceIp": "2001:db8::1"},
            },
            ALLOWED,
            None,
        ),
        ({"identity_policies": [cond("Null", "aws:TokenIssueTime", "true")]}, ALLOWED, None),
    ],
    "case_39": [
        (
            {
                "identity_policies": [
                    cond("DateGreaterThan", "aws:CurrentTime", "2024-01-01T00:00:00Z")
                ],
                "context": {"aws:CurrentTime": "2025-06-01T12:00:00Z"},
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [cond("NumericLessThan", "s3:max-keys", "10")],
                "action": "s3:ListBucket",
                "resource": BUCKET,
                "context": {"s3:max-keys": "abc"},
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "identity_policies": [cond("NumericNotEquals", "s3:max-keys", "10")],
                "action": "s3:ListBucket",
                "resource": BUCKET,
                "context": {"s3:max-keys": "abc"},
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_40": [
        (
            {"identity_policies": [FULL_ACCESS], "endpoint_policies": [document(allow("ec2:*"))]},
            IMPLICIT,
            [("identity", 0, None, 0, "Allow")],
        ),
    ],
    "case_41": [
        (
            {
                "identity_policies": [FULL_ACCESS],
                "resource_account": B,
                "principal": USER,
                "resource_policy": grant("*", "s3:GetObject"),
                "s3_block_public_access": True,
            },
            EXPLICIT,
            None,
        ),
        (
            {
                "identity_policies": [FULL_ACCESS],
                "resource_policy": grant("*", "s3:GetObject"),
                "s3_block_public_access": True,
            },
            ALLOWED,
            None,
        ),
    ],
}
