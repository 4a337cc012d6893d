"""Result contents: explanations, AWS access-denied wording, missing context, bulk evaluation."""

from __future__ import annotations

from typing import Any

import pytest

from policies.engine import (
    AuthorizationRequest,
    PolicyEngineError,
    access_denied_message,
    context_keys_for_policies,
    evaluate_many,
    prepare,
)
from policies.engine.context import normalize_context, validate_context
from tests.documents import allow, deny, document, statement
from tests.policies.engine.helpers import FULL_ACCESS, SESSION, USER, A, B, grant, run

BOB = f"arn:aws:iam::{A}:user/bob"
ALLOW_S3 = document(
    statement("Allow", "s3:ListBucket", "*", Sid="List"),
    statement("Allow", "s3:GetObject", "*", Sid="AllowS3"),
)

EXPLANATIONS: list[tuple[dict[str, Any], str]] = [
    (
        {"identity_policies": [ALLOW_S3]},
        "allowed: identity-based policy 0 statement 1 (Sid AllowS3) allows s3:GetObject",
    ),
    (
        {
            "identity_policies": [document(allow("s3:*"))],
            "permissions_boundaries": [document(allow("s3:GetObject"))],
            "action": "s3:PutObject",
        },
        "denied: the permissions boundary does not allow s3:PutObject",
    ),
    ({}, "denied: no identity-based policy allows s3:GetObject"),
    (
        {"identity_policies": [FULL_ACCESS, document(statement("Deny", "s3:*", "*", Sid="NoS3"))]},
        "denied: identity-based policy 1 statement 0 (Sid NoS3) explicitly denies s3:GetObject",
    ),
    (
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[FULL_ACCESS], [document(allow("ec2:*"))]],
        },
        "denied: the service control policies at level 1 do not allow s3:GetObject",
    ),
    (
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[document(deny("s3:*"))]],
        },
        "denied: service control policy level 0 policy 0 statement 0 explicitly denies "
        "s3:GetObject",
    ),
    (
        {"resource_policy": grant(USER)},
        "allowed: resource-based policy 0 statement 0 allows s3:GetObject",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "resource_policy": grant(A, effect="Deny")},
        "denied: resource-based policy 0 statement 0 explicitly denies s3:GetObject for the "
        "caller's account",
    ),
    (
        {
            "principal": SESSION,
            "identity_policies": [FULL_ACCESS],
            "session_policy": document(allow("ec2:*")),
        },
        "denied: the session policy does not allow s3:GetObject",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "endpoint_policies": [document(allow("ec2:*"))]},
        "denied: the VPC endpoint policy does not allow s3:GetObject",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "resource_account": B},
        "denied: the resource is in another account and no resource-based policy allows "
        "s3:GetObject",
    ),
    (
        {
            "action": "sts:GetCallerIdentity",
            "resource": "*",
            "identity_policies": [document(deny())],
        },
        "allowed: sts:GetCallerIdentity is allowed for every authenticated caller",
    ),
    (
        {
            "action": "iam:DeletePolicy",
            "resource": "arn:aws:iam::aws:policy/X",
            "identity_policies": [FULL_ACCESS],
        },
        "denied: AWS managed policies cannot be changed, so iam:DeletePolicy is refused",
    ),
]


@pytest.mark.parametrize(("fields", "text"), EXPLANATIONS)
def test_explanation(fields: dict[str, Any], text: str) -> None:
    """The explanation is one plain-language sentence naming the deciding statement or type."""
    assert run(**fields).explanation == text


