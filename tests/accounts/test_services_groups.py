"""Group services: names, renames, memberships (10 per user), delete conflicts."""

import re

import pytest

from accounts.models import GroupMembership, IamGroup
from accounts.operations.groups import DeleteGroup
from accounts.services import (
    group_add_user,
    group_create,
    group_delete,
    group_remove_user,
    group_update,
    user_create,
)
from iamconsole.exceptions import (
    DeleteConflict,
    EntityAlreadyExists,
    InvalidInput,
    LimitExceeded,
    NoSuchEntity,
)
from iamconsole.operations import root_caller
from policies.services import inline_policy_put, policy_attach_to_group
from tests.documents import ALLOW_ALL
from tests.factories import IamUserFactory

pytestmark = pytest.mark.django_db


def test_create_group_gets_an_agpa_id_and_arn(account):
    group = group_create(account=account, name="Admins", path="/it/")
    assert re.fullmatch(r"AGPA[A-Z0-9]{17}", group.unique_id)
    assert group.arn == "arn:aws:iam::111111111111:group/it/Admins"


def test_group_names_are_unique_ignoring_case_and_up_to_128(account):
    group_create(account=account, name="Admins")
    with pytest.raises(EntityAlreadyExists):
        group_create(account=account, name="admins")
    assert group_create(account=account, name="g" * 128)
    with pytest.raises(InvalidInput):
        group_create(account=account, name="g" * 129)


def test_rename_keeps_the_id(account):
    group = group_create(account=account, name="devs")
    renamed = group_update(group=group, new_name="developers", new_path="/eng/")
    assert renamed.unique_id == group.unique_id
    assert renamed.arn == "arn:aws:iam::111111111111:group/eng/developers"
    group_create(account=account, name="ops")
    with pytest.raises(EntityAlreadyExists):
        group_update(group=renamed, new_name="OPS")


def test_adding_a_member_twice_is_harmless(account):
    group = group_create(account=account, name="devs")
    user = user_create(account=account, name="alice")
    first = group_add_user(group=group, user=user)
    assert group_add_user(group=group, user=user).pk == first.pk
    assert GroupMembership.objects.filter(user=user).count() == 1


def test_a_user_is_in_at_most_ten_groups(account):
    user = user_create(account=account, name="alice")
    for n in range(10):
        group_add_user(group=group_create(account=account, name=f"g{n}"), user=user)
    with pytest.raises(LimitExceeded) as exc:
        group_add_user(group=group_create(account=account, name="g10"), user=user)
    assert "GroupsPerUser: 10" in exc.value.message


def test_groups_per_user_is_a_setting(account, settings):
    settings.IAM_MAX_GROUPS_PER_USER = 1
    user = user_create(account=account, name="alice")
    group_add_user(group=group_create(account=account, name="a"), user=user)
    with pytest.raises(LimitExceeded):
        group_add_user(group=group_create(account=account, name="b"), user=user)


def test_users_join_groups_of_their_own_account_only(account, other_account):
    group = group_create(account=account, name="devs")
    with pytest.raises(InvalidInput):
        group_add_user(group=group, user=IamUserFactory(account=other_account))


def test_remove_user(account):
    group = group_create(account=account, name="devs")
    user = user_create(account=account, name="alice")
    group_add_user(group=group, user=user)
    group_remove_user(group=group, user=user)
    with pytest.raises(NoSuchEntity):
        group_remove_user(group=group, user=user)


def test_delete_conflict_lists_members_and_policies(account, aws_policy):
    group = group_create(account=account, name="devs")
    group_add_user(group=group, user=user_create(account=account, name="alice"))
    inline_policy_put(entity=group, name="inline", policy_document=ALLOW_ALL)
    policy_attach_to_group(policy=aws_policy("ReadOnlyAccess"), group=group)
    with pytest.raises(DeleteConflict) as exc:
        group_delete(group=group)
    assert exc.value.details == [
        {"type": "member", "name": "alice"},
        {"type": "inline policy", "name": "inline"},
        {"type": "attached policy", "name": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
    ]
    root_caller(account).run(DeleteGroup, group_name=group.name, with_dependents=True)
    assert not IamGroup.objects.exists() and not GroupMembership.objects.exists()


def test_delete_an_empty_group(account):
    group_delete(group=group_create(account=account, name="empty"))
    assert not IamGroup.objects.exists()
