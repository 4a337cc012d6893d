"""The policies of users, groups and roles over AWS's wire API, driven by boto3: managed
policies attached, inline policies, permissions boundaries, and a boundary's denial."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT, Keys, client
from .documents import ALLOW_ALL, S3_READ, TRUST, error_of

DENY_ATTACH_ROLE_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "iam:AttachRolePolicy", "Resource": "*"}]}


@pytest.fixture(scope="module")
def arns(iam) -> dict[str, str]:
    """Policies to attach and use as boundaries, and a role to attach them to."""
    iam.create_role(RoleName="attach-role", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.create_user(UserName="attach-user")
    return {name: iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(document))
            ["Policy"]["Arn"]
            for name, document in (("allow-all", ALLOW_ALL), ("s3-read", S3_READ),
                                   ("no-attach-role", DENY_ATTACH_ROLE_POLICY))}


def create_group(iam, name: str) -> None:
    iam.create_group(GroupName=name)


@pytest.mark.parametrize("noun", ["User", "Group", "Role"])
def test_attach_list_and_detach_managed_policies(iam, arns, noun):
    name = {"User": "attach-user", "Group": "attach-group", "Role": "attach-role"}[noun]
    if noun == "Group":
        create_group(iam, name)
    snake = noun.lower()
    entity = {f"{noun}Name": name}
    getattr(iam, f"attach_{snake}_policy")(**entity, PolicyArn=arns["s3-read"])
    getattr(iam, f"attach_{snake}_policy")(**entity, PolicyArn=arns["allow-all"])
    listed = getattr(iam, f"list_attached_{snake}_policies")(**entity)
    assert listed["AttachedPolicies"] == [
        {"PolicyName": "allow-all", "PolicyArn": arns["allow-all"]},
        {"PolicyName": "s3-read", "PolicyArn": arns["s3-read"]}]
    assert getattr(iam, f"list_attached_{snake}_policies")(
        **entity, PathPrefix="/elsewhere/")["AttachedPolicies"] == []
    getattr(iam, f"detach_{snake}_policy")(**entity, PolicyArn=arns["allow-all"])
    listed = getattr(iam, f"list_attached_{snake}_policies")(**entity)["AttachedPolicies"]
    assert [policy["PolicyName"] for policy in listed] == ["s3-read"]
    with pytest.raises(ClientError) as caught:
        getattr(iam, f"detach_{snake}_policy")(**entity, PolicyArn=arns["allow-all"])
    assert error_of(caught) == ("NoSuchEntity", 404)

    put = getattr(iam, f"put_{snake}_policy")
    put(**entity, PolicyName="inline-read", PolicyDocument=json.dumps(S3_READ))
    put(**entity, PolicyName="inline-all", PolicyDocument=json.dumps(ALLOW_ALL))
    assert getattr(iam, f"list_{snake}_policies")(**entity)["PolicyNames"] == [
        "inline-all", "inline-read"]
    got = getattr(iam, f"get_{snake}_policy")(**entity, PolicyName="INLINE-READ")
    assert (got[f"{noun}Name"], got["PolicyName"], got["PolicyDocument"]) == (
        name, "inline-read", S3_READ)
    getattr(iam, f"delete_{snake}_policy")(**entity, PolicyName="inline-all")
    assert getattr(iam, f"list_{snake}_policies")(**entity)["PolicyNames"] == ["inline-read"]
    with pytest.raises(ClientError) as caught:
        getattr(iam, f"get_{snake}_policy")(**entity, PolicyName="inline-all")
    assert error_of(caught) == ("NoSuchEntity", 404)
    with pytest.raises(ClientError) as caught:
        put(**entity, PolicyName="bad", PolicyDocument='{"Statement": []')
    assert error_of(caught) == ("MalformedPolicyDocument", 400)


@pytest.mark.parametrize("noun", ["User", "Role"])
def test_put_and_delete_a_permissions_boundary(iam, arns, noun):
    name = {"User": "attach-user", "Role": "attach-role"}[noun]
    snake = noun.lower()
    getattr(iam, f"put_{snake}_permissions_boundary")(
        **{f"{noun}Name": name}, PermissionsBoundary=arns["s3-read"])
    got = getattr(iam, f"get_{snake}")(**{f"{noun}Name": name})[noun]
    assert got["PermissionsBoundary"]["PermissionsBoundaryArn"] == arns["s3-read"]
    getattr(iam, f"delete_{snake}_permissions_boundary")(**{f"{noun}Name": name})
    assert "PermissionsBoundary" not in getattr(iam, f"get_{snake}")(
        **{f"{noun}Name": name})[noun]


def test_a_boundary_denying_attach_role_policy_refuses_it(iam, arns, wire_url):
    iam.create_user(UserName="bounded-admin")
    iam.attach_user_policy(UserName="bounded-admin", PolicyArn=arns["allow-all"])
    iam.put_user_permissions_boundary(UserName="bounded-admin",
                                      PermissionsBoundary=arns["no-attach-role"])
    created = iam.create_access_key(UserName="bounded-admin")["AccessKey"]
    bounded = client("iam", wire_url, Keys(created["AccessKeyId"], created["SecretAccessKey"]))
    bounded.attach_user_policy(UserName="attach-user", PolicyArn=arns["s3-read"])
    iam.create_role(RoleName="bounded-target", AssumeRolePolicyDocument=json.dumps(TRUST))
    with pytest.raises(ClientError) as caught:
        bounded.attach_role_policy(RoleName="bounded-target", PolicyArn=arns["s3-read"])
    assert error_of(caught) == ("AccessDenied", 403)
    assert caught.value.response["Error"]["Message"] == (
        f"User: arn:aws:iam::{WIRE_ACCOUNT}:user/bounded-admin is not authorized to perform: "
        f"iam:AttachRolePolicy on resource: arn:aws:iam::{WIRE_ACCOUNT}:role/bounded-target "
        "with an explicit deny in a permissions boundary")
    assert iam.list_attached_role_policies(RoleName="bounded-target")["AttachedPolicies"] == []
