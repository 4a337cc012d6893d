"""GetAccountAuthorizationDetails over AWS's wire API, driven by boto3 and its paginator."""

from __future__ import annotations

import json

from .documents import S3_READ, TRUST

LISTS = ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")


def test_the_paginator_reads_every_list_page_by_page(iam):
    arn = iam.create_policy(PolicyName="details-read",
                            PolicyDocument=json.dumps(S3_READ))["Policy"]["Arn"]
    for index in range(3):
        iam.create_user(UserName=f"details-user-{index}")
        iam.create_role(RoleName=f"details-role-{index}",
                        AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.attach_role_policy(RoleName="details-role-0", PolicyArn=arn)
    iam.put_user_policy(UserName="details-user-1", PolicyName="inline",
                        PolicyDocument=json.dumps(S3_READ))

    whole = iam.get_account_authorization_details()
    assert not whole["IsTruncated"]
    pages = list(iam.get_paginator("get_account_authorization_details").paginate(
        PaginationConfig={"PageSize": 2}))
    assert len(pages) == 4 and all(page["IsTruncated"] for page in pages[:-1])
    assert all(sum(len(page[key]) for key in LISTS) == 2 for page in pages[:-1])
    merged = {key: [item for page in pages for item in page[key]] for key in LISTS}
    assert merged == {key: whole[key] for key in LISTS}

    users = {user["UserName"]: user for user in merged["UserDetailList"]}
    assert set(users) == {f"details-user-{index}" for index in range(3)}
    assert users["details-user-1"]["UserPolicyList"] == [
        {"PolicyName": "inline", "PolicyDocument": S3_READ}]
    roles = {role["RoleName"]: role for role in merged["RoleDetailList"]}
    assert roles["details-role-0"]["AssumeRolePolicyDocument"] == TRUST
    assert roles["details-role-0"]["AttachedManagedPolicies"] == [
        {"PolicyName": "details-read", "PolicyArn": arn}]
    [policy] = merged["Policies"]
    assert (policy["Arn"], policy["AttachmentCount"], policy["DefaultVersionId"]) == (
        arn, 1, "v1")
    assert policy["PolicyVersionList"][0]["Document"] == S3_READ


def test_a_filter_keeps_only_its_lists(iam):
    iam.create_role(RoleName="filtered-role", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.create_user(UserName="filtered-user")
    details = iam.get_account_authorization_details(Filter=["Role"])
    # The account lives for the module: other tests' roles are there too.
    assert "filtered-role" in [role["RoleName"] for role in details["RoleDetailList"]]
    assert details["UserDetailList"] == details["GroupDetailList"] == details["Policies"] == []


def test_lists_read_a_bounded_number_of_queries(iam, django_assert_max_num_queries):
    # On SQLite the server thread shares the test's connection, whose queries are counted.
    for index in range(6):
        iam.create_role(RoleName=f"counted-{index}", AssumeRolePolicyDocument=json.dumps(TRUST),
                        Tags=[{"Key": "n", "Value": str(index)}])
        iam.create_instance_profile(InstanceProfileName=f"counted-{index}")
        iam.add_role_to_instance_profile(InstanceProfileName=f"counted-{index}",
                                         RoleName=f"counted-{index}")
        arn = iam.create_policy(PolicyName=f"counted-{index}",
                                PolicyDocument=json.dumps(S3_READ))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName=f"counted-{index}", PolicyArn=arn)
    for read, limit in (("list_roles", 6), ("list_instance_profiles", 6), ("list_policies", 6),
                        ("get_account_authorization_details", 20)):
        with django_assert_max_num_queries(limit):
            getattr(iam, read)()
    with django_assert_max_num_queries(6):
        iam.list_instance_profiles_for_role(RoleName="counted-0")
