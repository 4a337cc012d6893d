"""The 41 edge cases of evaluation.md section 6, one test id per case."""

from __future__ import annotations

from typing import Any

import pytest

from tests.policies.engine.helpers import (
    BUCKET,
    FULL_ACCESS,
    OBJECT,
    ROLE,
    ROOT,
    SESSION,
    USER,
    A,
    B,
    allow,
    deny,
    grant,
    matched,
    policy,
    run,
    statement,
)

ALLOWED, IMPLICIT, EXPLICIT = "allowed", "implicitDeny", "explicitDeny"
GET = allow("s3:GetObject", "arn:aws:s3:::bkt/*")
TARGET_ROLE = f"arn:aws:iam::{A}:role/Target"
KEY = f"arn:aws:kms:us-east-1:{A}:key/1234abcd"
ROOT_KEY_STATEMENT = statement("Allow", "kms:*", "*", Principal={"AWS": ROOT})
OTHER_KEY_STATEMENT = statement("Allow", "kms:*", "*", Principal={"AWS": f"{ROLE}x"})


def cond(operator: str, key: str, value: Any, effect: str = "Allow", action: str = "s3:*") -> dict:
    """A one-statement identity policy with one condition."""
    return policy(statement(effect, action, "*", Condition={operator: {key: value}}))


