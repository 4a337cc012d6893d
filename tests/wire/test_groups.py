"""IAM groups and their members over AWS's wire API, driven by boto3 and the AWS CLI."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT, aws_cli


def error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    """The AWS error code, HTTP status and message of a refused call."""
    response = caught.value.response
    return (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"],
            response["Error"]["Message"])


@pytest.fixture(scope="module")
def reader(make_user):
    """An IAM user allowed only IAMReadOnlyAccess, and its IAM client."""
    return make_user("wire-reader", "IAMReadOnlyAccess")[0]


def test_create_get_rename_and_delete_a_group(iam):
    group = iam.create_group(GroupName="wire-devs", Path="/eng/")["Group"]
    assert group["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:group/eng/wire-devs"
    assert group["GroupId"].startswith("AGPA") and group["Path"] == "/eng/"
    iam.update_group(GroupName="wire-devs", NewGroupName="wire-builders", NewPath="/ops/")
    got = iam.get_group(GroupName="wire-builders")
    assert got["Group"]["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:group/ops/wire-builders"
    assert got["Group"]["GroupId"] == group["GroupId"]
    assert got["Users"] == [] and got["IsTruncated"] is False
    iam.delete_group(GroupName="wire-builders")
    with pytest.raises(ClientError) as caught:
        iam.get_group(GroupName="wire-builders")
    assert error(caught)[:2] == ("NoSuchEntity", 404)


def test_members_join_and_leave_and_block_the_delete(iam):
    iam.create_group(GroupName="wire-team")
    iam.create_user(UserName="wire-member")
    iam.add_user_to_group(GroupName="wire-team", UserName="wire-member")
    members = iam.get_group(GroupName="wire-team")["Users"]
    assert [user["UserName"] for user in members] == ["wire-member"]
    assert members[0]["UserId"].startswith("AIDA")
    groups = iam.list_groups_for_user(UserName="wire-member")["Groups"]
    assert [group["GroupName"] for group in groups] == ["wire-team"]
    with pytest.raises(ClientError) as caught:
        iam.delete_group(GroupName="wire-team")
    assert error(caught)[:2] == ("DeleteConflict", 409)
    iam.remove_user_from_group(GroupName="wire-team", UserName="wire-member")
    assert iam.list_groups_for_user(UserName="wire-member")["Groups"] == []
    iam.delete_group(GroupName="wire-team")


def test_a_duplicate_group_and_a_missing_member(iam):
    iam.create_group(GroupName="wire-dupe")
    with pytest.raises(ClientError) as caught:
        iam.create_group(GroupName="WIRE-DUPE")
    assert error(caught)[:2] == ("EntityAlreadyExists", 409)
    with pytest.raises(ClientError) as caught:
        iam.add_user_to_group(GroupName="wire-dupe", UserName="nobody-here")
    assert error(caught)[:2] == ("NoSuchEntity", 404)
    with pytest.raises(ClientError) as caught:  # with neither, AWS names the user
        iam.add_user_to_group(GroupName="no-such-group", UserName="nobody-here")
    assert caught.value.response["Error"]["Message"] == (
        "The user with name nobody-here cannot be found.")


def test_list_groups_and_get_group_paginate(iam):
    for index in range(3):
        iam.create_group(GroupName=f"wire-page-{index}", Path="/paged/")
        iam.create_user(UserName=f"wire-paged-{index}")
        iam.add_user_to_group(GroupName="wire-page-0", UserName=f"wire-paged-{index}")
    first = iam.list_groups(PathPrefix="/paged/", MaxItems=2)
    assert first["IsTruncated"] and len(first["Groups"]) == 2
    rest = iam.list_groups(PathPrefix="/paged/", MaxItems=2, Marker=first["Marker"])
    assert [g["GroupName"] for g in first["Groups"] + rest["Groups"]] == [
        "wire-page-0", "wire-page-1", "wire-page-2"]
    assert rest["IsTruncated"] is False
    pages = iam.get_paginator("get_group").paginate(GroupName="wire-page-0",
                                                    PaginationConfig={"PageSize": 2})
    names = [user["UserName"] for page in pages for user in page["Users"]]
    assert names == ["wire-paged-0", "wire-paged-1", "wire-paged-2"]


def test_a_read_only_user_may_list_groups_but_not_create_one(reader, iam):
    iam.create_group(GroupName="wire-visible")
    assert "wire-visible" in [g["GroupName"] for g in reader.list_groups()["Groups"]]
    with pytest.raises(ClientError) as caught:
        reader.create_group(GroupName="wire-forbidden")
    code, status, message = error(caught)
    assert (code, status) == ("AccessDenied", 403)
    assert message == (
        f"User: arn:aws:iam::{WIRE_ACCOUNT}:user/wire-reader is not authorized to perform: "
        f"iam:CreateGroup on resource: arn:aws:iam::{WIRE_ACCOUNT}:group/wire-forbidden "
        "because no identity-based policy allows the iam:CreateGroup action")


def test_the_aws_cli_lists_groups(iam, wire_url, wire_root):
    iam.create_group(GroupName="wire-cli-group")
    listed = aws_cli(wire_url, wire_root, "iam", "list-groups")
    assert "wire-cli-group" in [group["GroupName"] for group in listed["Groups"]]
