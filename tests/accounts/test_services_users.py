"""User services: create, rename/move, delete conflicts and delete with dependents."""

import re

import pytest

from accounts.models import AccessKey, GroupMembership, IamUser, LoginProfile, MfaDevice
from accounts.operations.users import DeleteUser
from accounts.services import (
    access_key_create,
    group_add_user,
    group_create,
    login_profile_create,
    user_create,
    user_delete,
    user_update,
)
from iamconsole.exceptions import DeleteConflict, EntityAlreadyExists, InvalidInput, LimitExceeded
from iamconsole.operations import root_caller
from policies.models import InlinePolicy, PolicyAttachment
from policies.services import inline_policy_put, policy_attach_to_user
from tests.documents import ALLOW_ALL
from tests.factories import ManagedPolicyFactory, MfaDeviceFactory

pytestmark = pytest.mark.django_db


def test_create_user_gets_an_aida_id_and_an_aws_arn(account):
    user = user_create(account=account, name="alice", path="/eng/team/", tags={"team": "x"})
    assert re.fullmatch(r"AIDA[A-Z0-9]{17}", user.unique_id)
    assert user.arn == "arn:aws:iam::111111111111:user/eng/team/alice"
    assert user.tags == {"team": "x"}


def test_user_names_are_unique_ignoring_case(account, other_account):
    user_create(account=account, name="Alice")
    with pytest.raises(EntityAlreadyExists) as exc:
        user_create(account=account, name="ALICE")
    assert exc.value.field == "name" and "already exists" in exc.value.message
    assert user_create(account=other_account, name="alice").name == "alice"


@pytest.mark.parametrize(
    "name",
    ["", "a" * 65, "bad name", "bad/name", "naïve", "tab\t"],
)
def test_user_names_follow_aws_pattern_and_length(account, name):
    with pytest.raises(InvalidInput) as exc:
        user_create(account=account, name=name)
    assert exc.value.field == "name"


def test_user_name_accepts_every_allowed_character(account):
    assert user_create(account=account, name="a_+=,.@-Z9" + "x" * 54).name.startswith("a_+")


@pytest.mark.parametrize("path", ["", "no-slash", "/missing-end", "/a b/", "/" + "a" * 511 + "/"])
def test_paths_follow_aws_rules(account, path):
    with pytest.raises(InvalidInput) as exc:
        user_create(account=account, name="bob", path=path)
    assert exc.value.field == "path"


def test_rename_and_move_keep_the_id_and_change_the_arn(account):
    user = user_create(account=account, name="alice")
    renamed = user_update(user=user, new_name="alicia", new_path="/ops/")
    assert renamed.unique_id == user.unique_id
    assert renamed.arn == "arn:aws:iam::111111111111:user/ops/alicia"
    assert IamUser.objects.get(pk=user.pk).arn == renamed.arn


def test_rename_refuses_a_name_taken_in_another_case_but_allows_a_case_change(account):
    user_create(account=account, name="bob")
    alice = user_create(account=account, name="alice")
    with pytest.raises(EntityAlreadyExists):
        user_update(user=alice, new_name="BOB")
    assert user_update(user=alice, new_name="Alice").name == "Alice"


def test_user_quota_is_a_setting(account, settings):
    settings.IAM_QUOTA_USERS = 1
    user_create(account=account, name="one")
    with pytest.raises(LimitExceeded) as exc:
        user_create(account=account, name="two")
    assert "UsersPerAccount: 1" in exc.value.message


def _user_with_everything(account, aws_policy):
    user = user_create(account=account, name="alice")
    login_profile_create(user=user, password="Sup3r-Secret-Pass!")
    access_key_create(user=user)
    MfaDeviceFactory(account=account, enabled_for=user, name="alice-phone")
    inline_policy_put(entity=user, name="inline", policy_document=ALLOW_ALL)
    policy_attach_to_user(policy=aws_policy("ReadOnlyAccess"), user=user)
    group_add_user(group=group_create(account=account, name="devs"), user=user)
    return user


def test_delete_refuses_and_lists_every_blocker(account, aws_policy):
    user = _user_with_everything(account, aws_policy)
    with pytest.raises(DeleteConflict) as exc:
        user_delete(user=user)
    types = [blocker["type"] for blocker in exc.value.details]
    assert types == [
        "login profile", "access key", "MFA device", "inline policy", "attached policy",
        "group membership",
    ]
    assert {"type": "group membership", "name": "devs"} in exc.value.details
    assert {"type": "attached policy",
            "name": "arn:aws:iam::aws:policy/ReadOnlyAccess"} in exc.value.details
    assert "1 access key" in exc.value.message
    assert exc.value.status == 409
    assert IamUser.objects.filter(pk=user.pk).exists()


def test_delete_with_dependents_removes_everything_in_one_go(account, aws_policy):
    user = _user_with_everything(account, aws_policy)
    root_caller(account).run(DeleteUser, user_name=user.name, with_dependents=True)
    assert not IamUser.objects.filter(pk=user.pk).exists()
    for model in (AccessKey, LoginProfile, MfaDevice, InlinePolicy, PolicyAttachment,
                  GroupMembership):
        assert not model.objects.exists(), model


def test_delete_a_user_without_dependents(account):
    user = user_create(account=account, name="temp")
    user_delete(user=user)
    assert not IamUser.objects.filter(pk=user.pk).exists()


def test_boundary_must_be_a_policy_of_the_account_or_aws(account, other_account, aws_policy):
    foreign = ManagedPolicyFactory(account=other_account)
    with pytest.raises(InvalidInput):
        user_create(account=account, name="x", permissions_boundary=foreign)
    user = user_create(account=account, name="y", permissions_boundary=aws_policy("ReadOnlyAccess"))
    assert user.permissions_boundary.name == "ReadOnlyAccess"
