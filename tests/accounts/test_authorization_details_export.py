"""Export of an account in GetAccountAuthorizationDetails' format, with the x-console block."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import unquote

import pytest

from accounts.authorization_details import export_authorization_details
from accounts.services import (
    access_key_create,
    group_add_user,
    group_create,
    instance_profile_create,
    login_profile_create,
    password_policy_update,
    role_create,
    user_create,
)
from iamconsole.exceptions import InvalidInput
from policies.selectors import aws_managed_policy
from policies.services import (
    inline_policy_put,
    permissions_boundary_put,
    policy_attach,
    policy_create,
    policy_version_create,
)
from tests.documents import EC2_TRUST
from tests.factories import IamUserFactory, MfaDeviceFactory

S3_READ = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}
]}
CREATED = datetime(2021, 3, 2, 21, 6, 13, 123456, tzinfo=UTC)


def populate(account):
    """Give `account` one of everything the export shows; returns the main entities."""
    policy = policy_create(
        account=account, name="S3Read", path="/data/", policy_document=S3_READ,
        description="Read the data bucket", tags={"team": "data"}, created_at=CREATED,
    )
    policy_version_create(policy=policy, policy_document='{"Version": "2012-10-17", '
                          '"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}')
    group = group_create(account=account, name="Developers", created_at=CREATED)
    policy_attach(policy=aws_managed_policy("ReadOnlyAccess"), entity=group)
    inline_policy_put(entity=group, name="GroupInline", policy_document=S3_READ)
    user = user_create(account=account, name="alice", path="/eng/", tags={"cost": "42"},
                       unique_id="AIDAEXAMPLEALICE00001", created_at=CREATED)
    group_add_user(group=group, user=user)
    policy_attach(policy=policy, entity=user)
    permissions_boundary_put(entity=user, policy=aws_managed_policy("PowerUserAccess"))
    inline_policy_put(entity=user, name="Own", policy_document=S3_READ)
    login_profile_create(user=user, password="Correct-Horse-Battery-9",
                         password_reset_required=True)
    access_key_create(user=user)
    MfaDeviceFactory(account=account, name="alice", enabled_for=user)
    user_create(account=account, name="bob")
    role = role_create(account=account, name="WebServer", trust_policy=EC2_TRUST,
                       description="EC2 web tier", max_session_duration=7200, tags={"a": "b"})
    policy_attach(policy=aws_managed_policy("AmazonSSMManagedInstanceCore"), entity=role)
    inline_policy_put(entity=role, name="RoleInline", policy_document=S3_READ)
    instance_profile_create(account=account, name="WebServer", role=role)
    instance_profile_create(account=account, name="Spare", tags={"env": "dev"})
    password_policy_update(account=account, minimum_password_length=14, require_symbols=True)
    return {"policy": policy, "group": group, "user": user, "role": role}


@pytest.fixture
def populated(account):
    """An account with one of everything the export shows."""
    return populate(account)


def _one(items, key, value):
    return next(item for item in items if item[key] == value)


def test_user_detail_matches_aws_shape(populated):
    """A user lists inline documents URL-encoded, group names, attachments, boundary, tags."""
    result = export_authorization_details(populated["user"].account)
    alice = _one(result["UserDetailList"], "UserName", "alice")
    assert alice["Path"] == "/eng/"
    assert alice["UserId"] == "AIDAEXAMPLEALICE00001"
    assert alice["Arn"] == "arn:aws:iam::111111111111:user/eng/alice"
    assert alice["CreateDate"] == "2021-03-02T21:06:13+00:00"
    assert alice["GroupList"] == ["Developers"]
    assert alice["AttachedManagedPolicies"] == [
        {"PolicyName": "S3Read", "PolicyArn": "arn:aws:iam::111111111111:policy/data/S3Read"}
    ]
    assert alice["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
        "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/PowerUserAccess",
    }
    assert alice["Tags"] == [{"Key": "cost", "Value": "42"}]
    [inline] = alice["UserPolicyList"]
    assert inline["PolicyName"] == "Own"
    assert inline["PolicyDocument"].startswith("%7B%0A")  # "{\n", URL-encoded
    assert json.loads(unquote(inline["PolicyDocument"])) == S3_READ


def test_policies_hold_customer_and_used_aws_managed_policies(populated):
    """Policies: the account's own with every version, plus the AWS-managed ones it uses."""
    result = export_authorization_details(populated["user"].account)
    arns = {p["Arn"] for p in result["Policies"]}
    assert arns == {
        "arn:aws:iam::111111111111:policy/data/S3Read",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    }
    s3 = _one(result["Policies"], "PolicyName", "S3Read")
    assert s3["DefaultVersionId"] == "v1"
    assert s3["AttachmentCount"] == 1
    assert s3["PermissionsBoundaryUsageCount"] == 0
    assert s3["Description"] == "Read the data bucket"
    assert s3["CreateDate"] == "2021-03-02T21:06:13+00:00"
    assert [(v["VersionId"], v["IsDefaultVersion"]) for v in s3["PolicyVersionList"]] == [
        ("v2", False), ("v1", True)
    ]
    boundary = _one(result["Policies"], "PolicyName", "PowerUserAccess")
    assert (boundary["AttachmentCount"], boundary["PermissionsBoundaryUsageCount"]) == (0, 1)


