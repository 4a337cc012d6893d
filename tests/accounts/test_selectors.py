"""Identity reads: lists with counts in one query whatever the row count, lookups by name/ARN."""

import pytest

from accounts.selectors import (
    access_key_get,
    access_key_list,
    account_get,
    account_summary,
    entity_get_by_arn,
    group_get,
    group_list,
    group_members,
    instance_profile_get,
    instance_profile_list,
    mfa_device_get,
    mfa_device_list,
    role_get,
    role_list,
    root_mfa_device,
    user_get,
    user_groups,
    user_list,
)
from iamconsole.exceptions import NoSuchEntity
from tests.factories import (
    AccessKeyFactory,
    GroupMembershipFactory,
    IamGroupFactory,
    IamUserFactory,
    InlinePolicyFactory,
    InstanceProfileFactory,
    LoginProfileFactory,
    MfaDeviceFactory,
    PolicyAttachmentFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


def _populate(account, n):
    for _ in range(n):
        user = IamUserFactory(account=account)
        AccessKeyFactory(user=user)
        LoginProfileFactory(user=user)
        membership = GroupMembershipFactory(user=user)
        PolicyAttachmentFactory(user=user)
        InlinePolicyFactory(user=user)
        PolicyAttachmentFactory(user=None, group=membership.group)
        role = RoleFactory(account=account)
        PolicyAttachmentFactory(user=None, role=role)
        InstanceProfileFactory(account=account, role=role)


@pytest.mark.parametrize("rows", [5, 50])
def test_lists_take_one_query_whatever_the_row_count(account, rows, django_assert_num_queries):
    _populate(account, rows)
    for selector in (user_list, group_list, role_list, instance_profile_list):
        with django_assert_num_queries(1):
            items = list(selector(account=account))
            for item in items:
                str(item.account_id)
                getattr(item, "permissions_boundary", None)
                getattr(item, "role", None)
        assert len(items) == rows


def test_user_list_counts(account):
    _populate(account, 1)
    (user,) = user_list(account=account)
    assert (user.group_count, user.access_key_count, user.active_access_key_count) == (1, 1, 1)
    assert (user.attached_policy_count, user.inline_policy_count) == (1, 1)
    assert user.has_login_profile and user.mfa_device_count == 0
    (group,) = group_list(account=account)
    assert (group.member_count, group.attached_policy_count, group.inline_policy_count) == (1, 1, 0)
    (role,) = role_list(account=account)
    assert (role.attached_policy_count, role.instance_profile_count) == (1, 1)


def test_filters(account):
    IamUserFactory(account=account, name="alice", path="/eng/")
    IamUserFactory(account=account, name="bob", path="/ops/")
    assert [u.name for u in user_list(account=account, path_prefix="/eng/")] == ["alice"]
    assert [u.name for u in user_list(account=account, name_contains="OB")] == ["bob"]


def test_lookups_ignore_case_and_stay_in_the_account(account, other_account):
    user = IamUserFactory(account=account, name="Alice")
    IamUserFactory(account=other_account, name="Zed")
    assert user_get(account=account, name="alice") == user
    with pytest.raises(NoSuchEntity):
        user_get(account=account, name="zed")
    group = IamGroupFactory(account=account, name="Devs")
    assert group_get(account=account, name="devs") == group
    role = RoleFactory(account=account, name="Deploy")
    assert role_get(account=account, name="DEPLOY") == role
    profile = InstanceProfileFactory(account=account, name="Web", role=role)
    assert instance_profile_get(account=account, name="web") == profile
    assert list(instance_profile_list(account=account, role=role)) == [profile]
    for getter, name in ((group_get, "x"), (role_get, "x"), (instance_profile_get, "x")):
        with pytest.raises(NoSuchEntity):
            getter(account=account, name=name)


def test_memberships(account):
    membership = GroupMembershipFactory(user=IamUserFactory(account=account))
    assert list(user_groups(membership.user)) == [membership.group]
    assert list(group_members(membership.group)) == [membership.user]


def test_a_users_groups_carry_their_counts_for_the_groups_tab(account):
    """The user's Groups tab shows each group's members and policies, as the groups list does."""
    group = GroupMembershipFactory(user=IamUserFactory(account=account)).group
    GroupMembershipFactory(group=group, user=IamUserFactory(account=account))
    [listed] = user_groups(group.memberships.first().user)
    assert (listed.member_count, listed.attached_policy_count, listed.inline_policy_count) == (
        2, 0, 0)


def test_entity_by_arn(account):
    user, role = IamUserFactory(account=account), RoleFactory(account=account)
    group = IamGroupFactory(account=account)
    assert entity_get_by_arn(arn=user.arn) == user
    assert entity_get_by_arn(arn=role.arn) == role
    assert entity_get_by_arn(arn=group.arn) == group
    assert entity_get_by_arn(arn="arn:aws:iam::111111111111:root") is None
    assert entity_get_by_arn(arn="nonsense") is None


def test_account_by_id_or_alias(account):
    assert account_get(account_id_or_alias="111111111111") == account
    assert account_get(account_id_or_alias="ACME") == account
    with pytest.raises(NoSuchEntity):
        account_get(account_id_or_alias="nope")


def test_keys_devices_and_summary(account):
    user = IamUserFactory(account=account)
    key = AccessKeyFactory(user=user)
    root_key = AccessKeyFactory(user=None, account=account)
    assert list(access_key_list(user=user)) == [key]
    assert list(access_key_list(account=account)) == [root_key]
    assert access_key_get(access_key_id=key.access_key_id, account=account) == key
    with pytest.raises(NoSuchEntity):
        access_key_get(access_key_id="AKIANOPE")
    spare = MfaDeviceFactory(account=account)
    used = MfaDeviceFactory(account=account, enabled_for=user)
    assert list(mfa_device_list(account=account, assignment_status="Unassigned")) == [spare]
    assert list(mfa_device_list(account=account, assignment_status="Assigned")) == [used]
    assert list(mfa_device_list(account=account, user=user)) == [used]
    assert mfa_device_get(account=account, serial_number=used.serial_number) == used
    with pytest.raises(NoSuchEntity):
        mfa_device_get(account=account, serial_number="arn:aws:iam::1:mfa/x")
    assert root_mfa_device(account) is None
    summary = account_summary(account)
    assert summary["Users"] == 1 and summary["UsersQuota"] == 5000
    assert summary["AccountAccessKeysPresent"] == 1 and summary["AccountMFAEnabled"] == 0
    assert summary["AccountSigningCertificatesPresent"] == 0
    assert summary["MFADevices"] == 2 and summary["MFADevicesInUse"] == 1
