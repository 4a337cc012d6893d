"""A federated sign-in is decided by the role's trust policy alone: the provider is the
principal (its ARN, or a web identity provider's name), the claims are condition keys."""

from __future__ import annotations

import pytest

from accounts.services import role_create
from policies.authorization import Requirement
from policies.federated import check_federated

pytestmark = pytest.mark.django_db
COGNITO = "cognito-identity.amazonaws.com"
POOL = "us-east-1:12345678-1234-1234-1234-123456789012"
ACTION = "sts:AssumeRoleWithWebIdentity"


@pytest.fixture
def role(account):
    return role_create(account=account, name="app-users", trust_policy={
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Federated": COGNITO}, "Action": ACTION,
             "Condition": {"StringEquals": {f"{COGNITO}:aud": POOL},
                           "ForAnyValue:StringLike": {f"{COGNITO}:amr": "authenticated"}}},
            {"Effect": "Deny", "Principal": {"Federated": COGNITO}, "Action": ACTION,
             "Condition": {"StringEquals": {f"{COGNITO}:sub": "banned"}}}]})


def claims(sub="user-1", aud=POOL, amr=("authenticated", "cognito-idp")):
    return {f"{COGNITO}:sub": sub, f"{COGNITO}:aud": aud, f"{COGNITO}:amr": list(amr),
            "aws:FederatedProvider": COGNITO}


def decide(role, principal=COGNITO, action=ACTION, **kwargs):
    return check_federated(principal, Requirement(action, role.arn), claims(**kwargs))


def test_the_trust_policy_allows_the_named_provider_with_matching_claims(role):
    assert decide(role).allowed


@pytest.mark.parametrize("change", [
    {"aud": "us-east-1:another-pool"},            # another identity pool
    {"amr": ("unauthenticated",)},                # a guest identity
    {"sub": "banned"},                            # the explicit deny
    {"principal": "arn:aws:iam::111111111111:oidc-provider/login.example.com"},
    {"action": "sts:AssumeRoleWithSAML"},
])
def test_anything_else_is_refused_with_aws_sentence(role, change):
    decision = decide(role, **change)
    assert not decision.allowed
    assert decision.message.startswith("Not authorized to perform sts:AssumeRoleWith")


def test_a_role_that_does_not_exist_is_refused_alike(account):
    decision = check_federated(COGNITO, Requirement(
        ACTION, f"arn:aws:iam::{account.account_id}:role/missing"), claims())
    assert (decision.allowed, decision.message) == (
        False, "Not authorized to perform sts:AssumeRoleWithWebIdentity")
