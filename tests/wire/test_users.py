"""IAM users over AWS's wire API, driven by boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT, aws_cli


def test_lists_leave_out_the_boundary_and_tags_get_user_shows(iam):
    boundary = iam.create_policy(PolicyName="wire-user-bound", PolicyDocument=(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", '
        '"Resource": "*"}]}'))["Policy"]["Arn"]
    created = iam.create_user(UserName="wire-bounded", Path="/bounded/",
                              PermissionsBoundary=boundary,
                              Tags=[{"Key": "team", "Value": "data"}])["User"]
    expected = {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                "PermissionsBoundaryArn": boundary}
    assert created["PermissionsBoundary"] == expected
    assert iam.get_user(UserName="wire-bounded")["User"]["PermissionsBoundary"] == expected
    listed = iam.list_users(PathPrefix="/bounded/")["Users"]
    assert [user["UserName"] for user in listed] == ["wire-bounded"]
    assert "PermissionsBoundary" not in listed[0] and "Tags" not in listed[0]


def test_a_path_that_is_no_path_gets_awss_sentence(iam):
    with pytest.raises(ClientError) as caught:
        iam.create_user(UserName="wire-pathless", Path="staff")
    assert caught.value.response["Error"] == {
        "Type": "Sender", "Code": "ValidationError",
        "Message": "The specified value for path is invalid. It must begin and end with / "
                   "and contain only alphanumeric characters and/or / characters."}


def test_create_get_list_and_delete_a_user(iam):
    created = iam.create_user(UserName="wire-alice", Path="/staff/",
                              Tags=[{"Key": "team", "Value": "data"}])["User"]
    assert created["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:user/staff/wire-alice"
    assert created["UserId"].startswith("AIDA")
    assert created["Tags"] == [{"Key": "team", "Value": "data"}]
    got = iam.get_user(UserName="WIRE-ALICE")["User"]
    assert (got["UserName"], got["Path"]) == ("wire-alice", "/staff/")
    names = [u["UserName"] for u in iam.list_users(PathPrefix="/staff/")["Users"]]
    assert names == ["wire-alice"]
    iam.delete_user(UserName="wire-alice")
    with pytest.raises(ClientError) as caught:
        iam.get_user(UserName="wire-alice")
    error = caught.value.response
    assert error["Error"]["Code"] == "NoSuchEntity"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_pagination_across_pages(iam):
    for index in range(5):
        iam.create_user(UserName=f"page-{index}", Path="/paged/")
    first = iam.list_users(PathPrefix="/paged/", MaxItems=2)
    assert first["IsTruncated"] and len(first["Users"]) == 2
    pages = iam.get_paginator("list_users").paginate(PathPrefix="/paged/",
                                                     PaginationConfig={"PageSize": 2})
    names = [user["UserName"] for page in pages for user in page["Users"]]
    assert names == [f"page-{index}" for index in range(5)]


def test_a_duplicate_and_a_bad_name_answer_aws_errors(iam):
    iam.create_user(UserName="dupe")
    with pytest.raises(ClientError) as caught:
        iam.create_user(UserName="DUPE")
    assert caught.value.response["Error"]["Code"] == "EntityAlreadyExists"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409


def test_get_user_without_a_name_answers_the_caller(iam, make_user):
    root = iam.get_user()["User"]
    assert root["UserId"] == WIRE_ACCOUNT
    assert root["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:root"
    assert "UserName" not in root and root["CreateDate"]
    reader, _ = make_user("wire-self", "IAMReadOnlyAccess")
    me = reader.get_user()["User"]
    assert me["UserName"] == "wire-self"
    assert me["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:user/wire-self"
    nobody, _ = make_user("wire-nobody")
    with pytest.raises(ClientError) as caught:  # itself too needs iam:GetUser, as in AWS
        nobody.get_user()
    assert caught.value.response["Error"]["Message"].startswith(
        f"User: arn:aws:iam::{WIRE_ACCOUNT}:user/wire-nobody is not authorized to perform: "
        f"iam:GetUser on resource: arn:aws:iam::{WIRE_ACCOUNT}:user/wire-nobody")


def test_tag_untag_and_list_a_users_tags(iam):
    iam.create_user(UserName="wire-tagged")
    iam.tag_user(UserName="wire-tagged", Tags=[{"Key": "team", "Value": "data"},
                                               {"Key": "cost", "Value": "42"}])
    assert iam.list_user_tags(UserName="wire-tagged")["Tags"] == [  # by key
        {"Key": "cost", "Value": "42"}, {"Key": "team", "Value": "data"}]
    iam.untag_user(UserName="wire-tagged", TagKeys=["team"])
    listed = iam.list_user_tags(UserName="wire-tagged")
    assert listed["Tags"] == [{"Key": "cost", "Value": "42"}] and not listed["IsTruncated"]
    assert iam.get_user(UserName="wire-tagged")["User"]["Tags"] == [{"Key": "cost",
                                                                     "Value": "42"}]


def test_a_51st_tag_exceeds_the_limit(iam):
    iam.create_user(UserName="wire-full")
    iam.tag_user(UserName="wire-full", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    with pytest.raises(ClientError) as caught:
        iam.tag_user(UserName="wire-full", Tags=[{"Key": "one-more", "Value": "v"}])
    assert caught.value.response["Error"]["Code"] == "LimitExceeded"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    page = iam.list_user_tags(UserName="wire-full", MaxItems=30)
    assert page["IsTruncated"] and len(page["Tags"]) == 30


def test_the_aws_cli_lists_users(iam, wire_url, wire_root):
    iam.create_user(UserName="wire-cli-user")
    listed = aws_cli(wire_url, wire_root, "iam", "list-users")
    assert "wire-cli-user" in [user["UserName"] for user in listed["Users"]]


def test_update_user_renames_and_moves_it_keeping_its_id(iam):
    created = iam.create_user(UserName="wire-before")["User"]
    iam.update_user(UserName="wire-before", NewUserName="wire-after", NewPath="/moved/")
    got = iam.get_user(UserName="wire-after")["User"]
    assert (got["UserId"], got["Path"]) == (created["UserId"], "/moved/")
    assert got["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:user/moved/wire-after"
    with pytest.raises(ClientError) as caught:
        iam.get_user(UserName="wire-before")
    assert caught.value.response["Error"]["Code"] == "NoSuchEntity"
