"""`/api/v1/policies/`: scope filters, customer policies, versions and the default (If-Match)."""

from __future__ import annotations

import pytest

from accounts.services import group_create, user_create
from policies.models import ManagedPolicy
from policies.services import policy_attach, policy_create
from tests.api.helpers import DOCUMENT, error

pytestmark = pytest.mark.django_db
V2 = {**DOCUMENT, "Statement": [{**DOCUMENT["Statement"][0], "Action": "s3:Get*"}]}


@pytest.fixture
def mine(account):
    return policy_create(account=account, name="s3-list", policy_document=DOCUMENT)


def names(response) -> list[str]:
    return [p["policy_name"] for p in response.json()["results"]]


def test_scope_filters(admin, mine, other_account):
    policy_create(account=other_account, name="theirs", policy_document=DOCUMENT)
    assert names(admin.get("/api/v1/policies/?scope=Local")) == ["s3-list"]
    aws = admin.get("/api/v1/policies/?scope=AWS&limit=1000").json()["results"]
    assert len(aws) > 1000 - 1 and all(p["scope"] == "AWS" for p in aws)
    every = names(admin.get("/api/v1/policies/?name_contains=s3-list"))
    assert every == ["s3-list"]
    assert "theirs" not in names(admin.get("/api/v1/policies/?name_contains=theirs"))
    assert error(admin.get("/api/v1/policies/?scope=Everything")) == (400, "InvalidInput")


def test_only_attached_and_arn_filters(admin, mine, account):
    assert names(admin.get("/api/v1/policies/?only_attached=true&scope=Local")) == []
    policy_attach(policy=mine, entity=user_create(account=account, name="alice"))
    attached = names(admin.get("/api/v1/policies/?only_attached=true"))
    # The admin's AdministratorAccess and alice's policy.
    assert attached == ["AdministratorAccess", "s3-list"]
    by_arn = admin.get(f"/api/v1/policies/?arn={mine.arn}").json()["results"]
    assert [p["policy_id"] for p in by_arn] == [mine.unique_id]
    assert by_arn[0]["attachment_count"] == 1


def test_create_a_policy(admin):
    response = admin.post("/api/v1/policies/", {
        "name": "s3-list", "path": "/team/", "description": "List", "policy_document": DOCUMENT,
        "tags": {"team": "a"}})
    assert response.status_code == 201
    body = response.json()
    assert body["arn"] == "arn:aws:iam::111111111111:policy/team/s3-list"
    assert (body["default_version_id"], body["scope"], body["attachment_count"]) == (
        "v1", "Local", 0)
    assert admin.get(f"/api/v1/policies/{body['policy_id']}/")["ETag"] == response["ETag"]


@pytest.mark.parametrize("body, expected", [
    ({"name": "p", "policy_document": {"Statement": []}}, (400, "MalformedPolicyDocument")),
    ({"name": "p", "policy_document": DOCUMENT, "path": "/a b/"}, (400, "InvalidInput")),
    ({"name": "p"}, (400, "InvalidInput")),
    ({"name": "s3-list", "policy_document": DOCUMENT}, (409, "EntityAlreadyExists")),
])
def test_invalid_and_conflicting_policies(admin, mine, body, expected):
    assert error(admin.post("/api/v1/policies/", body)) == expected


def test_customer_policies_quota(admin, mine, settings):
    settings.IAM_QUOTA_CUSTOMER_POLICIES = 1
    response = admin.post("/api/v1/policies/", {"name": "p2", "policy_document": DOCUMENT})
    assert error(response) == (409, "LimitExceeded")


