"""Instance profiles over AWS's wire API, driven by boto3."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT
from .documents import TRUST, error_of


def test_an_instance_profile_holds_one_role(iam):
    iam.create_role(RoleName="web", AssumeRolePolicyDocument=json.dumps(TRUST))
    created = iam.create_instance_profile(InstanceProfileName="web-profile", Path="/web/",
                                          Tags=[{"Key": "env", "Value": "prod"}])
    profile = created["InstanceProfile"]
    assert profile["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:instance-profile/web/web-profile"
    assert profile["InstanceProfileId"].startswith("AIPA")
    assert (profile["Roles"], profile["Tags"]) == ([], [{"Key": "env", "Value": "prod"}])

    iam.add_role_to_instance_profile(InstanceProfileName="web-profile", RoleName="web")
    got = iam.get_instance_profile(InstanceProfileName="web-profile")["InstanceProfile"]
    assert [role["RoleName"] for role in got["Roles"]] == ["web"]
    assert got["Roles"][0]["AssumeRolePolicyDocument"] == TRUST
    listed = iam.list_instance_profiles(PathPrefix="/web/")["InstanceProfiles"]
    assert [(p["InstanceProfileName"], [r["RoleName"] for r in p["Roles"]])
            for p in listed] == [("web-profile", ["web"])]

    iam.create_role(RoleName="second", AssumeRolePolicyDocument=json.dumps(TRUST))
    with pytest.raises(ClientError) as caught:
        iam.add_role_to_instance_profile(InstanceProfileName="web-profile", RoleName="second")
    assert error_of(caught) == ("LimitExceeded", 409)
    assert caught.value.response["Error"]["Message"] == (
        "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
    with pytest.raises(ClientError) as caught:
        iam.delete_instance_profile(InstanceProfileName="web-profile")
    assert error_of(caught) == ("DeleteConflict", 409)

    iam.remove_role_from_instance_profile(InstanceProfileName="web-profile", RoleName="web")
    assert iam.get_instance_profile(
        InstanceProfileName="web-profile")["InstanceProfile"]["Roles"] == []
    iam.delete_instance_profile(InstanceProfileName="web-profile")
    with pytest.raises(ClientError) as caught:
        iam.get_instance_profile(InstanceProfileName="web-profile")
    assert error_of(caught) == ("NoSuchEntity", 404)


def test_instance_profile_tags(iam):
    iam.create_instance_profile(InstanceProfileName="tagged-profile")
    iam.tag_instance_profile(InstanceProfileName="tagged-profile",
                             Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    iam.untag_instance_profile(InstanceProfileName="tagged-profile", TagKeys=["b"])
    tags = iam.list_instance_profile_tags(InstanceProfileName="tagged-profile")["Tags"]
    assert tags == [{"Key": "a", "Value": "1"}]
    iam.untag_instance_profile(InstanceProfileName="tagged-profile", TagKeys=["a"])
    got = iam.get_instance_profile(InstanceProfileName="tagged-profile")["InstanceProfile"]
    assert got["Tags"] == []  # GetInstanceProfile lists none, as AWS does
    with pytest.raises(ClientError) as caught:
        iam.create_instance_profile(InstanceProfileName="TAGGED-PROFILE")
    assert error_of(caught) == ("EntityAlreadyExists", 409)