def test_role_with_instance_profile_and_last_used(populated):
    """A role carries its trust policy encoded and its instance profiles with the role inside."""
    result = export_authorization_details(populated["user"].account)
    [role] = result["RoleDetailList"]
    assert json.loads(unquote(role["AssumeRolePolicyDocument"])) == EC2_TRUST
    [profile] = role["InstanceProfileList"]
    assert profile["InstanceProfileName"] == "WebServer"
    assert [r["RoleName"] for r in profile["Roles"]] == ["WebServer"]
    assert role["RoleLastUsed"] == {}


def test_extension_block_adds_what_gaad_lacks(populated):
    """x-console: alias, password policy, role settings, empty profiles, credentials metadata."""
    user = populated["user"]
    extension = export_authorization_details(user.account)["x-console"]
    assert extension["AccountId"] == "111111111111"
    assert extension["AccountAlias"] == "acme"
    assert extension["PasswordPolicy"]["MinimumPasswordLength"] == 14
    assert extension["PasswordPolicy"]["RequireSymbols"] is True
    assert extension["Roles"] == [
        {"RoleName": "WebServer", "Description": "EC2 web tier", "MaxSessionDuration": 7200}
    ]
    assert [p["InstanceProfileName"] for p in extension["InstanceProfiles"]] == ["Spare"]
    alice = _one(extension["Users"], "UserName", "alice")
    assert alice["LoginProfile"]["PasswordResetRequired"] is True
    [key] = alice["AccessKeys"]
    assert key["AccessKeyId"] == user.access_keys.get().access_key_id
    assert key["Status"] == "Active"
    assert "SecretAccessKey" not in json.dumps(extension)
    assert extension["PolicyTags"] == [{
        "PolicyArn": "arn:aws:iam::111111111111:policy/data/S3Read",
        "Tags": [{"Key": "team", "Value": "data"}],
    }]


def test_filters_choose_the_lists(populated):
    """Filter=Role leaves users, groups and policies out; an unknown filter is refused."""
    result = export_authorization_details(populated["user"].account, filters=["Role"])
    assert result["UserDetailList"] == [] and result["GroupDetailList"] == []
    assert result["Policies"] == []
    assert [r["RoleName"] for r in result["RoleDetailList"]] == ["WebServer"]
    aws_only = export_authorization_details(
        populated["user"].account, filters=["AWSManagedPolicy"], include_extension=False
    )
    assert {p["PolicyName"] for p in aws_only["Policies"]} == {
        "ReadOnlyAccess", "PowerUserAccess", "AmazonSSMManagedInstanceCore"
    }
    assert "x-console" not in aws_only
    with pytest.raises(InvalidInput):
        export_authorization_details(populated["user"].account, filters=["Users"])


def test_other_accounts_stay_out(populated, other_account):
    """Nothing of another account appears, not even its use of AWS-managed policies."""
    stranger = user_create(account=other_account, name="mallory")

    policy_attach(policy=aws_managed_policy("AdministratorAccess"), entity=stranger)
    result = export_authorization_details(populated["user"].account)
    assert "mallory" not in json.dumps(result)
    assert "AdministratorAccess" not in {p["PolicyName"] for p in result["Policies"]}


@pytest.mark.parametrize("count", [5, 200])
def test_query_count_does_not_grow_with_the_account(account, count, django_assert_max_num_queries):
    """The export runs the same bounded number of queries for 5 or 200 users."""
    IamUserFactory.create_batch(count, account=account)
    with django_assert_max_num_queries(15):
        result = export_authorization_details(account)
    assert len(result["UserDetailList"]) == count
