"""Decision flow (spec 3) beyond the section 6 cases: boundaries, session policies, service
principals, the root user and anonymous callers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.documents import allow, deny, document, statement
from tests.policies.engine.helpers import (
    FEDERATED,
    FULL_ACCESS,
    ROLE,
    ROOT,
    SESSION,
    A,
    decide,
    grant,
)

ALLOWED, IMPLICIT, EXPLICIT = "allowed", "implicitDeny", "explicitDeny"
PUBLIC = grant("*", "s3:GetObject")

FLOW: list[tuple[str, dict[str, Any], str]] = [
    # Boundaries.
    (
        "boundary_explicit_deny",
        {
            "identity_policies": [FULL_ACCESS],
            "permissions_boundaries": [FULL_ACCESS, document(deny("s3:GetObject"))],
        },
        EXPLICIT,
    ),
    (
        "boundary_bypass_for_federated_user_direct",
        {
            "principal": FEDERATED,
            "permissions_boundaries": [document(allow("ec2:*"))],
            "resource_policy": grant(FEDERATED),
        },
        ALLOWED,
    ),
    (
        "boundary_no_bypass_for_session_user_grade",
        {
            "principal": FEDERATED,
            "permissions_boundaries": [document(allow("ec2:*"))],
            "resource_policy": grant(f"arn:aws:iam::{A}:user/bob"),
        },
        IMPLICIT,
    ),
    (
        "boundary_no_bypass_for_role_itself",
        {
            "principal": ROLE,
            "permissions_boundaries": [document(allow("ec2:*"))],
            "resource_policy": grant(ROLE),
        },
        IMPLICIT,
    ),
    (
        "boundary_bypass_by_star_principal",
        {"permissions_boundaries": [document(allow("ec2:*"))], "resource_policy": grant("*")},
        ALLOWED,
    ),
    (
        "boundary_no_bypass_for_account_grade",
        {
            "identity_policies": [FULL_ACCESS],
            "permissions_boundaries": [document(allow("ec2:*"))],
            "resource_policy": grant(A),
        },
        IMPLICIT,
    ),
    # Session policies.
    (
        "session_allows_and_identity_allows",
        {
            "principal": SESSION,
            "identity_policies": [document(allow("s3:*"))],
            "session_policy": document(allow("s3:GetObject")),
        },
        ALLOWED,
    ),
    (
        "session_allows_but_no_identity",
        {"principal": SESSION, "session_policy": document(allow("s3:GetObject"))},
        IMPLICIT,
    ),
    (
        "session_arn_named_not_limited",
        {
            "principal": SESSION,
            "session_policy": document(allow("ec2:*")),
            "resource_policy": grant(SESSION),
        },
        ALLOWED,
    ),
    (
        "session_role_named_is_limited",
        {
            "principal": SESSION,
            "session_policy": document(allow("ec2:*")),
            "resource_policy": grant(ROLE),
        },
        IMPLICIT,
    ),
    (
        "session_policy_limits_grant_naming_the_role_itself",
        {
            "principal": ROLE,
            "session_policy": document(allow("ec2:*")),
            "resource_policy": grant(ROLE),
        },
        IMPLICIT,
    ),
    (
        "session_arn_named_federated_user_not_limited",
        {
            "principal": FEDERATED,
            "session_policy": document(allow("ec2:*")),
            "resource_policy": grant(FEDERATED),
        },
        ALLOWED,
    ),
    (
        "session_explicit_deny_beats_session_arn",
        {
            "principal": SESSION,
            "session_policy": document(deny("s3:*")),
            "resource_policy": grant(SESSION),
        },
        EXPLICIT,
    ),
    (
        "session_list_of_policies",
        {
            "principal": FEDERATED,
            "identity_policies": [FULL_ACCESS],
            "session_policy": [document(allow("ec2:*")), document(allow("s3:GetObject"))],
        },
        ALLOWED,
    ),
    # Service principals and providers.
    (
        "service_principal_identity_ignored",
        {"principal": "lambda.amazonaws.com", "identity_policies": [FULL_ACCESS]},
        IMPLICIT,
    ),
    (
        "web_identity_trust",
        {
            "principal": "cognito-identity.amazonaws.com",
            "action": "sts:AssumeRoleWithWebIdentity",
            "resource": f"arn:aws:iam::{A}:role/R",
            "resource_policy": grant(
                {"Federated": "cognito-identity.amazonaws.com"},
                "sts:AssumeRoleWithWebIdentity",
                None,
            ),
        },
        ALLOWED,
    ),
    (
        "saml_provider_trust",
        {
            "principal": f"arn:aws:iam::{A}:saml-provider/X",
            "action": "sts:AssumeRoleWithSAML",
            "resource": f"arn:aws:iam::{A}:role/R",
            "resource_policy": grant(
                {"Federated": f"arn:aws:iam::{A}:saml-provider/X"}, "sts:AssumeRoleWithSAML", None
            ),
        },
        ALLOWED,
    ),
    # Root with its virtual Allow from the Django layer.
    ("root_virtual_allow", {"principal": ROOT, "identity_policies": [FULL_ACCESS]}, ALLOWED),
    (
        "root_scp_deny",
        {
            "principal": ROOT,
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[FULL_ACCESS, document(deny("s3:*"))]],
        },
        EXPLICIT,
    ),
    # Anonymous callers.
    (
        "anonymous_public_bucket_deny",
        {
            "principal": None,
            "resource_policy": document(
                statement("Allow", "s3:*", "*", Principal="*"),
                statement("Deny", "s3:GetObject", "*", Principal="*"),
            ),
        },
        EXPLICIT,
    ),
    (
        "anonymous_endpoint",
        {
            "principal": None,
            "resource_policy": PUBLIC,
            "endpoint_policies": [document(allow("s3:PutObject"))],
        },
        IMPLICIT,
    ),
    (
        "anonymous_get_caller_identity",
        {"principal": None, "action": "sts:GetCallerIdentity", "resource": "*"},
        IMPLICIT,
    ),
]


@pytest.mark.parametrize(("fields", "decision"), [c[1:] for c in FLOW], ids=[c[0] for c in FLOW])
def test_flow(fields: dict[str, Any], decision: str) -> None:
    """Each row's request gets the decision the spec's flow gives."""
    assert decide(**fields) == decision
