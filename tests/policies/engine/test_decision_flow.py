"""Decision flow (spec 3) beyond the section 6 cases: resource policies, accounts, SCPs, RCPs,
endpoints (boundaries, sessions and special callers are in test_decision_flow_callers.py)."""

from __future__ import annotations

from typing import Any

import pytest

from policies.engine import PolicyEngineError
from tests.documents import allow, deny, document, statement
from tests.policies.engine.helpers import (
    B_USER,
    FULL_ACCESS,
    ROLE,
    ROOT,
    SESSION,
    USER,
    A,
    B,
    decide,
    grant,
    run,
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
            "resource_policy": document(
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
            "service_control_policies": [
                [FULL_ACCESS],
                [document(allow("s3:*"))],
                [document(allow("s3:Get*"))],
            ],
        },
        ALLOWED,
    ),
    (
        "scp_deny_in_account_level",
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [
                [FULL_ACCESS],
                [FULL_ACCESS],
                [FULL_ACCESS, document(deny("s3:*"))],
            ],
        },
        EXPLICIT,
    ),
    ("scp_does_not_grant", {"service_control_policies": [[FULL_ACCESS]]}, IMPLICIT),
    (
        "scp_short_arn_needs_star",
        {
            "identity_policies": [FULL_ACCESS],
            "service_control_policies": [[document(allow("s3:*", "arn:aws:s3*"))]],
        },
        ALLOWED,
    ),
    (
        "scp_limits_resource_policy_grant",
        {"resource_policy": grant(USER), "service_control_policies": [[document(allow("ec2:*"))]]},
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
            "resource_control_policies": [[document(deny("s3:*", "arn:aws:s3*"))]],
        },
        ALLOWED,
    ),
    (
        "rcp_deny",
        {
            "identity_policies": [FULL_ACCESS],
            "resource_control_policies": [[], [document(deny("s3:GetObject"))]],
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
            "endpoint_policies": [FULL_ACCESS, document(deny("s3:GetObject"))],
        },
        EXPLICIT,
    ),
    (
        "endpoint_short_arn_without_star",
        {
            "identity_policies": [FULL_ACCESS],
            "endpoint_policies": [document(allow("s3:*", "arn:aws:s3"))],
        },
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
        permissions_boundaries=[document(allow("ec2:*"))],
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
        identity_policies=[document(allow("s3:ListAllMyBuckets", "arn:aws:s3:::bkt"))],
    )
    assert result.decision == IMPLICIT
