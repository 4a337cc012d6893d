"""Section 6 edge cases 1-22 as data: (request fields, decision, matched statements)."""

from __future__ import annotations

from typing import Any

from tests.documents import allow, deny, document, statement
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

ALLOWED, IMPLICIT, EXPLICIT = "allowed", "implicitDeny", "explicitDeny"
GET = document(allow("s3:GetObject", "arn:aws:s3:::bkt/*"))
TARGET_ROLE = f"arn:aws:iam::{A}:role/Target"
KEY = f"arn:aws:kms:us-east-1:{A}:key/1234abcd"
ROOT_KEY_STATEMENT = statement("Allow", "kms:*", "*", Principal={"AWS": ROOT})
OTHER_KEY_STATEMENT = statement("Allow", "kms:*", "*", Principal={"AWS": f"{ROLE}x"})


def cond(operator: str, key: str, value: Any, effect: str = "Allow", action: str = "s3:*") -> dict:
    """A one-statement identity policy with one condition."""
    return document(statement(effect, action, "*", Condition={operator: {key: value}}))


# Each case: a list of (request fields, expected decision, expected matched statements or None).
Check = tuple[dict[str, Any], str, list[tuple[str, int, int | None, int, str]] | None]
CASES: dict[str, list[Check]] = {
    "case_01": [
        ({"identity_policies": [GET]}, ALLOWED, [("identity", 0, None, 0, "Allow")]),
        (
            {"identity_policies": [GET, document(deny("s3:*"))]},
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
        ({"identity_policies": [document(allow("S3:getobject"))]}, ALLOWED, None),
        ({"identity_policies": [document(allow("s3:Get?bject"))]}, ALLOWED, None),
        ({"identity_policies": [document(allow("s3*:GetObject"))]}, IMPLICIT, []),
    ],
    "case_08": [
        ({"identity_policies": [document(allow(NotAction="iam:*"))]}, ALLOWED, None),
        (
            {
                "identity_policies": [document(allow(NotAction="iam:*"))],
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
                "identity_policies": [document(allow("s3:*", NotResource="arn:aws:s3:::secret/*"))],
                "resource": "arn:aws:s3:::pub/f",
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [document(allow("s3:*", NotResource="arn:aws:s3:::secret/*"))],
                "resource": "arn:aws:s3:::secret/f",
            },
            IMPLICIT,
            [],
        ),
    ],
    "case_10": [
        (
            {"identity_policies": [document(allow("s3:GetObject", "arn:aws:S3:::bkt/*"))]},
            ALLOWED,
            None,
        ),
        (
            {"identity_policies": [document(allow("s3:GetObject", "arn:aws:s3:::BKT/*"))]},
            IMPLICIT,
            [],
        ),
    ],
    "case_11": [
        (
            {
                "action": "s3:ListAllMyBuckets",
                "resource": "*",
                "identity_policies": [document(allow("s3:ListAllMyBuckets", "arn:aws:s3:::*"))],
            },
            IMPLICIT,
            [],
        ),
        (
            {
                "action": "s3:ListAllMyBuckets",
                "resource": "*",
                "identity_policies": [document(allow("s3:ListAllMyBuckets", "*"))],
            },
            ALLOWED,
            None,
        ),
    ],
    "case_12": [
        (
            {
                "identity_policies": [
                    document(allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"))
                ],
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
                "identity_policies": [
                    document(allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"))
                ],
            },
            IMPLICIT,
            [],
        ),
        (
            {
                "principal": SESSION,
                "resource": "arn:aws:s3:::home/guest/f",
                "identity_policies": [
                    document(allow("s3:*", "arn:aws:s3:::home/${aws:username, 'guest'}/*"))
                ],
            },
            ALLOWED,
            None,
        ),
    ],
    "case_13": [
        (
            {
                "identity_policies": [document(allow("s3:*", "arn:aws:s3:::bkt*"))],
                "resource": "arn:aws:s3:::bkt-logs/a/b",
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [document(allow("s3:*", "arn:aws:s3:::bkt/${*}"))],
                "resource": "arn:aws:s3:::bkt/*",
            },
            ALLOWED,
            None,
        ),
        (
            {
                "identity_policies": [document(allow("s3:*", "arn:aws:s3:::bkt/${*}"))],
                "resource": "arn:aws:s3:::bkt/x",
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_14": [
        (
            {
                "identity_policies": [document(allow("s3:*"))],
                "service_control_policies": [[FULL_ACCESS], [document(allow("ec2:*"))]],
            },
            IMPLICIT,
            [("identity", 0, None, 0, "Allow"), ("scp", 0, 0, 0, "Allow")],
        ),
        (
            {
                "identity_policies": [document(allow("s3:*"))],
                "service_control_policies": [[FULL_ACCESS], []],
            },
            IMPLICIT,
            None,
        ),
        (
            {"identity_policies": [document(allow("s3:*"))], "service_control_policies": None},
            ALLOWED,
            None,
        ),
        (
            {"identity_policies": [document(allow("s3:*"))], "service_control_policies": []},
            ALLOWED,
            None,
        ),
    ],
    "case_15": [
        (
            {
                "identity_policies": [FULL_ACCESS],
                "action": "s3:DeleteBucket",
                "resource": BUCKET,
                "service_control_policies": [[FULL_ACCESS, document(deny("s3:DeleteBucket"))]],
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
                "identity_policies": [document(allow("ec2:*"))],
                "permissions_boundaries": [document(allow("s3:*"))],
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
                "identity_policies": [document(allow("s3:*"))],
                "permissions_boundaries": [document(allow("s3:GetObject"))],
            },
            ALLOWED,
            [("identity", 0, None, 0, "Allow"), ("boundary", 0, None, 0, "Allow")],
        ),
        (
            {
                "identity_policies": [document(allow("s3:*"))],
                "action": "s3:PutObject",
                "permissions_boundaries": [document(allow("s3:GetObject"))],
            },
            IMPLICIT,
            None,
        ),
    ],
    "case_19": [
        (
            {"permissions_boundaries": [document(allow("ec2:*"))], "resource_policy": grant(USER)},
            ALLOWED,
            [("resource", 0, None, 0, "Allow")],
        )
    ],
    "case_20": [
        (
            {
                "principal": SESSION,
                "permissions_boundaries": [document(allow("ec2:*"))],
                "resource_policy": grant(ROLE),
            },
            IMPLICIT,
            None,
        ),
        (
            {
                "principal": SESSION,
                "permissions_boundaries": [document(allow("ec2:*"))],
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
                "identity_policies": [document(allow("s3:*"))],
                "permissions_boundaries": [document(allow("ec2:*"))],
            },
            IMPLICIT,
            None,
        )
    ],
    "case_22": [
        (
            {
                "identity_policies": [document(allow("s3:*"))],
                "permissions_boundaries": [document(allow("s3:*"))],
                "resource_policy": document(
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
                "identity_policies": [document(allow("s3:*"))],
                "resource_policy": document(
                    statement("Deny", "s3:*", "arn:aws:s3:::bkt/*", NotPrincipal={"AWS": USER})
                ),
            },
            ALLOWED,
            [("identity", 0, None, 0, "Allow")],
        ),
    ],
}
