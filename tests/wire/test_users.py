"""IAM users over AWS's wire API, driven by boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT


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
