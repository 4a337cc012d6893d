"""The authorization seam: the principal's real policies, evaluated by the engine."""

import pickle
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache

from accounts.models import IamUser
from accounts.services import (
    group_add_user,
    group_create,
    tag_resource,
    user_create,
)
from accounts.signin import role_session_principal, root_principal, user_principal
from iamconsole.exceptions import AccessDenied
from iamconsole.principal import Principal
from policies.authorization import (
    Requirement,
    authorize,
    check,
    pin_policies,
    policy_set_for,
    request_context,
)
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
from tests.helpers import sign_in

ACCT = "111111111111"


def arn(kind: str, name: str, account: str = ACCT) -> str:
    return f"arn:aws:iam::{account}:{kind}/{name}"




def as_user(user, **kwargs) -> Principal:
    return user_principal(user, **kwargs)


def test_root_may_do_anything_in_its_own_account(account):
    root = root_principal(account)
    assert check(root, Requirement("iam:CreateUser", arn("user", "bob"))).allowed
    assert check(root, Requirement("iam:ListUsers", "*")).allowed
    # AWS-managed policies carry "aws" in the account field; they are no other account's.
    aws_managed = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    assert check(root, Requirement("iam:GetPolicy", aws_managed)).allowed


def test_root_gets_nothing_in_another_account(account):
    root = root_principal(account)
    operation = Requirement("iam:CreateUser", "arn:aws:iam::222222222222:user/bob")
    decision = check(root, operation)
    assert not decision.allowed and decision.decision == "implicitDeny"
    with pytest.raises(AccessDenied) as caught:
        authorize(root, operation)
    assert caught.value.message.startswith(
        "User: arn:aws:iam::111111111111:root is not authorized to perform: iam:CreateUser on "
        "resource: arn:aws:iam::222222222222:user/bob because no "
    )


def test_nobody_signed_in_is_denied():
    assert not check(None, Requirement("iam:ListUsers")).allowed


def test_a_user_without_policies_is_denied_with_aws_sentence(alice):
    decision = check(as_user(alice), Requirement("iam:CreateUser", arn("user", "bob")))
    assert decision.decision == "implicitDeny"
    assert decision.message == (
        "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: iam:CreateUser "
        "on resource: arn:aws:iam::111111111111:user/bob because no identity-based policy allows "
        "the iam:CreateUser action"
    )


def test_iam_read_only_access_lists_users_but_cannot_create_them(alice, aws_policy):
    policy_attach_to_user(user=alice, policy=aws_policy("IAMReadOnlyAccess"))
    principal = as_user(alice)
    assert check(principal, Requirement("iam:ListUsers", "*")).allowed
    assert check(principal, Requirement("iam:GetUser", arn("user", "alice"))).allowed
    denied = check(principal, Requirement("iam:CreateUser", arn("user", "bob")))
    assert not denied.allowed
    assert denied.message.endswith("because no identity-based policy allows the "
                                   "iam:CreateUser action")


def test_group_policies_apply_to_members(account, alice, aws_policy):
    group = group_create(account=account, name="Admins")
    policy_attach_to_group(group=group, policy=aws_policy("AdministratorAccess"))
    assert not check(as_user(alice), Requirement("iam:CreateUser", arn("user", "bob"))).allowed
    group_add_user(group=group, user=alice)
    # Adding the membership invalidated alice's cached policy set.
    assert check(as_user(alice), Requirement("iam:CreateUser", arn("user", "bob"))).allowed


def test_an_explicit_deny_beats_administrator_access(alice, aws_policy):
    policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
    assert check(as_user(alice), Requirement("iam:DeleteUser", arn("user", "bob"))).allowed
    inline_policy_put(entity=alice, name="NoDeletes", policy_document=document_text(
        {"Effect": "Deny", "Action": "iam:DeleteUser", "Resource": "*"}))
    decision = check(as_user(alice), Requirement("iam:DeleteUser", arn("user", "bob")))
    assert decision.decision == "explicitDeny"
    assert decision.message.endswith("with an explicit deny in an identity-based policy")


def test_a_boundary_without_delete_user_blocks_even_an_administrator(account, alice, aws_policy):
    policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
    boundary = policy_create(account=account, name="NoDeleteUser", policy_document=document_text(
        {"Effect": "Allow", "NotAction": "iam:DeleteUser", "Resource": "*"}))
    permissions_boundary_put(entity=alice, policy=boundary)
    principal = as_user(alice)
    assert check(principal, Requirement("iam:CreateUser", arn("user", "bob"))).allowed
    decision = check(principal, Requirement("iam:DeleteUser", arn("user", "bob")))
    assert decision.decision == "implicitDeny"
    assert decision.message.endswith("because no permissions boundary allows the "
                                     "iam:DeleteUser action")


def test_mfa_conditions_see_whether_the_session_used_mfa(alice):
    inline_policy_put(entity=alice, name="IamWithMfa", policy_document=document_text({
        "Effect": "Allow", "Action": "iam:*", "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
    }))
    operation = Requirement("iam:CreateUser", arn("user", "bob"))
    assert not check(as_user(alice), operation).allowed
    signed_with_mfa = as_user(alice, mfa_authenticated_at=datetime.now(UTC))
    assert check(signed_with_mfa, operation).allowed


