"""The invalidation hook: services that change a principal's policies replace its account's
generation token, in their own transaction."""

import pytest
from django.db import transaction

from accounts.operations.users import CreateUser, DeleteUser
from accounts.services import group_add_user, group_create, tag_resource, user_create
from accounts.signin import user_principal
from iamconsole.cache import (
    invalidate_all_principal_policies,
    invalidate_principal_policies,
    principal_policies_version,
)
from iamconsole.operations import Caller
from policies.operations.inline import PutUserPolicy
from policies.services import inline_policy_put, policy_attach_to_user
from tests.documents import ALLOW_ALL, deny, document

pytestmark = pytest.mark.django_db


def test_version_is_stable_until_invalidated(account, other_account):
    before = principal_policies_version(account.pk)
    assert principal_policies_version(account.pk) == before
    invalidate_principal_policies(account.pk)
    assert principal_policies_version(account.pk) != before
    other = principal_policies_version(other_account.pk)
    invalidate_principal_policies(account.pk)
    assert principal_policies_version(other_account.pk) == other
    invalidate_all_principal_policies()
    assert principal_policies_version(other_account.pk) != other


@pytest.mark.parametrize(
    "change",
    [
        lambda user, aws: policy_attach_to_user(policy=aws("ReadOnlyAccess"), user=user),
        lambda user, aws: inline_policy_put(entity=user, name="x", policy_document=ALLOW_ALL),
        lambda user, aws: group_add_user(
            group=group_create(account=user.account, name="g"), user=user
        ),
        lambda user, aws: tag_resource(resource=user, tags={"team": "x"}),
    ],
    ids=["attach", "inline", "group", "tag"],
)
def test_services_invalidate(account, aws_policy, change,
                             django_capture_on_commit_callbacks):
    user = user_create(account=account, name="alice")
    before = principal_policies_version(account.pk)
    with django_capture_on_commit_callbacks(execute=True):
        change(user, aws_policy)
    assert principal_policies_version(account.pk) != before


def test_a_change_that_rolls_back_leaves_the_generation_as_it_was(account):
    """The token changes in the change's own transaction: no commit, no new token."""
    before = principal_policies_version(account.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        invalidate_principal_policies(account.pk)
        assert principal_policies_version(account.pk) != before
        raise RuntimeError("the change fails")
    assert principal_policies_version(account.pk) == before


def test_a_request_reads_its_policies_once_until_it_changes_them(
    account, django_assert_num_queries
):
    """One caller (one request): its reads share one pinned policy set, a change it makes
    is seen by what it decides afterwards."""
    alice = user_create(account=account, name="alice")
    inline_policy_put(entity=alice, name="all", policy_document=ALLOW_ALL)
    caller = Caller(user_principal(alice))
    target = f"arn:aws:iam::{account.account_id}:user/x"
    assert caller.permits(DeleteUser, target).allowed  # reads the generation and policies
    with django_assert_num_queries(0):
        assert caller.permits(DeleteUser, target).allowed
        assert caller.permits(CreateUser, target).allowed
    caller.run(PutUserPolicy, user_name="alice", policy_name="no-delete",
               policy_document=document(deny("iam:DeleteUser")))
    assert not caller.permits(DeleteUser, target).allowed
    assert caller.permits(CreateUser, target).allowed
