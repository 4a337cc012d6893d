"""`/api/v1/groups/`: groups, members and attached policies."""

from __future__ import annotations

import pytest

from accounts.models import IamGroup
from accounts.services import group_add_user, group_create, user_create
from tests.api.helpers import error

pytestmark = pytest.mark.django_db
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def test_create_get_rename_and_delete_a_group(admin):
    created = admin.post("/api/v1/groups/", {"name": "devs", "path": "/eng/"})
    assert created.status_code == 201
    assert created.json()["arn"] == "arn:aws:iam::111111111111:group/eng/devs"
    assert created.json()["group_id"].startswith("AGPA")
    assert admin.get("/api/v1/groups/DEVS/").json()["name"] == "devs"
    renamed = admin.patch("/api/v1/groups/devs/", {"name": "developers"})
    assert renamed.json()["arn"] == "arn:aws:iam::111111111111:group/eng/developers"
    assert admin.delete("/api/v1/groups/developers/").status_code == 204
    assert error(admin.get("/api/v1/groups/developers/")) == (404, "NoSuchEntity")


def test_group_validation_conflicts_and_quota(admin, settings):
    assert error(admin.post("/api/v1/groups/", {"name": "no spaces"})) == (400, "InvalidInput")
    admin.post("/api/v1/groups/", {"name": "devs"})
    assert error(admin.post("/api/v1/groups/", {"name": "Devs"})) == (409, "EntityAlreadyExists")
    settings.IAM_QUOTA_GROUPS = 1
    assert error(admin.post("/api/v1/groups/", {"name": "ops"})) == (409, "LimitExceeded")


def test_members(admin, account):
    group_create(account=account, name="devs")
    for name in ("bob", "alice"):
        user_create(account=account, name=name)
    added = admin.post("/api/v1/groups/devs/members/", {"user_name": "alice"})
    assert added.status_code == 201 and added.json()["name"] == "alice"
    admin.post("/api/v1/groups/devs/members/", {"user_name": "bob"})
    listed = admin.get("/api/v1/groups/devs/members/").json()["results"]
    assert [u["name"] for u in listed] == ["alice", "bob"]
    assert error(admin.post("/api/v1/groups/devs/members/", {"user_name": "carol"})) == (
        404, "NoSuchEntity")
    assert admin.delete("/api/v1/groups/devs/members/alice/").status_code == 204
    assert error(admin.delete("/api/v1/groups/devs/members/alice/")) == (404, "NoSuchEntity")
    assert admin.get("/api/v1/groups/?name_contains=dev").json()["results"][0][
        "member_count"] == 1


def test_a_user_is_in_at_most_ten_groups(admin, account):
    user = user_create(account=account, name="alice")
    for n in range(10):
        group_add_user(group=group_create(account=account, name=f"g{n}"), user=user)
    group_create(account=account, name="eleventh")
    response = admin.post("/api/v1/groups/eleventh/members/", {"user_name": "alice"})
    assert error(response) == (409, "LimitExceeded")


def test_attached_policies_of_a_group(admin, account, aws_policy):
    group_create(account=account, name="devs")
    attached = admin.post("/api/v1/groups/devs/attached-policies/", {"policy_arn": READ_ONLY})
    assert attached.status_code == 201
    policy_id = attached.json()["policy_id"]
    assert admin.get("/api/v1/groups/devs/attached-policies/").json()["results"] == [
        attached.json()]
    assert admin.delete(f"/api/v1/groups/devs/attached-policies/{policy_id}/").status_code == 204
    assert error(admin.delete(f"/api/v1/groups/devs/attached-policies/{policy_id}/")) == (
        404, "NoSuchEntity")
    assert error(admin.delete("/api/v1/groups/devs/attached-policies/ANPANOSUCHPOLICY0000/")) == (
        404, "NoSuchEntity")


def test_eleven_attached_policies_exceed_the_limit(admin, account, aws_policy):
    group_create(account=account, name="devs")
    names = ["ReadOnlyAccess", "IAMReadOnlyAccess", "AmazonS3ReadOnlyAccess",
             "AmazonEC2ReadOnlyAccess", "AWSLambda_ReadOnlyAccess", "AmazonSQSReadOnlyAccess",
             "AmazonSNSReadOnlyAccess", "CloudWatchReadOnlyAccess",
             "AmazonDynamoDBReadOnlyAccess", "AmazonRDSReadOnlyAccess", "AmazonVPCReadOnlyAccess"]
    statuses = [admin.post("/api/v1/groups/devs/attached-policies/",
                           {"policy_arn": aws_policy(n).arn}).status_code for n in names]
    assert statuses == [201] * 10 + [409]


def test_a_service_role_policy_cannot_be_attached(admin, account):
    group_create(account=account, name="devs")
    response = admin.post("/api/v1/groups/devs/attached-policies/", {
        "policy_arn": "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"})
    assert error(response) == (400, "PolicyNotAttachable")


def test_delete_a_group_with_members_conflicts_unless_with_dependents(admin, account):
    group = group_create(account=account, name="devs")
    group_add_user(group=group, user=user_create(account=account, name="alice"))
    response = admin.delete("/api/v1/groups/devs/")
    assert error(response) == (409, "DeleteConflict")
    assert response.json()["details"] == [{"type": "member", "name": "alice"}]
    assert admin.delete("/api/v1/groups/devs/?with_dependents=1").status_code == 204
    assert not IamGroup.objects.exists()
