"""IAM roles over AWS's wire API, driven by boto3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT
from .documents import TRUST, error_of

AWS_CLI = Path(sys.executable).parent / "aws"
BOUNDARY = {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}


@pytest.fixture(scope="module")
def boundary_arn(iam) -> str:
    return iam.create_policy(PolicyName="role-boundary",
                             PolicyDocument=json.dumps(BOUNDARY))["Policy"]["Arn"]


def test_create_get_list_update_and_delete_a_role(iam, boundary_arn):
    created = iam.create_role(
        RoleName="wire-app", Path="/apps/", AssumeRolePolicyDocument=json.dumps(TRUST),
        Description="The app", MaxSessionDuration=7200, PermissionsBoundary=boundary_arn,
        Tags=[{"Key": "team", "Value": "data"}])["Role"]
    assert created["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:role/apps/wire-app"
    assert created["RoleId"].startswith("AROA")
    assert created["AssumeRolePolicyDocument"] == TRUST
    assert created["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
        "PermissionsBoundaryArn": boundary_arn}
    assert created["Tags"] == [{"Key": "team", "Value": "data"}]

    got = iam.get_role(RoleName="WIRE-APP")["Role"]
    assert (got["RoleName"], got["Description"], got["MaxSessionDuration"]) == (
        "wire-app", "The app", 7200)
    assert got["AssumeRolePolicyDocument"] == TRUST
    assert got["RoleLastUsed"] == {}
    assert got["Tags"] == [{"Key": "team", "Value": "data"}]
    listed = iam.list_roles(PathPrefix="/apps/")["Roles"]
    assert [role["RoleName"] for role in listed] == ["wire-app"]
    assert listed[0]["AssumeRolePolicyDocument"] == TRUST and "Tags" not in listed[0]
    assert "PermissionsBoundary" not in listed[0]  # AWS's lists return a subset

    iam.update_role(RoleName="wire-app", Description="Renamed", MaxSessionDuration=3600)
    trust = {**TRUST, "Statement": [{**TRUST["Statement"][0],
                                     "Principal": {"Service": "lambda.amazonaws.com"}}]}
    iam.update_assume_role_policy(RoleName="wire-app", PolicyDocument=json.dumps(trust))
    got = iam.get_role(RoleName="wire-app")["Role"]
    assert (got["Description"], got["MaxSessionDuration"]) == ("Renamed", 3600)
    assert got["AssumeRolePolicyDocument"] == trust

    iam.delete_role(RoleName="wire-app")
    with pytest.raises(ClientError) as caught:
        iam.get_role(RoleName="wire-app")
    assert error_of(caught) == ("NoSuchEntity", 404)


def test_role_tags(iam):
    iam.create_role(RoleName="tagged", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.tag_role(RoleName="tagged", Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": ""}])
    iam.untag_role(RoleName="tagged", TagKeys=["a"])
    listed = iam.list_role_tags(RoleName="tagged")
    assert (listed["Tags"], listed["IsTruncated"]) == ([{"Key": "b", "Value": ""}], False)


def test_role_errors(iam):
    iam.create_role(RoleName="twice", AssumeRolePolicyDocument=json.dumps(TRUST))
    with pytest.raises(ClientError) as caught:
        iam.create_role(RoleName="TWICE", AssumeRolePolicyDocument=json.dumps(TRUST))
    assert error_of(caught) == ("EntityAlreadyExists", 409)

    with pytest.raises(ClientError) as caught:
        iam.create_role(RoleName="broken", AssumeRolePolicyDocument='{"Version": "2012-10-17",\n'
                        '  "Statement": [{"Effect": "Allow",}]}')
    assert error_of(caught) == ("MalformedPolicyDocument", 400)
    assert caught.value.response["Error"]["Message"] == "Syntax errors in policy."
    assert "line 2" in caught.value.response["Error"]["Detail"]
    with pytest.raises(ClientError) as caught:
        iam.create_role(RoleName="broken", AssumeRolePolicyDocument=json.dumps(
            {**TRUST, "Statement": [{**TRUST["Statement"][0], "Resource": "*"}]}))
    assert caught.value.response["Error"]["Message"] == "Has prohibited field Resource."

    iam.create_instance_profile(InstanceProfileName="holds-twice")
    iam.add_role_to_instance_profile(InstanceProfileName="holds-twice", RoleName="twice")
    with pytest.raises(ClientError) as caught:
        iam.delete_role(RoleName="twice")
    assert error_of(caught) == ("DeleteConflict", 409)
    profiles = iam.list_instance_profiles_for_role(RoleName="twice")["InstanceProfiles"]
    assert [profile["InstanceProfileName"] for profile in profiles] == ["holds-twice"]
    assert profiles[0]["Roles"][0]["AssumeRolePolicyDocument"] == TRUST


def test_the_aws_cli_creates_a_role_from_a_trust_policy_file(wire_url, wire_root, tmp_path):
    trust = tmp_path / "trust.json"
    trust.write_text(json.dumps(TRUST, indent=2))
    env = {**os.environ, "AWS_ACCESS_KEY_ID": wire_root.access_key_id,
           "AWS_SECRET_ACCESS_KEY": wire_root.secret_access_key,
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": str(tmp_path / "none"),
           "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none")}

    def aws(*args: str) -> dict:
        done = subprocess.run([str(AWS_CLI), "--endpoint-url", wire_url, "--output", "json",
                               "iam", *args], env=env, capture_output=True, text=True,
                              check=True)
        return json.loads(done.stdout)

    created = aws("create-role", "--role-name", "cli-role",
                  "--assume-role-policy-document", f"file://{trust}")["Role"]
    assert created["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:role/cli-role"
    assert aws("get-role", "--role-name", "cli-role")["Role"]["AssumeRolePolicyDocument"] == TRUST