def test_principal_tags_and_request_context_reach_conditions(account):
    user = user_create(account=account, name="dev1", tags={"team": "dev"})
    inline_policy_put(entity=user, name="TeamOnly", policy_document=document_text({
        "Effect": "Allow", "Action": "iam:TagUser", "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "dev",
                                       "aws:RequestTag/team": "${aws:PrincipalTag/team}"}},
    }))
    principal = as_user(user)
    ok = Requirement("iam:TagUser", arn("user", "x"), context={"aws:RequestTag/team": "dev"})
    bad = Requirement("iam:TagUser", arn("user", "x"), context={"aws:RequestTag/team": "ops"})
    assert check(principal, ok).allowed
    assert not check(principal, bad).allowed


def test_request_context_has_the_global_keys(alice):
    principal = as_user(alice, source_ip="203.0.113.9")
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    context = request_context(principal, policy_set_for(alice), now=now)
    assert context["aws:CurrentTime"] == "2026-01-02T03:04:05Z"
    assert context["aws:EpochTime"] == str(int(now.timestamp()))
    assert context["aws:username"] == "alice"
    assert context["aws:userid"] == alice.unique_id
    assert context["aws:PrincipalType"] == "User"
    assert context["aws:PrincipalArn"] == alice.arn
    assert context["aws:SourceIp"] == "203.0.113.9"
    assert context["aws:MultiFactorAuthPresent"] == "false"
    assert "aws:MultiFactorAuthAge" not in context


def test_a_role_session_has_exactly_the_roles_permissions(account, aws_policy):
    role = RoleFactory(account=account, name="Auditor")
    policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
    session = role_session_principal(
        role, session_name="alice", expires_at=datetime.now(UTC) + timedelta(hours=1)
    )
    assert session.arn == f"arn:aws:sts::{ACCT}:assumed-role/Auditor/alice"
    assert check(session, Requirement("iam:ListRoles", "*")).allowed
    assert not check(session, Requirement("iam:CreateUser", arn("user", "bob"))).allowed
    context = request_context(session, policy_set_for(role))
    assert context["aws:PrincipalArn"] == role.arn
    assert context["aws:PrincipalType"] == "AssumedRole"


def test_an_expired_role_session_is_denied(account, aws_policy):
    role = RoleFactory(account=account, name="Admin")
    policy_attach_to_role(role=role, policy=aws_policy("AdministratorAccess"))
    session = role_session_principal(
        role, session_name="s", expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    assert not check(session, Requirement("iam:ListRoles", "*")).allowed


def test_assume_role_uses_the_trust_policy_as_resource_policy(account, alice, aws_policy):
    trusted = RoleFactory(account=account, name="Trusted", trust={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": alice.arn},
                       "Action": "sts:AssumeRole"}],
    })
    untrusted = RoleFactory(account=account, name="Untrusted")
    principal = as_user(alice)
    # Naming the user in the trust policy is enough; no identity policy needed.
    assert check(principal, Requirement("sts:AssumeRole", trusted.arn)).allowed
    policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
    # An administrator still cannot assume a role whose trust policy does not name it.
    assert not check(as_user(alice), Requirement("sts:AssumeRole", untrusted.arn)).allowed


def test_decisions_are_cached_until_the_principals_policies_change(
    alice, aws_policy, django_assert_num_queries
):
    policy_attach_to_user(user=alice, policy=aws_policy("IAMReadOnlyAccess"))
    principal = as_user(alice)
    operation = Requirement("iam:ListUsers", "*")
    assert check(principal, operation).allowed
    # A request reads its account's generation once (the caller pins it); after that its
    # decisions come from the cache without a query.
    pinned = pin_policies(principal)
    with django_assert_num_queries(0):
        assert check(principal, operation, pinned=pinned).allowed
        assert check(principal, Requirement("iam:GetUser", arn("user", "x")),
                     pinned=pinned).allowed
    inline_policy_put(entity=alice, name="Deny", policy_document=document_text(
        {"Effect": "Deny", "Action": "iam:ListUsers", "Resource": "*"}))
    assert check(principal, operation).decision == "explicitDeny"


@pytest.mark.parametrize("count", [1, 10])
def test_loading_a_policy_set_costs_the_same_whatever_the_policy_count(
    account, alice, count, django_assert_max_num_queries
):
    group = group_create(account=account, name="Many")
    group_add_user(group=group, user=alice)
    for n in range(count):
        policy = policy_create(account=account, name=f"P{n}", policy_document=document_text(
            {"Effect": "Allow", "Action": f"s3:Get{n}*", "Resource": "*"}))
        policy_attach_to_group(group=group, policy=policy)
        inline_policy_put(entity=alice, name=f"I{n}", policy_document=document_text(
            {"Effect": "Allow", "Action": f"ec2:Describe{n}*", "Resource": "*"}))

    cache.clear()
    with django_assert_max_num_queries(6):  # the account's generation, then the policy set
        assert check(as_user(alice), Requirement("s3:Get0Object", "arn:aws:s3:::b/k")).allowed


