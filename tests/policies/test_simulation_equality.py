"""The simulator decides exactly as the console's own authorization does."""


from datetime import UTC, datetime, timedelta

import pytest

from accounts.services import group_add_user, group_create, user_create
from accounts.signin import role_session_principal, user_principal
from policies.authorization import (
    Requirement,
    authorization_request,
    check,
    evaluate_requirement,
    policy_set_for,
    request_context,
)
from policies.engine import evaluate
from policies.services import (
    inline_policy_put,
    permissions_boundary_put,
    policy_attach_to_group,
    policy_attach_to_role,
    policy_attach_to_user,
    policy_create,
)
from tests.documents import document_text
from tests.factories import RoleFactory
from tests.helpers import post_json

ACCT = "111111111111"


@pytest.fixture
def alice(account, aws_policy):
    user = user_create(account=account, name="alice", tags={"team": "dev"})
    group = group_create(account=account, name="Readers")
    policy_attach_to_group(group=group, policy=aws_policy("ReadOnlyAccess"))
    group_add_user(group=group, user=user)
    inline_policy_put(entity=user, name="NoSecrets", policy_document=document_text(
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secret/*"}))
    return user


def test_authorization_request_carries_the_policy_set_context_and_operation_keys(alice):
    policy_set = policy_set_for(alice)
    operation = Requirement("iam:TagUser", alice.arn, context={"aws:RequestTag/x": "1"})
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
        alice.arn, policy_set_for(alice), Requirement("sts:AssumeRole", role.arn), {}
    )
    assert request.resource_policy == role.trust_policy
    assert evaluate(request).decision == "allowed"


def test_evaluate_operation_is_unchanged_by_the_shared_request_builder(alice):
    principal = user_principal(alice)
    for operation, expected in [
        (Requirement("s3:GetObject", "arn:aws:s3:::public/a"), "allowed"),
        (Requirement("s3:GetObject", "arn:aws:s3:::secret/a"), "explicitDeny"),
        (Requirement("iam:CreateUser", f"arn:aws:iam::{ACCT}:user/bob"), "implicitDeny"),
    ]:
        assert evaluate_requirement(principal, operation).decision == expected
    context = request_context(principal, policy_set_for(alice))
    assert context["aws:PrincipalTag/team"] == "dev"


# -- simulate-principal equals console authorization ----------------------------------------------
def _api_decision(client, source_arn: str, operation: Requirement, context: dict,
                  caller_arn: str | None = None) -> str:
    entries = [{"key": key, "values": list(value) if isinstance(value, list) else [value]}
               for key, value in {**context, **operation.context}.items()]
    body = {"policy_source_arn": source_arn, "action_names": [operation.action],
            "resource_arns": [operation.resource], "context_entries": entries}
    if caller_arn:
        body["caller_arn"] = caller_arn
    response = post_json(client, "/api/v1/simulate/principal", body)
    assert response.status_code == 200, response.content
    (result,) = response.json()["evaluation_results"]
    return result["decision"]


def _operations(account) -> list[Requirement]:
    user = f"arn:aws:iam::{ACCT}:user"
    return [
        Requirement("s3:GetObject", "arn:aws:s3:::public/report.csv"),
        Requirement("s3:GetObject", "arn:aws:s3:::secret/keys.txt"),
        Requirement("s3:PutObject", "arn:aws:s3:::public/report.csv"),
        Requirement("s3:ListAllMyBuckets", "*"),
        Requirement("iam:ListUsers", "*"),
        Requirement("iam:GetUser", f"{user}/alice"),
        Requirement("iam:CreateUser", f"{user}/bob"),
        Requirement("iam:DeleteUser", f"{user}/bob"),
        Requirement("iam:TagUser", f"{user}/bob", context={"aws:RequestTag/team": "dev"}),
        Requirement("iam:TagUser", f"{user}/bob", context={"aws:RequestTag/team": "ops"}),
        Requirement("iam:CreatePolicyVersion", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        Requirement("ec2:RunInstances", "arn:aws:ec2:us-east-1:111111111111:instance/*"),
        Requirement("ec2:DescribeInstances", "*"),
        Requirement("kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/1234"),
        Requirement("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Trusting"),
        Requirement("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Distrusting"),
        Requirement("iam:ListRoles", "*"),
        Requirement("s3:GetObject", "arn:aws:s3:::other-account-bucket/x"),
    ]


@pytest.fixture
def estate(account, alice, aws_policy):
    """Principals with every kind of policy the console loads, and roles to assume."""
    boundary = policy_create(account=account, name="NoDeletes", policy_document=document_text(
        {"Effect": "Allow", "NotAction": "iam:Delete*", "Resource": "*"}))
    permissions_boundary_put(entity=alice, policy=boundary)
    inline_policy_put(entity=alice, name="TagOwnTeam", policy_document=document_text({
        "Effect": "Allow", "Action": ["iam:TagUser", "iam:CreateUser"], "Resource": "*",
        "Condition": {"StringEquals": {"aws:RequestTag/team": "${aws:PrincipalTag/team}"}},
    }))
    inline_policy_put(entity=alice, name="MfaForIam", policy_document=document_text({
        "Effect": "Allow", "Action": "iam:*", "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
    }))
    admin = user_create(account=account, name="admin")
    policy_attach_to_user(user=admin, policy=aws_policy("AdministratorAccess"))
    inline_policy_put(entity=admin, name="NoKms", policy_document=document_text(
        {"Effect": "Deny", "Action": "kms:*", "Resource": "*"}))
    RoleFactory(account=account, name="Trusting", trust={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": [alice.arn, admin.arn]},
                       "Action": "sts:AssumeRole"}],
    })
    RoleFactory(account=account, name="Distrusting")
    auditor = RoleFactory(account=account, name="Auditor")
    policy_attach_to_role(role=auditor, policy=aws_policy("SecurityAudit"))
    policy_attach_to_role(role=auditor, policy=aws_policy("AmazonS3ReadOnlyAccess"))
    alice.refresh_from_db()

    now = datetime.now(UTC)
    return [
        ("alice", alice, user_principal(alice, source_ip="203.0.113.9"), None),
        ("alice with MFA", alice, user_principal(alice, mfa_authenticated_at=now), None),
        ("admin", admin, user_principal(admin), None),
        ("auditor session", auditor, role_session_principal(
            auditor, session_name="audit", expires_at=now + timedelta(hours=1)), "session"),
    ]


def test_simulate_principal_decides_exactly_as_console_authorization(root_client, account,
                                                                    estate):
    """For each principal and operation, the simulator (through the API, with the request
    context the console builds) answers what policies.authorization.check() decides."""
    compared = {"allowed": 0, "implicitDeny": 0, "explicitDeny": 0}
    for label, entity, principal, caller in estate:
        context = request_context(principal, policy_set_for(entity))
        for operation in _operations(account):
            expected = check(principal, operation).decision
            simulated = _api_decision(root_client, entity.arn, operation, context,
                                      caller_arn=principal.arn if caller else None)
            assert simulated == expected, (label, operation)
            compared[expected] += 1
    # The table is not trivially one-sided: every decision occurs.
    assert all(count >= 3 for count in compared.values()), compared