MESSAGES: list[tuple[dict[str, Any], str]] = [
    ({}, "because no identity-based policy allows the iam:CreateUser action"),
    (
        {"identity_policies": [document(deny("iam:*"))]},
        "with an explicit deny in an identity-based policy",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "permissions_boundaries": [document(allow("s3:*"))]},
        "because no permissions boundary allows the iam:CreateUser action",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "permissions_boundaries": [document(deny("iam:*"))]},
        "with an explicit deny in a permissions boundary",
    ),
    (
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[document(allow("s3:*"))]],
        },
        "because no service control policy allows the iam:CreateUser action",
    ),
    (
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[document(deny("iam:*"))]],
        },
        "with an explicit deny in a service control policy",
    ),
    (
        {
            "identity_policies": [FULL_ACCESS],
            "resource_control_policies": [[document(deny("iam:*"))]],
        },
        "with an explicit deny in a resource control policy",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "resource_policy": grant(USER, "iam:*", "*", "Deny")},
        "with an explicit deny in a resource-based policy",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "endpoint_policies": [document(deny("iam:*"))]},
        "with an explicit deny in a VPC endpoint policy",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "endpoint_policies": [document(allow("s3:*"))]},
        "because no VPC endpoint policy allows the iam:CreateUser action",
    ),
    (
        {
            "principal": SESSION,
            "identity_policies": [FULL_ACCESS],
            "session_policy": document(deny()),
        },
        "with an explicit deny in a session policy",
    ),
    (
        {
            "principal": SESSION,
            "identity_policies": [FULL_ACCESS],
            "session_policy": document(allow("s3:*")),
        },
        "because no session policy allows the iam:CreateUser action",
    ),
    (
        {"identity_policies": [FULL_ACCESS], "resource_account": B},
        "because no resource-based policy allows the iam:CreateUser action",
    ),
]


@pytest.mark.parametrize(("fields", "reason"), MESSAGES)
def test_access_denied_message(fields: dict[str, Any], reason: str) -> None:
    """Messages use AWS's exact wording, with the "User:" prefix for every principal."""
    values = {"action": "iam:CreateUser", "resource": BOB, **fields}
    result = run(**values)
    caller = values.get("principal", USER)
    assert access_denied_message(caller, "iam:CreateUser", BOB, result) == (
        f"User: {caller} is not authorized to perform: iam:CreateUser on resource: {BOB} {reason}"
    )


def test_access_denied_message_without_policy_reason() -> None:
    """Service-rule denials have no reason clause; allowed results have no message."""
    resource = "arn:aws:iam::aws:policy/X"
    result = run(action="iam:DeletePolicy", resource=resource, identity_policies=[FULL_ACCESS])
    assert result.deciding_policy_type is None
    assert access_denied_message(USER, "iam:DeletePolicy", resource, result) == (
        f"User: {USER} is not authorized to perform: iam:DeletePolicy on resource: {resource}"
    )
    with pytest.raises(PolicyEngineError):
        access_denied_message(USER, "s3:GetObject", "*", run(identity_policies=[FULL_ACCESS]))


def test_missing_context_values() -> None:
    """Keys read by action/resource-applicable statements but absent are reported."""
    doc = document(
        statement("Allow", "s3:*", "arn:aws:s3:::home/${aws:username}/*"),
        statement(
            "Allow",
            "s3:GetObject",
            "*",
            Condition={
                "StringEquals": {"aws:PrincipalTag/Team": "${aws:PrincipalTag/x}"},
                "IpAddress": {"aws:SourceIp": "10.0.0.0/8"},
            },
        ),
        statement("Allow", "ec2:*", "*", Condition={"Bool": {"aws:MultiFactorAuthPresent": "1"}}),
    )
    result = run(identity_policies=[doc], context={"aws:sourceip": "10.0.0.1"})
    assert result.missing_context_values == (
        "aws:PrincipalTag/Team",
        "aws:PrincipalTag/x",
        "aws:username",
    )


