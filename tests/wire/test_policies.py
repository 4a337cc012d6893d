"""Managed policies and their versions over AWS's wire API, driven by boto3."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT
from .documents import S3_READ, TRUST, error_of


def statement(action: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": action, "Resource": "*"}]})


def test_create_get_and_delete_a_policy_with_its_document(iam):
    created = iam.create_policy(PolicyName="s3-read", Path="/data/", Description="Reads data",
                                PolicyDocument=json.dumps(S3_READ, indent=2),
                                Tags=[{"Key": "owner", "Value": "data"}])["Policy"]
    arn = f"arn:aws:iam::{WIRE_ACCOUNT}:policy/data/s3-read"
    assert (created["Arn"], created["DefaultVersionId"], created["AttachmentCount"]) == (
        arn, "v1", 0)
    assert created["PolicyId"].startswith("ANPA") and created["IsAttachable"]
    assert created["Tags"] == [{"Key": "owner", "Value": "data"}]
    assert "Description" not in created  # CreatePolicy leaves it out, as AWS does
    got = iam.get_policy(PolicyArn=arn)["Policy"]
    assert (got["Description"], got["PermissionsBoundaryUsageCount"]) == ("Reads data", 0)
    listed = iam.list_policies(Scope="Local", PathPrefix="/data/")["Policies"]
    assert [policy["Arn"] for policy in listed] == [arn]
    assert "Description" not in listed[0] and "Tags" not in listed[0]
    version = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
    assert version["Document"] == S3_READ
    assert (version["VersionId"], version["IsDefaultVersion"]) == ("v1", True)

    with pytest.raises(ClientError) as caught:
        iam.create_policy(PolicyName="S3-READ", Path="/data/", PolicyDocument=json.dumps(S3_READ))
    assert error_of(caught) == ("EntityAlreadyExists", 409)
    iam.delete_policy(PolicyArn=arn)
    with pytest.raises(ClientError) as caught:
        iam.get_policy(PolicyArn=arn)
    assert error_of(caught) == ("NoSuchEntity", 404)


def test_a_malformed_document_is_worded_as_iam_does_with_our_findings_in_detail(iam):
    with pytest.raises(ClientError) as caught:
        iam.create_policy(PolicyName="malformed", PolicyDocument=(
            '{"Version": "2012-10-17", "Statement": [\n'
            '  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},\n'
            '  {"Effect": "Perhaps", "Action": "s3:GetObject", "Resource": "*"}]}'))
    assert error_of(caught) == ("MalformedPolicyDocument", 400)
    error = caught.value.response["Error"]
    assert error["Message"] == "Syntax errors in policy."
    assert error["Detail"].startswith("statement 2, Effect, line 3, column ")
    assert 'Effect must be exactly "Allow" or "Deny".' in error["Detail"]


@pytest.mark.parametrize("document, message", [
    ({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}},
     "Policy document must be version 2012-10-17 or greater."),
    ({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Resource": "*"}},
     "Policy statement must contain actions."),
    ({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "GetObject",
                                             "Resource": "*"}},
     "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
    ({"Version": "2012-10-17", "Statement": {"Sid": "no_underscores", "Effect": "Allow",
                                             "Action": "s3:GetObject", "Resource": "*"}},
     "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
     "expression [0-9A-Za-z]*"),
])
def test_inline_policies_are_refused_in_iams_words(iam, document, message):
    iam.create_user(UserName=f"worded-{len(message)}")
    with pytest.raises(ClientError) as caught:
        iam.put_user_policy(UserName=f"worded-{len(message)}", PolicyName="p",
                            PolicyDocument=json.dumps(document))
    assert error_of(caught) == ("MalformedPolicyDocument", 400)
    assert caught.value.response["Error"]["Message"] == message
    assert "line 1, column " in caught.value.response["Error"]["Detail"]


def test_documents_iam_accepts_are_stored_though_they_match_nothing(iam):
    document = {"Version": "2012-10-17", "Statement": {
        "Effect": "Allow", "Action": "service-prefix:action-name",
        "Resource": ["arn:aws:test%3Aencoded%3Astring", None],
        "Condition": {"DateLessThan": {"aws:CurrentTime": "01T"}, "Whatever": {}}}}
    arn = iam.create_policy(PolicyName="odd-but-accepted",
                            PolicyDocument=json.dumps(document))["Policy"]["Arn"]
    version = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
    assert version["Document"] == document


def test_versions_up_to_five_then_limit_exceeded(iam):
    arn = iam.create_policy(PolicyName="versioned",
                            PolicyDocument=statement("s3:GetObject"))["Policy"]["Arn"]
    for number in range(2, 6):
        created = iam.create_policy_version(PolicyArn=arn, PolicyDocument=statement(
            f"s3:Get{number}"), SetAsDefault=number == 5)["PolicyVersion"]
        assert (created["VersionId"], created["IsDefaultVersion"]) == (f"v{number}",
                                                                       number == 5)
    with pytest.raises(ClientError) as caught:
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=statement("s3:Get6"))
    assert error_of(caught) == ("LimitExceeded", 409)

    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert [(v["VersionId"], v["IsDefaultVersion"]) for v in versions] == [
        ("v5", True), ("v4", False), ("v3", False), ("v2", False), ("v1", False)]
    with pytest.raises(ClientError) as caught:
        iam.delete_policy_version(PolicyArn=arn, VersionId="v5")
    assert error_of(caught) == ("DeleteConflict", 409)
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v2")
    iam.delete_policy_version(PolicyArn=arn, VersionId="v5")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    assert json.loads(statement("s3:Get2")) == iam.get_policy_version(
        PolicyArn=arn, VersionId="v2")["PolicyVersion"]["Document"]
    with pytest.raises(ClientError) as caught:
        iam.get_policy_version(PolicyArn=arn, VersionId="v5")
    assert error_of(caught) == ("NoSuchEntity", 404)


def test_local_policies_page_by_page(iam):
    for index in range(5):
        iam.create_policy(PolicyName=f"paged-{index}", Path="/paged/",
                          PolicyDocument=statement("s3:ListBucket"))
    first = iam.list_policies(Scope="Local", PathPrefix="/paged/", MaxItems=2)
    assert first["IsTruncated"] and len(first["Policies"]) == 2
    pages = iam.get_paginator("list_policies").paginate(
        Scope="Local", PathPrefix="/paged/", PaginationConfig={"PageSize": 2})
    names = [policy["PolicyName"] for page in pages for policy in page["Policies"]]
    assert names == [f"paged-{index}" for index in range(5)]


def test_policy_usage_and_delete_conflict(iam):
    arn = iam.create_policy(PolicyName="in-use", Path="/usage/",
                            PolicyDocument=statement("s3:*"))["Policy"]["Arn"]
    bound = iam.create_policy(PolicyName="bounds", Path="/usage/",
                              PolicyDocument=statement("s3:*"))["Policy"]["Arn"]
    iam.create_policy(PolicyName="unused", Path="/usage/", PolicyDocument=statement("s3:*"))
    iam.create_user(UserName="policy-user")
    iam.create_role(RoleName="policy-role", AssumeRolePolicyDocument=json.dumps(TRUST),
                    PermissionsBoundary=bound)
    iam.attach_user_policy(UserName="policy-user", PolicyArn=arn)
    iam.attach_role_policy(RoleName="policy-role", PolicyArn=arn)

    def listed(**filters) -> list[str]:
        return [policy["PolicyName"] for policy in iam.list_policies(
            Scope="Local", PathPrefix="/usage/", **filters)["Policies"]]

    assert listed() == ["bounds", "in-use", "unused"]
    assert listed(OnlyAttached=True) == ["bounds", "in-use"]
    assert listed(OnlyAttached=True, PolicyUsageFilter="PermissionsPolicy") == ["in-use"]
    assert listed(OnlyAttached=True, PolicyUsageFilter="PermissionsBoundary") == ["bounds"]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 2

    entities = iam.list_entities_for_policy(PolicyArn=arn)
    assert [user["UserName"] for user in entities["PolicyUsers"]] == ["policy-user"]
    assert [role["RoleName"] for role in entities["PolicyRoles"]] == ["policy-role"]
    assert entities["PolicyGroups"] == []
    assert iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="User")["PolicyRoles"] == []
    bounded = iam.list_entities_for_policy(PolicyArn=bound,
                                           PolicyUsageFilter="PermissionsBoundary")
    assert [role["RoleName"] for role in bounded["PolicyRoles"]] == ["policy-role"]

    with pytest.raises(ClientError) as caught:
        iam.delete_policy(PolicyArn=arn)
    assert error_of(caught) == ("DeleteConflict", 409)


def test_policy_tags(iam):
    arn = iam.create_policy(PolicyName="tagged-policy",
                            PolicyDocument=statement("s3:*"))["Policy"]["Arn"]
    iam.tag_policy(PolicyArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    iam.untag_policy(PolicyArn=arn, TagKeys=["a"])
    assert iam.list_policy_tags(PolicyArn=arn)["Tags"] == [{"Key": "b", "Value": "2"}]
    iam.untag_policy(PolicyArn=arn, TagKeys=["b"])
    assert iam.get_policy(PolicyArn=arn)["Policy"]["Tags"] == []  # GetPolicy lists none


@pytest.mark.parametrize("keys", [("env", "env"), ("env", "ENV")])
def test_a_tag_key_given_twice_is_refused(iam, keys):
    tags = [{"Key": key, "Value": "x"} for key in keys]
    with pytest.raises(ClientError) as caught:
        iam.create_policy(PolicyName="twice-tagged", PolicyDocument=statement("s3:*"),
                          Tags=tags)
    assert error_of(caught) == ("InvalidInput", 400)
    assert "Duplicate tag keys found" in caught.value.response["Error"]["Message"]
    # Policy names ignore case: one name per case of the parameter.
    arn = iam.create_policy(PolicyName=f"once-tagged-{'upper' if keys[1].isupper() else 'same'}",
                            PolicyDocument=statement("s3:*"))["Policy"]["Arn"]
    with pytest.raises(ClientError) as caught:
        iam.tag_policy(PolicyArn=arn, Tags=tags)
    assert error_of(caught) == ("InvalidInput", 400)
    assert iam.list_policy_tags(PolicyArn=arn)["Tags"] == []
