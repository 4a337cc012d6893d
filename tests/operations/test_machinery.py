"""The operations machinery: one transaction per run, all-or-nothing batches, lookups that
authorize before answering NoSuchEntity, the caller's policies pinned during a run."""

from __future__ import annotations

import pytest

from accounts.models import GroupMembership, IamUser
from accounts.operations.groups import CreateGroup
from accounts.operations.memberships import AddUserToGroup
from accounts.operations.users import CreateUser, DeleteUser, GetUser
from accounts.services import group_create, user_create
from accounts.signin import user_principal
from iamconsole.exceptions import AccessDenied, LimitExceeded, NoSuchEntity
from iamconsole.operations import OPERATIONS, Caller
from iamconsole.operations.registry import operation_named
from policies.operations.inline import DeleteUserPolicy
from policies.services import inline_policy_put

pytestmark = pytest.mark.django_db

ALLOW_ALL = {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def _caller(account, name="ops", document=ALLOW_ALL) -> tuple[Caller, IamUser]:
    user = user_create(account=account, name=name)
    inline_policy_put(entity=user, name="all", policy_document=document)
    return Caller(user_principal(user)), user


def test_operations_are_registered_under_their_aws_names():
    assert operation_named("CreateUser") is CreateUser
    assert OPERATIONS["iam:DeleteUserPolicy"] is DeleteUserPolicy
    assert DeleteUserPolicy.action == "iam:DeleteUserPolicy"


def test_a_batch_is_all_or_nothing(account, settings):
    settings.IAM_MAX_GROUPS_PER_USER = 1
    caller, _ = _caller(account)
    user_create(account=account, name="alice")
    for name in ("devs", "ops"):
        group_create(account=account, name=name)
    with pytest.raises(LimitExceeded):
        caller.run_all([AddUserToGroup(caller=caller, group_name=g, user_name="alice")
                        for g in ("devs", "ops")])
    assert not GroupMembership.objects.exists()


def test_a_refusal_in_a_batch_undoes_what_came_before(account):
    caller, _ = _caller(account, document={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"}]})
    with pytest.raises(AccessDenied, match="iam:CreateGroup"):
        caller.run_all([CreateUser(caller=caller, user_name="carol"),
                        CreateGroup(caller=caller, group_name="devs")])
    assert not IamUser.objects.filter(name="carol").exists()


def test_a_missing_entity_is_refused_before_it_is_reported_missing(account):
    nobody, _ = _caller(account, name="nobody", document={"Version": "2012-10-17",
                                                           "Statement": [{"Effect": "Allow",
                                                                          "Action": "s3:*",
                                                                          "Resource": "*"}]})
    with pytest.raises(AccessDenied, match="user/ghost"):
        nobody.run(GetUser, user_name="ghost")
    caller, _ = _caller(account)
    with pytest.raises(NoSuchEntity):
        caller.run(GetUser, user_name="ghost")


def test_a_run_decides_with_the_callers_policies_as_they_were_when_it_began(account):
    """Deleting the caller's own inline policy mid-run does not refuse the rest of it."""
    caller, _ = _caller(account)
    with caller.running():
        caller.run(DeleteUserPolicy, user_name="ops", policy_name="all")
        caller.run(CreateGroup, group_name="devs")
    with pytest.raises(AccessDenied):
        caller.run(CreateGroup, group_name="later")


def test_preflight_authorizes_without_performing(account):
    caller, _ = _caller(account)
    user_create(account=account, name="alice")
    assert DeleteUser(caller=caller, user_name="alice").preflight().entity.name == "alice"
    assert IamUser.objects.filter(name="alice").exists()
    assert caller.permits(CreateUser, "arn:aws:iam::111111111111:user/x").allowed