# Each case: a list of (request fields, expected decision, expected matched statements or None).
Check = tuple[dict[str, Any], str, list[tuple[str, int, int | None, int, str]] | None]
CASES: dict[str, list[Check]] = {
    "case_01": [
        ({"identity_policies": [GET]}, ALLOWED, [("identity", 0, None, 0, "Allow")]),
        (
            {"identity_policies": [GET, deny("s3:*")]},
            EXPLICIT,
            [("identity", 0, None, 0, "Allow"), ("identity", 1, None, 0, "Deny")],
        ),
    ],
    "case_02": [({"resource_policy": grant(USER)}, ALLOWED, [("resource", 0, None, 0, "Allow")])],
    "case_03": [({"resource_policy": grant(A)}, IMPLICIT, [("resource", 0, None, 0, "Allow")])],
    "case_04": [({"resource_account": B, "resource_policy": grant(USER)}, IMPLICIT, None)],
    "case_05": [
        (
            {"resource_account": B, "resource_policy": grant(ROOT), "identity_policies": [GET]},
            ALLOWED,
            [("identity", 0, None, 0, "Allow"), ("resource", 0, None, 0, "Allow")],
        ),
        ({"resource_account": B, "identity_policies": [GET]}, IMPLICIT, None),
    ],
    "case_06": [
        (
            {"resource_policy": grant(A, effect="Deny"), "identity_policies": [GET]},
            EXPLICIT,
            [("identity", 0, None, 0, "Allow"), ("resource", 0, None, 0, "Deny")],
        )
    ],
    "case_07": [
        ({"identity_policies": [allow("S3:getobject")]}, ALLOWED, None),
        ({"identity_policies": [allow("s3:Get?bject")]}, ALLOWED, None),
        ({"identity_policies": [allow("s3*:GetObject")]}, IMPLICIT, []),
    ],
    "case_08": [
        ({"identity_policies": [allow(NotAction="iam:*")]}, ALLOWED, None),
        (
            {
                "identity_policies": [allow(NotAction="iam:*")],
                "action": "iam:ListUsers",
                "resource": "*",
            },
            IMPLICIT,
            [],
        ),
    ],
    "case_09": [
        (
            {
                "identity_policies": [allow("s3:*", NotResource="arn:aws:s3:::secret/*")],
                "resource": "arn:aws:s3:::pub/f",
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [allow("s3:*", NotResource="arn:aws:s3:::secret/*")],
                "resource": "arn:aws:s3:::secret/f",
            },
            IMPLICIT,
            [],
        ),
    ],
    "case_10": [
        ({"identity_policies": [allow("s3:GetObject", "arn:aws:S3:::bkt/*")]}, ALLOWED, None),
        ({"identity_policies": [allow("s3:GetObject", "arn:aws:s3:::BKT/*")]}, IMPLICIT, []),
    ],
    "case_11": [
        (
            {
                "action": "s3:ListAllMyBuckets",
                "resource": "*",
                "identity_policies": [allow("s3:ListAllMyBuckets", "arn:aws:s3:::*")],
            },
            IMPLICIT,
            [],
        ),
        (
            {
                "action": "s3:ListAllMyBuckets",
                "resource": "*",
                "identity_policies": [allow("s3:ListAllMyBuckets", "*")],
            },
            ALLOWED,
            None,
        ),
    ],
    "case_12": [
        (
            {
                "identity_policies": [allow("s3:*", "arn:aws:s3:::home/${aws:username}/*")],
                "resource": "arn:aws:s3:::home/alice/f",
                "context": {"aws:username": "alice"},
            },
            ALLOWED,
            None,
        ),
        (
            {
                "principal": SESSION,
                "resource": "arn:aws:s3:::home/alice/f",
                "identity_policies": [allow("s3:*", "arn:aws:s3:::home/${aws:username}/*")],
            },
            IMPLICIT,
            [],
        ),
        (
            {
                "principal": SESSION,
                "resource": "arn:aws:s3:::home/guest/f",
                "identity_policies": [
                    allow("s3:*", "arn:aws:s3:::home/${aws:username, 'guest'}/*")
                ],
            },
            ALLOWED,
            None,
        ),
    ],
    "case_13": [
        (
            {
                "identity_policies": [allow("s3:*", "arn:aws:s3:::bkt*")],
                "resource": "arn:aws:s3:::bkt-logs/a/b",
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [allow("s3:*", "arn:aws:s3:::bkt/${*}")],
                "resource": "arn:aws:s3:::bkt/*",
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [allow("s3:*", "arn:aws:s3:::bkt/${*}")],
                "resource": "arn:aws:s3:::bkt/x",
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_14": [
        (
            {
                "identity_policies": [allow("s3:*")],
                "service_control_policies": [[FULL_ACCESS], [allow("ec2:*")]],
            },
            IMPLICIT,
            [("identity", 0, None, 0, "Allow"), ("scp", 0, 0, 0, "Allow")],
        ),
        (
            {"identity_policies": [allow("s3:*")], "service_control_policies": [[FULL_ACCESS], []]},
            IMPLICIT,
            None,
        ),
        ({"identity_policies": [allow("s3:*")], "service_control_policies": None}, ALLOWED, None),
        ({"identity_policies": [allow("s3:*")], "service_control_policies": []}, ALLOWED, None),
    ],
    "case_15": [
        (
            {
                "identity_policies": [FULL_ACCESS],
                "action": "s3:DeleteBucket",
                "resource": BUCKET,
                "service_control_policies": [[FULL_ACCESS, deny("s3:DeleteBucket")]],
            },
            EXPLICIT,
            [
                ("identity", 0, None, 0, "Allow"),
                ("scp", 0, 0, 0, "Allow"),
                ("scp", 1, 0, 0, "Deny"),
            ],
        )
    ],
    "case_16": [
        (
            {
                "identity_policies": [FULL_ACCESS],
                "resource_control_policies": [
                    [cond("BoolIfExists", "aws:SecureTransport", "false", "Deny")]
                ],
            },
            EXPLICIT,
            [("identity", 0, None, 0, "Allow"), ("rcp", 0, 0, 0, "Deny")],
        ),
        (
            {
                "identity_policies": [FULL_ACCESS],
                "resource_control_policies": [
                    [cond("Bool", "aws:SecureTransport", "false", "Deny")]
                ],
            },
            ALLOWED,
            None,
        ),
    ],
    "case_17": [
        (
            {
                "identity_policies": [allow("ec2:*")],
                "permissions_boundaries": [allow("s3:*")],
                "action": "ec2:DescribeInstances",
                "resource": "*",
            },
            IMPLICIT,
            [("identity", 0, None, 0, "Allow")],
        )
    ],
    "case_18": [
        (
            {
                "identity_policies": [allow("s3:*")],
                "permissions_boundaries": [allow("s3:GetObject")],
            },
            ALLOWED,
            [("identity", 0, None, 0, "Allow"), ("boundary", 0, None, 0, "Allow")],
        ),
        (
            {
                "identity_policies": [allow("s3:*")],
                "action": "s3:PutObject",
                "permissions_boundaries": [allow("s3:GetObject")],
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_19": [
        (
            {"permissions_boundaries": [allow("ec2:*")], "resource_policy": grant(USER)},
            ALLOWED,
            [("resource", 0, None, 0, "Allow")],
        )
    ],
    "case_20": [
        (
            {
                "principal": SESSION,
                "permissions_boundaries": [allow("ec2:*")],
                "resource_policy": grant(ROLE),
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "principal": SESSION,
                "permissions_boundaries": [allow("ec2:*")],
                "resource_policy": grant(SESSION),
            },
            ALLOWED,
            None,
        ),
    ],
    "case_21": [
        (
            {
                "resource_account": B,
                "resource_policy": grant(USER),
                "identity_policies": [allow("s3:*")],
                "permissions_boundaries": [allow("ec2:*")],
            },
            IMPLICIT,
            None,
        )
    ],
    "case_22": [
        (
            {
                "identity_policies": [allow("s3:*")],
                "permissions_boundaries": [allow("s3:*")],
                "resource_policy": policy(
                    statement("Deny", "s3:*", "arn:aws:s3:::bkt/*", NotPrincipal={"AWS": USER})
                ),
            },
            EXPLICIT,
            [
                ("identity", 0, None, 0, "Allow"),
                ("boundary", 0, None, 0, "Allow"),
                ("resource", 0, None, 0, "Deny"),
            ],
        ),
        (
            {
                "identity_policies": [allow("s3:*")],
                "resource_policy": policy(
                    statement("Deny", "s3:*", "arn:aws:s3:::bkt/*", NotPrincipal={"AWS": USER})
                ),
            },
            ALLOWED,
            [("identity", 0, None, 0, "Allow")],
        ),
    ],
    "case_23": [
        (
            {
                "principal": SESSION,
                "identity_policies": [allow("s3:*")],
                "session_policy": allow("s3:GetObject"),
                "action": "s3:PutObject",
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "principal": SESSION,
                "identity_policies": [allow("s3:*")],
                "session_policy": deny("s3:GetObject"),
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
                "identity_policies": [allow("sts:AssumeRole")],
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
                "identity_policies": [allow("sts:AssumeRole")],
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
            {"action": "sts:GetCallerIdentity", "resource": "*", "identity_policies": [deny("*")]},
            ALLOWED,
            [("identity", 0, None, 0, "Deny")],
        )
    ],
    "case_29": [
        (
            {
                "action": "kms:Decrypt",
                "resource": KEY,
                "identity_policies": [allow("kms:*")],
                "resource_policy": policy(OTHER_KEY_STATEMENT),
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "action": "kms:Decrypt",
                "resource": KEY,
                "identity_policies": [allow("kms:*")],
                "resource_policy": policy(ROOT_KEY_STATEMENT),
            },
            ALLOWED,
            None,
        ),
        (
            {
                "action": "kms:Decrypt",
                "resource": KEY,
                "resource_policy": policy(ROOT_KEY_STATEMENT),
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
                "resource_control_policies": [[deny("s3:GetObject")]],
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
            {"identity_policies": [FULL_ACCESS], "endpoint_policies": [allow("ec2:*")]},
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


@pytest.mark.parametrize("checks", list(CASES.values()), ids=list(CASES))
def test_edge_case(checks: list[Check]) -> None:
    """Every sub-scenario of the case gets the decision (and statements) the spec gives."""
    for fields, decision, statements in checks:
        result = run(**fields)
        assert result.decision == decision, (fields, result)
        if statements is not None:
            assert matched(result) == statements, (fields, result)


def test_all_41_cases_are_covered() -> None:
    """The table has exactly the 41 cases of section 6."""
    assert list(CASES) == [f"case_{n:02d}" for n in range(1, 42)]


def test_case_05_grade_is_account_and_bucket_outcome_allowed_for_account() -> None:
    """Cross-account grant through the account root is an account-grade Allow."""
    result = run(resource_account=B, resource_policy=grant(ROOT), identity_policies=[GET])
    assert result.details["resource"] == "allowedForAccount"


def test_case_01_object_defaults() -> None:
    """The default request is the object ARN used throughout section 6."""
    assert run(identity_policies=[GET]).resource == OBJECT
