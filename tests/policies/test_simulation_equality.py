"""The simulator decides exactly as the console's own authorization does."""

import json

import pytest

from accounts.services import group_add_user, group_create, user_create
from accounts.signin import user_principal
from policies.authorization import (
    Operation,
    authorization_request,
    evaluate_operation,
    policy_set_for,
    request_context,
)
from policies.engine import evaluate
from policies.services import inline_policy_put, policy_attach_to_group
from tests.factories import RoleFactory

ACCT = "111111111111"


def doc(*statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, indent=2)


@pytest.fixture
def alice(account, aws_policy):
    user = user_create(account=account, name="alice", tags={"team": "dev"})
    group = group_create(account=account, name="Readers")
    policy_attach_to_group(group=group, policy=aws_policy("ReadOnlyAccess"))
    group_add_user(group=group, user=user)
    inline_policy_put(entity=user, name="NoSecrets", policy_document=doc(
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secret/*"}))
    return user


def test_authorization_request_carries_the_policy_set_context_and_operation_keys(alice):
    policy_set = policy_set_for(alice)
    operation = Operation("iam:TagUser", alice.arn, context={"aws:RequestTag/x": "1"})
    request = authorization_request(
        alice.arn, policy_set, operation, {"aws:username": "alice"}, resource_account=ACCT
    )
    assert request.principal == alice.arn
    assert (request.action, request.resource, request.resource_account) == (
        "iam:TagUser", alice.arn, ACCT)
    assert request.context == {"aws:username": "alice", "aws:RequestTag/x": "1"}
    assert list(request.identity_policies) == policy_set.identity_texts
    assert list(request.permissions_boundaries) == policy_set.boundary_texts
    assert request.resource_policy is None


def test_authorization_request_uses_the_trust_policy_for_assume_role(account, alice):
    role = RoleFactory(account=account, name="Deployer", trust={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": alice.arn},
                       "Action": "sts:AssumeRole"}],
    })
    request = authorization_request(
        alice.arn, policy_set_for(alice), Operation("sts:AssumeRole", role.arn), {}
    )
    assert request.resource_policy == role.trust_policy
    assert evaluate(request).decision == "allowed"


def test_evaluate_operation_is_unchanged_by_the_shared_request_builder(alice):
    principal = user_principal(alice)
    for operation, expected in [
        (Operation("s3:GetObject", "arn:aws:s3:::public/a"), "allowed"),
        (Operation("s3:GetObject", "arn:aws:s3:::secret/a"), "explicitDeny"),
        (Operation("iam:CreateUser", f"arn:aws:iam::{ACCT}:user/bob"), "implicitDeny"),
    ]:
        assert evaluate_operation(principal, operation).decision == expected
    context = request_context(principal, policy_set_for(alice))
    assert context["aws:PrincipalTag/team"] == "dev"
