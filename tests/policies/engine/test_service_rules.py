"""Service-specific authorizers (spec 4): STS, KMS, IAM and S3 Block Public Access."""

from __future__ import annotations

from typing import Any

import pytest

from tests.documents import allow, deny, document, statement
from tests.policies.engine.helpers import B_USER, FULL_ACCESS, USER, A, B, decide, grant

ALLOWED, IMPLICIT, EXPLICIT = "allowed", "implicitDeny", "explicitDeny"
PUBLIC = grant("*", "s3:GetObject")

RULES: list[tuple[str, dict[str, Any], str]] = [
    # STS.
    (
        "get_caller_identity_despite_scp",
        {
            "action": "sts:GetCallerIdentity",
            "resource": "*",
            "service_control_policies": [[document(deny("*"))]],
        },
        ALLOWED,
    ),
    (
        "sts_no_trust_policy_same_account",
        {
            "action": "sts:GetSessionToken",
            "resource": "*",
            "identity_policies": [document(allow("sts:*"))],
        },
        ALLOWED,
    ),
    (
        "assume_role_cross_account",
        {
            "action": "sts:AssumeRole",
            "resource": f"arn:aws:iam::{B}:role/R",
            "identity_policies": [document(allow("sts:AssumeRole"))],
            "resource_policy": grant(USER, "sts:AssumeRole", None),
        },
        ALLOWED,
    ),
    (
        "assume_role_cross_account_without_identity",
        {
            "action": "sts:AssumeRole",
            "resource": f"arn:aws:iam::{B}:role/R",
            "resource_policy": grant(USER, "sts:AssumeRole", None),
        },
        IMPLICIT,
    ),
    # KMS.
    (
        "kms_star_resource_identity_counts",
        {
            "action": "kms:ListKeys",
            "resource": "*",
            "identity_policies": [document(allow("kms:*"))],
        },
        ALLOWED,
    ),
    (
        "kms_key_policy_names_caller",
        {
            "action": "kms:Decrypt",
            "resource": f"arn:aws:kms:us-east-1:{A}:key/k",
            "resource_policy": grant(USER, "kms:*", "*"),
        },
        ALLOWED,
    ),
    (
        "kms_missing_key_policy",
        {
            "action": "kms:Decrypt",
            "resource": f"arn:aws:kms:us-east-1:{A}:key/k",
            "identity_policies": [document(allow("kms:*"))],
        },
        IMPLICIT,
    ),
    (
        "kms_alias_default_rules",
        {
            "action": "kms:DeleteAlias",
            "resource": f"arn:aws:kms:us-east-1:{A}:alias/mine",
            "identity_policies": [document(allow("kms:*"))],
        },
        ALLOWED,
    ),
    (
        "kms_managed_alias_case_insensitive",
        {
            "action": "kms:UpdateAlias",
            "resource": f"arn:aws:kms:us-east-1:{A}:alias/AWS/s3",
            "identity_policies": [FULL_ACCESS],
        },
        IMPLICIT,
    ),
    (
        "kms_managed_alias_keeps_explicit",
        {
            "action": "kms:DeleteAlias",
            "resource": f"arn:aws:kms:us-east-1:{A}:alias/aws/ebs",
            "identity_policies": [document(deny("kms:*"))],
        },
        EXPLICIT,
    ),
    # IAM.
    (
        "iam_reserved_role",
        {
            "action": "iam:PassRole",
            "resource": f"arn:aws:iam::{A}:role/aws-reserved/sso/R",
            "identity_policies": [FULL_ACCESS],
        },
        IMPLICIT,
    ),
    (
        "iam_reserved_role_keeps_explicit",
        {
            "action": "iam:DeleteRole",
            "resource": f"arn:aws:iam::{A}:role/aws-reserved/sso/R",
            "identity_policies": [document(deny("iam:*"))],
        },
        EXPLICIT,
    ),
    (
        "iam_managed_policy_read_allowed",
        {
            "action": "iam:GetPolicy",
            "resource": "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "identity_policies": [FULL_ACCESS],
        },
        ALLOWED,
    ),
    (
        "iam_managed_policy_tag",
        {
            "action": "iam:TagPolicy",
            "resource": "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "identity_policies": [FULL_ACCESS],
        },
        IMPLICIT,
    ),
    # S3 Block Public Access.
    (
        "bpa_off",
        {"resource_account": B, "identity_policies": [FULL_ACCESS], "resource_policy": PUBLIC},
        ALLOWED,
    ),
    (
        "bpa_limited_by_org_condition",
        {
            "resource_account": B,
            "identity_policies": [FULL_ACCESS],
            "s3_block_public_access": True,
            "resource_policy": grant(
                "*", "s3:GetObject", Condition={"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}
            ),
            "context": {"aws:PrincipalOrgID": "o-abc"},
        },
        ALLOWED,
    ),
    (
        "bpa_wide_ip_is_public",
        {
            "resource_account": B,
            "identity_policies": [FULL_ACCESS],
            "s3_block_public_access": True,
            "context": {"aws:SourceIp": "8.8.8.8"},
            "resource_policy": grant(
                "*", "s3:GetObject", Condition={"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}
            ),
        },
        EXPLICIT,
    ),
    (
        "bpa_not_principal_is_public",
        {
            "resource_account": B,
            "identity_policies": [FULL_ACCESS],
            "s3_block_public_access": True,
            "resource_policy": document(
                statement("Allow", "s3:*", "*", NotPrincipal={"AWS": B_USER})
            ),
        },
        EXPLICIT,
    ),
    (
        "bpa_anonymous",
        {"principal": None, "resource_policy": PUBLIC, "s3_block_public_access": True},
        EXPLICIT,
    ),
    (
        "bpa_service_principal",
        {
            "principal": "cloudtrail.amazonaws.com",
            "resource_policy": PUBLIC,
            "s3_block_public_access": True,
        },
        ALLOWED,
    ),
]


@pytest.mark.parametrize(("fields", "decision"), [c[1:] for c in RULES], ids=[c[0] for c in RULES])
def test_service_rule(fields: dict[str, Any], decision: str) -> None:
    """Each row's request gets the decision the service authorizer gives."""
    assert decide(**fields) == decision
