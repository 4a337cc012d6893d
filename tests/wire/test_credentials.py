"""Console passwords, the password policy and access keys over AWS's wire API (boto3)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import REGION, Keys, client

PASSWORD = "Wire-Password-0001!"


def error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    """The AWS error code and HTTP status of a refused call."""
    response = caught.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


@pytest.fixture(scope="module")
def reader(make_user):
    """An IAM user allowed only IAMReadOnlyAccess: (its IAM client, its keys)."""
    return make_user("wire-cred-reader", "IAMReadOnlyAccess")


def test_a_login_profile_is_created_read_reset_and_deleted(iam):
    iam.create_user(UserName="wire-console")
    created = iam.create_login_profile(UserName="wire-console", Password=PASSWORD,
                                       PasswordResetRequired=True)["LoginProfile"]
    assert created["UserName"] == "wire-console" and created["PasswordResetRequired"] is True
    with pytest.raises(ClientError) as caught:
        iam.create_login_profile(UserName="wire-console", Password=PASSWORD)
    assert error(caught) == ("EntityAlreadyExists", 409)
    iam.update_login_profile(UserName="wire-console", PasswordResetRequired=False)
    got = iam.get_login_profile(UserName="wire-console")["LoginProfile"]
    assert got["PasswordResetRequired"] is False and got["CreateDate"] == created["CreateDate"]
    iam.delete_login_profile(UserName="wire-console")
    with pytest.raises(ClientError) as caught:
        iam.get_login_profile(UserName="wire-console")
    assert error(caught) == ("NoSuchEntity", 404)


def test_a_user_changes_its_own_password(iam, make_user):
    own, _ = make_user("wire-changer")
    iam.create_login_profile(UserName="wire-changer", Password=PASSWORD)
    own.change_password(OldPassword=PASSWORD, NewPassword="Wire-Password-0002!")
    with pytest.raises(ClientError) as caught:
        own.change_password(OldPassword=PASSWORD, NewPassword="Wire-Password-0003!")
    assert error(caught)[1] == 400
    with pytest.raises(ClientError) as caught:  # the root user's password is not affected
        iam.change_password(OldPassword=PASSWORD, NewPassword="Wire-Password-0004!")
    assert error(caught) == ("InvalidUserType", 400)


def test_the_password_policy_is_set_read_and_deleted(iam):
    with pytest.raises(ClientError) as caught:
        iam.get_account_password_policy()
    assert error(caught) == ("NoSuchEntity", 404)
    iam.update_account_password_policy(MinimumPasswordLength=12, RequireSymbols=True,
                                       MaxPasswordAge=90, AllowUsersToChangePassword=True)
    policy = iam.get_account_password_policy()["PasswordPolicy"]
    assert policy["MinimumPasswordLength"] == 12 and policy["RequireSymbols"] is True
    assert policy["MaxPasswordAge"] == 90 and policy["ExpirePasswords"] is True
    assert "PasswordReusePrevention" not in policy
    iam.create_user(UserName="wire-weak")
    with pytest.raises(ClientError) as caught:
        iam.create_login_profile(UserName="wire-weak", Password="short")
    assert error(caught) == ("PasswordPolicyViolation", 400)
    iam.delete_account_password_policy()
    with pytest.raises(ClientError) as caught:
        iam.delete_account_password_policy()
    assert error(caught) == ("NoSuchEntity", 404)


def test_access_keys_are_created_listed_across_pages_disabled_and_deleted(iam, wire_url):
    iam.create_user(UserName="wire-keyed")
    first = iam.create_access_key(UserName="wire-keyed")["AccessKey"]
    assert first["AccessKeyId"].startswith("AKIA") and len(first["SecretAccessKey"]) == 40
    assert (first["UserName"], first["Status"]) == ("wire-keyed", "Active")
    second = iam.create_access_key(UserName="wire-keyed")["AccessKey"]
    with pytest.raises(ClientError) as caught:
        iam.create_access_key(UserName="wire-keyed")
    assert error(caught) == ("LimitExceeded", 409)
    page = iam.list_access_keys(UserName="wire-keyed", MaxItems=1)
    assert page["IsTruncated"] and "SecretAccessKey" not in page["AccessKeyMetadata"][0]
    pages = iam.get_paginator("list_access_keys").paginate(
        UserName="wire-keyed", PaginationConfig={"PageSize": 1})
    ids = [key["AccessKeyId"] for page in pages for key in page["AccessKeyMetadata"]]
    assert ids == [first["AccessKeyId"], second["AccessKeyId"]]
    iam.update_access_key(UserName="wire-keyed", AccessKeyId=first["AccessKeyId"],
                          Status="Inactive")
    statuses = {key["AccessKeyId"]: key["Status"]
                for key in iam.list_access_keys(UserName="wire-keyed")["AccessKeyMetadata"]}
    assert statuses == {first["AccessKeyId"]: "Inactive", second["AccessKeyId"]: "Active"}
    inactive = client("iam", wire_url, Keys(first["AccessKeyId"], first["SecretAccessKey"]))
    with pytest.raises(ClientError) as caught:
        inactive.list_users()
    assert error(caught) == ("InvalidClientTokenId", 403)
    iam.delete_access_key(UserName="wire-keyed", AccessKeyId=first["AccessKeyId"])
    with pytest.raises(ClientError) as caught:
        iam.delete_access_key(UserName="wire-keyed", AccessKeyId=first["AccessKeyId"])
    assert error(caught) == ("NoSuchEntity", 404)


def test_a_key_records_its_last_use_by_a_signed_call(iam, reader):
    own, keys = reader
    own.list_users()
    used = iam.get_access_key_last_used(AccessKeyId=keys.access_key_id)
    assert used["UserName"] == "wire-cred-reader"
    last = used["AccessKeyLastUsed"]
    assert (last["ServiceName"], last["Region"]) == ("iam", REGION) and last["LastUsedDate"]
    iam.create_user(UserName="wire-unused")
    fresh = iam.create_access_key(UserName="wire-unused")["AccessKey"]
    never = iam.get_access_key_last_used(AccessKeyId=fresh["AccessKeyId"])
    assert never["AccessKeyLastUsed"] == {"ServiceName": "N/A", "Region": "N/A"}


def test_a_user_lists_its_own_keys_without_naming_itself(reader):
    own, keys = reader
    listed = own.list_access_keys()["AccessKeyMetadata"]
    assert [(key["UserName"], key["AccessKeyId"]) for key in listed] == [
        ("wire-cred-reader", keys.access_key_id)]
    with pytest.raises(ClientError) as caught:
        own.create_access_key()
    assert error(caught) == ("AccessDenied", 403)


def test_a_user_reads_its_own_login_profile_without_naming_itself(iam, reader):
    own, _ = reader
    iam.create_login_profile(UserName="wire-cred-reader", Password=PASSWORD)
    assert own.get_login_profile()["LoginProfile"]["UserName"] == "wire-cred-reader"
    with pytest.raises(ClientError) as caught:  # the root user's password is no login profile
        iam.get_login_profile()
    assert error(caught) == ("InvalidInput", 400)