def test_context_keys_for_policies() -> None:
    """Condition keys and variable keys, sorted and de-duplicated case-insensitively."""
    docs = [
        document(
            allow(
                "s3:*",
                "arn:aws:s3:::${aws:username}/*",
                Condition={
                    "StringLike": {"s3:prefix": "${aws:userid}/*"},
                    "NumericLessThan": {"s3:max-keys": "${aws:not-a-variable-here}"},
                },
            )
        ),
        '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", '
        '"Condition": {"Bool": {"AWS:USERNAME": "x", "aws:SecureTransport": "false"}}}}',
    ]
    assert context_keys_for_policies(docs) == [
        "aws:SecureTransport",
        "aws:userid",
        "aws:username",
        "s3:max-keys",
        "s3:prefix",
    ]


def test_evaluate_many_matches_single_evaluations() -> None:
    """Bulk evaluation reuses one prepared evaluator and gives the same results."""
    template = AuthorizationRequest(
        principal=USER,
        action="s3:GetObject",
        identity_policies=[document(allow("s3:Get*"))],
    )
    pairs = [
        ("s3:GetObject", "arn:aws:s3:::b/k"),
        ("s3:PutObject", "arn:aws:s3:::b/k"),
        ("ec2:DescribeInstances", "*"),
    ]
    results = evaluate_many(template, pairs)
    assert [r.decision for r in results] == ["allowed", "implicitDeny", "implicitDeny"]
    assert [r.action for r in results] == [p[0] for p in pairs]
    assert prepare(template) is prepare(template)
    with pytest.raises(PolicyEngineError):
        evaluate_many(template, [("s3:GetObject",)])  # type: ignore[list-item]
    with pytest.raises(PolicyEngineError):
        evaluate_many(template, 5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("action", "context", "expected"),
    [
        ("s3:GetObject", {"AWS:TagKeys": "a"}, {"aws:tagkeys": ["a"]}),
        ("s3:GetObject", {"aws:SourceIp": ["1.2.3.4", "5.6.7.8"]}, {"aws:sourceip": "1.2.3.4"}),
        ("s3:GetObject", {"aws:SourceIp": []}, {}),
        ("s3:GetObject", {"aws:SecureTransport": True}, {"aws:securetransport": "true"}),
        ("s3:GetObject", {"aws:PrincipalTag/Team": "dev"}, {"aws:principaltag/team": "dev"}),
        (
            "s3:GetObject",
            {"aws:CalledVia": "athena.amazonaws.com"},
            {"aws:calledvia": ["athena.amazonaws.com"]},
        ),
        ("s3:ListBucket", {"s3:max-keys": 5, "ec2:Region": "x"}, {"s3:max-keys": "5"}),
        (
            "s3:GetObject",
            {"s3:ExistingObjectTag/env": "prod"},
            {"s3:existingobjecttag/env": "prod"},
        ),
        ("s3:GetObject", {"s3:max-keys": "5"}, {}),
        ("kms:Decrypt", {"kms:EncryptionContext:app": "x"}, {"kms:encryptioncontext:app": "x"}),
        ("madeup:Action", {"madeup:key": ["a", "b"]}, {"madeup:key": ["a", "b"]}),
        ("s3:GetObject", {"aws:MultiFactorAuthAge": 1.5}, {"aws:multifactorauthage": "1.5"}),
        ("s3:GetObject", {"custom-key": "x"}, {}),
    ],
)
def test_context_normalisation(
    action: str, context: dict[str, Any], expected: dict[str, Any]
) -> None:
    """Keys are lower-cased, typed by the reference, and dropped if invalid for the action."""
    assert normalize_context(validate_context(context), action.lower(), True) == expected


def test_context_filter_can_be_disabled() -> None:
    """filter_context_keys=False keeps keys the reference does not list for the action."""
    doc = document(allow("s3:*", Condition={"StringEquals": {"s3:max-keys": "5"}}))
    assert run(identity_policies=[doc], context={"s3:max-keys": "5"}).decision == "implicitDeny"
    result = run(identity_policies=[doc], context={"s3:max-keys": "5"}, filter_context_keys=False)
    assert result.decision == "allowed"
