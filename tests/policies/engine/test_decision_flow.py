"""Decision flow (spec 3) and service authorizers (spec 4) beyond the section 6 cases."""

from __future__ import annotations

from typing import Any

import pytest

from policies.engine import PolicyEngineError
from tests.policies.engine.helpers import (
    B_USER,
    FEDERATED,
    FULL_ACCESS,
    ROLE,
    ROOT,
    SESSION,
    USER,
    A,
    B,
    allow,
    decide,
    deny,
    grant,
    policy,
    run,
    statement,
)

ALLOWED, IMPLICIT, EXPLICIT = "allowed", "implicitDeny", "explicitDeny"
PUBLIC = grant("*", "s3:GetObject")

FLOW: list[tuple[str, dict[str, Any], str]] = [
    # Resource-policy outcomes.
    (
        "deny_for_account_is_explicit",
        {"identity_policies": [FULL_ACCESS], "resource_policy": grant(ROOT, effect="Deny")},
        EXPLICIT,
    ),
    (
        "direct_deny_beats_direct_allow",
        {
            "resource_policy": policy(
                statement("Allow", "s3:*", "*", Principal={"AWS": USER}),
                statement("Deny", "s3:*", "*", Principal={"AWS": USER}),
            )
        },
        EXPLICIT,
    ),
    (
        "other_principal_deny_ignored",
        {"identity_policies": [FULL_ACCESS], "resource_policy": grant(B_USER, effect="Deny")},
        ALLOWED,
    ),
    (
        "same_account_allowed_for_account_needs_identity",
        {"identity_policies": [FULL_ACCESS], "resource_policy": grant(A)},
        ALLOWED,
    ),
    # Cross-account needs both sides.
    (
        "cross_account_identity_only",
        {"resource_account": B, "identity_policies": [FULL_ACCESS]},
        IMPLICIT,
    ),
    (
        "cross_account_both_sides",
        {"resource_account": B, "identity_policies": [FULL_ACCESS], "resource_policy": grant(USER)},
        ALLOWED,
    ),
    (
        "cross_account_from_resource_arn",
        {
            "action": "sqs:SendMessage",
            "resource": f"arn:aws:sqs:us-east-1:{B}:q",
            "identity_policies": [FULL_ACCESS],
        },
        IMPLICIT,
    ),
    (
        "caller_from_other_account",
        {"principal": B_USER, "identity_policies": [FULL_ACCESS], "resource_account": A},
        IMPLICIT,
    ),
    # SCP levels.
    (
        "scp_all_levels_allow",
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[FULL_ACCESS], [allow("s3:*")], [allow("s3:Get*")]],
        },
        ALLOWED,
    ),
    (
        "scp_deny_in_account_level",
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[FULL_ACCESS], [FULL_ACCESS], [FULL_ACCESS, deny("s3:*")]],
        },
        EXPLICIT,
    ),
    ("scp_does_not_grant", {"service_control_policies": [[FULL_ACCESS]]}, IMPLICIT),
    (
        "scp_short_arn_needs_star",
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[allow("s3:*", "arn:aws:s3*")]],
        },
        ALLOWED,
    ),
    (
        "scp_limits_resource_policy_grant",
        {"resource_policy": grant(USER), "service_control_policies": [[allow("ec2:*")]]},
        IMPLICIT,
    ),
    # RCP levels: RCPFullAWSAccess is implicit, so only explicit denies matter.
    (
        "rcp_empty_level_allows",
        {"identity_policies": [FULL_ACCESS], "resource_control_policies": [[], []]},
        ALLOWED,
    ),
    (
        "rcp_short_arn_is_invalid",
        {
            "identity_policies": [FULL_ACCESS],
            "resource_control_policies": [[deny("s3:*", "arn:aws:s3*")]],
        },
        ALLOWED,
    ),
    (
        "rcp_deny",
        {
            "identity_policies": [FULL_ACCESS],
            "resource_control_policies": [[], [deny("s3:GetObject")]],
        },
        EXPLICIT,
    ),
    # Endpoint policies.
    (
        "endpoint_allows",
        {
            "identity_policies": [FULL_ACCESS],
            "endpoint_policies": [grant("*", "s3:GetObject", "*")],
        },
        ALLOWED,
    ),
    (
        "endpoint_denies",
        {
            "identity_policies": [FULL_ACCESS],
            "endpoint_policies": [FULL_ACCESS, deny("s3:GetObject")],
        },
        EXPLICIT,
    ),
    (
        "endpoint_short_arn_without_star",
        {"identity_policies": [FULL_ACCESS], "endpoint_policies": [allow("s3:*", "arn:aws:s3")]},
        IMPLICIT,
    ),
    # Boundaries.
    (
        "boundary_explicit_deny",
        {
            "identity_policies": [FULL_ACCESS],
            "permissions_boundaries": [FULL_ACCESS, deny("s3:GetObject")],
        },
        EXPLICIT,
    ),
    (
        "boundary_bypass_for_federated_user_direct",
        {
            "principal": FEDERATED,
            "permissions_boundaries": [allow("ec2:*")],
            "resource_policy": grant(FEDERATED),
        },
        ALLOWED,
    ),
    (
        "boundary_no_bypass_for_session_user_grade",
        {
            "principal": FEDERATED,
            "permissions_boundaries": [allow("ec2:*")],
            "resource_policy": grant(f"arn:aws:iam::{A}:user/bob"),
        },
        IMPLICIT,
    ),
    (
        "boundary_no_bypass_for_role_itself",
        {
            "principal": ROLE,
            "permissions_boundaries": [allow("ec2:*")],
            "resource_policy": grant(ROLE),
        },
        IMPLICIT,
    ),
    (
        "boundary_bypass_by_star_principal",
        {"permissions_boundaries": [allow("ec2:*")], "resource_policy": grant("*")},
        ALLOWED,
    ),
    (
        "boundary_no_bypass_for_account_grade",
        {
            "identity_policies": [FULL_ACCESS],
            "permissions_boundaries": [allow("ec2:*")],
            "resource_policy": grant(A),
        },
        IMPLICIT,
    ),
    # Session policies.
    (
        "session_allows_and_identity_allows",
        {
            "principal": SESSION,
            "identity_policies": [allow("s3:*")],
            "session_policy": allow("s3:GetObject"),
        },
        ALLOWED,
    ),
    (
        "session_allows_but_no_identity",
        {"principal": SESSION, "session_policy": allow("s3:GetObject")},
        IMPLICIT,
    ),
    (
        "session_arn_named_not_limited",
        {"principal": SESSION, "session_policy": allow("ec2:*"), "resource_policy": grant(SESSION)},
        ALLOWED,
    ),
    (
        "session_role_named_is_limited",
        {"principal": SESSION, "session_policy": allow("ec2:*"), "resource_policy": grant(ROLE)},
        IMPLICIT,
    ),
    (
        "session_policy_limits_grant_naming_the_role_itself",
        {
            "principal": ROLE,
            "session_policy": allow("ec2:*"),
            "resource_policy": grant(ROLE),
        },
        IMPLICIT,
    ),
    (
        "session_arn_named_federated_user_not_limited",
        {
            "principal": FEDERATED,
            "session_policy": allow("ec2:*"),
            "resource_policy": grant(FEDERATED),
        },
        ALLOWED,
    ),
    (
        "session_explicit_deny_beats_session_arn",
        {"principal": SESSION, "session_policy": deny("s3:*"), "resource_policy": grant(SESSION)},
        EXPLICIT,
    ),
    (
        "session_list_of_policies",
        {
            "principal": FEDERATED,
            "identity_policies": [FULL_ACCESS],
            "session_policy": [allow("ec2:*"), allow("s3:GetObject")],
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
            "service_control_policies": [[FULL_ACCESS, deny("s3:*")]],
        },
        EXPLICIT,
    ),
    # Anonymous callers.
    (
        "anonymous_public_bucket_deny",
        {
            "principal": None,
            "resource_policy": policy(
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
            "endpoint_policies": [allow("s3:PutObject")],
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


def test_details_list_every_participating_type() -> None:
    """Details map each policy type that took part to its outcome."""
    result = run(
        principal=SESSION,
        identity_policies=[FULL_ACCESS],
        session_policy=FULL_ACCESS,
        permissions_boundaries=[allow("ec2:*")],
        resource_policy=grant(ROOT),
        service_control_policies=[[FULL_ACCESS], []],
        resource_control_policies=[[]],
        endpoint_policies=[FULL_ACCESS],
    )
    assert result.details == {
        "identity": ALLOWED,
        "session": ALLOWED,
        "boundary": IMPLICIT,
        "resource": "allowedForAccount",
        "scp": IMPLICIT,
        "rcp": ALLOWED,
        "endpoint": ALLOWED,
    }
    assert result.deciding_policy_type == "scp"


def test_anonymous_details_have_no_identity() -> None:
    """Anonymous callers have no identity policies at all."""
    assert run(principal=None, resource_policy=PUBLIC).details == {"resource": ALLOWED}


def test_session_policy_rejected_for_users_and_anonymous() -> None:
    """Session policies apply only to roles, role sessions and federated users."""
    for principal in (USER, ROOT, None, "lambda.amazonaws.com"):
        with pytest.raises(PolicyEngineError):
            run(principal=principal, session_policy=FULL_ACCESS)
    assert (
        decide(principal=ROLE, session_policy=FULL_ACCESS, identity_policies=[FULL_ACCESS])
        == ALLOWED
    )


def test_wildcard_only_action_is_evaluated_on_star() -> None:
    """A wildcard-only action ignores a supplied ARN and is matched as resource '*'."""
    result = run(
        action="s3:ListAllMyBuckets",
        resource="arn:aws:s3:::bkt",
        identity_policies=[allow("s3:ListAllMyBuckets", "arn:aws:s3:::bkt")],
    )
    assert result.decision == IMPLICIT