def test_versions_and_their_limit(admin, mine):
    url = f"/api/v1/policies/{mine.unique_id}/versions/"
    created = admin.post(url, {"policy_document": V2})
    assert created.status_code == 201 and created.json()["version_id"] == "v2"
    assert created.json()["is_default_version"] is False
    for _ in range(3):
        admin.post(url, {"policy_document": V2})
    assert error(admin.post(url, {"policy_document": V2})) == (409, "LimitExceeded")
    listed = [v["version_id"] for v in admin.get(url).json()["results"]]
    assert listed == ["v5", "v4", "v3", "v2", "v1"]
    assert admin.get(url + "v1/").json()["document_json"] == DOCUMENT
    assert error(admin.get(url + "v9/")) == (404, "NoSuchEntity")
    assert error(admin.get(url + "version1/")) == (400, "InvalidInput")
    assert error(admin.delete(url + "v1/")) == (409, "DeleteConflict")
    assert admin.delete(url + "v2/").status_code == 204
    # Version numbers are never reused.
    assert admin.post(url, {"policy_document": V2}).json()["version_id"] == "v6"


def test_set_the_default_version_with_if_match(admin, mine):
    url = f"/api/v1/policies/{mine.unique_id}/"
    etag = admin.get(url)["ETag"]
    admin.post(url + "versions/", {"policy_document": V2})
    # A version was added since `etag` was read: the default does not change.
    stale = admin.patch(url, {"default_version_id": "v2"}, HTTP_IF_MATCH=etag)
    assert error(stale) == (412, "PreconditionFailed")
    assert admin.get(url).json()["default_version_id"] == "v1"
    fresh = admin.get(url)["ETag"]
    changed = admin.patch(url, {"default_version_id": "v2"}, HTTP_IF_MATCH=fresh)
    assert changed.status_code == 200 and changed.json()["default_version_id"] == "v2"
    assert error(admin.patch(url, {"default_version_id": "v7"})) == (404, "NoSuchEntity")
    assert error(admin.patch(url, {"default_version_id": "seven"})) == (400, "InvalidInput")


def test_attachments_elsewhere_do_not_change_a_policys_etag(admin, mine, account):
    url = f"/api/v1/policies/{mine.unique_id}/"
    etag = admin.get(url)["ETag"]
    policy_attach(policy=mine, entity=user_create(account=account, name="alice"))
    assert admin.get(url)["ETag"] == etag


def test_aws_managed_policies_are_read_only(admin, aws_policy):
    """As in AWS, even an administrator is denied changes to AWS's policies (AccessDenied)."""
    policy = aws_policy("ReadOnlyAccess")
    url = f"/api/v1/policies/{policy.unique_id}/"
    body = admin.get(url).json()
    assert body["scope"] == "AWS" and body["arn"] == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    assert admin.get(url + "versions/").status_code == 200
    for response in (
        admin.patch(url, {"default_version_id": "v1"}),
        admin.delete(url),
        admin.post(url + "versions/", {"policy_document": DOCUMENT}),
        admin.post(url + "tags/", {"tags": {"a": "b"}}),
    ):
        assert error(response) == (403, "AccessDenied")
        assert "on resource: arn:aws:iam::aws:policy/ReadOnlyAccess" in response.json()["message"]


def test_entities_delete_conflict_and_delete_with_dependents(admin, mine, account):
    policy_attach(policy=mine, entity=user_create(account=account, name="alice"))
    policy_attach(policy=mine, entity=group_create(account=account, name="devs"))
    url = f"/api/v1/policies/{mine.unique_id}/"
    entities = admin.get(url + "entities/").json()
    assert [u["name"] for u in entities["users"]] == ["alice"]
    assert [g["name"] for g in entities["groups"]] == ["devs"]
    assert error(admin.delete(url)) == (409, "DeleteConflict")
    assert admin.delete(url + "?with_dependents=true").status_code == 204
    assert not ManagedPolicy.objects.filter(pk=mine.pk).exists()
    assert error(admin.get(url)) == (404, "NoSuchEntity")


def test_policy_tags(admin, mine):
    url = f"/api/v1/policies/{mine.unique_id}/tags/"
    assert admin.post(url, {"tags": {"owner": "ops"}}).json() == {"tags": {"owner": "ops"}}
    assert admin.delete(url + "?key=owner").json() == {"tags": {}}