# -- the resource's tags ------------------------------------------------------------------------
PROTECTED_GUARDRAIL = document_text(
    {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
    {"Effect": "Deny", "Action": ["iam:DeleteUser", "iam:TagUser", "iam:AttachUserPolicy",
                                  "iam:DeleteRole", "iam:DeletePolicy"],
     "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/protected": "true"}}},
)


def test_a_deny_on_the_resources_tags_protects_what_is_tagged(account, alice):
    inline_policy_put(entity=alice, name="Guardrail", policy_document=PROTECTED_GUARDRAIL)
    keep = user_create(account=account, name="keep", tags={"protected": "true"})
    other = user_create(account=account, name="other")
    role = RoleFactory(account=account, name="vault", tags={"protected": "true"})
    policy = policy_create(account=account, name="Shared", policy_document=document_text(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}))
    principal = as_user(alice)
    for action, resource in (("iam:DeleteUser", keep.arn), ("iam:TagUser", keep.arn),
                             ("iam:DeleteRole", role.arn)):
        decision = check(principal, Requirement(action, resource))
        assert decision.decision == "explicitDeny", action
    assert check(principal, Requirement("iam:DeleteUser", other.arn)).allowed
    assert check(principal, Requirement("iam:DeletePolicy", policy.arn)).allowed
    # The decision follows the tags as they are now, not as they were first seen.
    tag_resource(resource=policy, tags={"protected": "true"})
    assert check(principal, Requirement("iam:DeletePolicy", policy.arn)).decision == "explicitDeny"


def test_attribute_based_access_matches_the_resources_tag_to_the_callers(account):
    dev = user_create(account=account, name="dev1", tags={"team": "dev"})
    inline_policy_put(entity=dev, name="MyTeam", policy_document=document_text({
        "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
        "Condition": {"StringEquals": {"iam:ResourceTag/team": "${aws:PrincipalTag/team}"}},
    }))
    mate = user_create(account=account, name="mate", tags={"team": "dev"})
    stranger = user_create(account=account, name="stranger", tags={"team": "ops"})
    principal = as_user(dev)
    assert check(principal, Requirement("iam:GetUser", mate.arn)).allowed
    assert check(principal, Requirement("iam:GetUser", stranger.arn)).decision == "implicitDeny"


def test_the_resource_is_read_only_for_policies_that_test_its_tags(
    account, alice, aws_policy, django_assert_num_queries
):
    policy_attach_to_user(user=alice, policy=aws_policy("IAMReadOnlyAccess"))
    other = user_create(account=account, name="other", tags={"team": "dev"})
    principal = as_user(alice)
    pinned = pin_policies(principal)  # loads the policy set
    assert check(principal, Requirement("iam:ListUsers", "*"), pinned=pinned).allowed
    with django_assert_num_queries(0):
        assert check(principal, Requirement("iam:GetUser", other.arn), pinned=pinned).allowed


def test_deleting_a_protected_user_in_the_console_is_refused(client, account, alice):
    inline_policy_put(entity=alice, name="Guardrail", policy_document=PROTECTED_GUARDRAIL)
    user_create(account=account, name="keep", tags={"protected": "true"})
    sign_in(client, alice)
    response = client.post("/users/details/keep/delete/", {"confirm": "keep"})
    assert response.status_code == 403
    assert "with an explicit deny in an identity-based policy" in response.content.decode()
    assert IamUser.objects.filter(name="keep").exists()


# -- the caller's prepared policy set -----------------------------------------------------------
def test_a_pinned_policy_set_is_prepared_once_and_reloaded_after_a_change(account, alice):
    inline_policy_put(entity=alice, name="Read", policy_document=document_text(
        {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}))
    principal = as_user(alice)
    pinned = pin_policies(principal)
    prepared = pinned.policy_set.engine(principal.arn)
    # The same generation: this process's policy set and its prepared engine set again.
    assert pin_policies(principal).policy_set.engine(principal.arn) is prepared
    assert check(principal, Requirement("s3:GetObject", "arn:aws:s3:::b/k")).allowed
    inline_policy_put(entity=alice, name="Read", policy_document=document_text(
        {"Effect": "Deny", "Action": "s3:Get*", "Resource": "*"}))
    again = pin_policies(principal)
    assert again.version != pinned.version
    assert again.policy_set.engine(principal.arn) is not prepared
    assert not check(principal, Requirement("s3:GetObject", "arn:aws:s3:::b/k")).allowed


def test_the_shared_cache_holds_the_policy_set_without_its_prepared_engine_set(account, alice):
    principal = as_user(alice)
    policy_set = pin_policies(principal).policy_set
    policy_set.engine(principal.arn)
    copy = pickle.loads(pickle.dumps(policy_set))
    assert copy == policy_set and "_engine" not in copy.__dict__
    assert copy.engine(principal.arn).evaluate("iam:GetUser", alice.arn).decision == "implicitDeny"
