"""`/api/v1/roles/`: roles, trust policies (with If-Match), instance profiles, tags."""

from __future__ import annotations

import json

import pytest

from accounts.models import Role
from accounts.services import instance_profile_create, role_create
from tests.api.helpers import error
from tests.documents import EC2_TRUST

pytestmark = pytest.mark.django_db
LAMBDA_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
}


def test_create_a_role_keeping_the_trust_policy_text_exactly(admin):
    text = json.dumps(EC2_TRUST, indent=2)
    response = admin.post("/api/v1/roles/", {
        "name": "web", "trust_policy": text, "description": "Web tier",
        "max_session_duration": 7200, "tags": {"env": "prod"}})
    assert response.status_code == 201
    body = response.json()
    assert body["trust_policy"] == text and body["trust_policy_json"] == EC2_TRUST
    assert body["role_id"].startswith("AROA") and body["max_session_duration"] == 7200
    assert body["last_used_at"] is None and body["last_used_region"] is None


@pytest.mark.parametrize("body, status_code, code", [
    ({"name": "web"}, 400, "InvalidInput"),
    ({"name": "web", "trust_policy": "{not json"}, 400, "MalformedPolicyDocument"),
    ({"name": "web", "trust_policy": {"Version": "2012-10-17", "Statement": []}}, 400,
     "MalformedPolicyDocument"),
    ({"name": "web", "trust_policy": EC2_TRUST, "max_session_duration": 60}, 400, "InvalidInput"),
    ({"name": "web", "trust_policy": EC2_TRUST, "path": "/aws-service-role/"}, 400,
     "InvalidInput"),
    ({"name": "web", "trust_policy": 42}, 400, "InvalidInput"),
])
def test_invalid_roles_are_refused(admin, body, status_code, code):
    assert error(admin.post("/api/v1/roles/", body)) == (status_code, code)
    assert not Role.objects.exists()


def test_a_malformed_trust_policy_reports_where(admin):
    response = admin.post("/api/v1/roles/", {"name": "web", "trust_policy": '{"Version": 1'})
    body = response.json()
    assert body["field"] == "trust_policy"
    assert body["details"] and "line" in body["details"][0]


def test_role_conflicts_and_quota(admin, account, settings):
    role_create(account=account, name="web", trust_policy=EC2_TRUST)
    assert error(admin.post("/api/v1/roles/", {"name": "WEB", "trust_policy": EC2_TRUST})) == (
        409, "EntityAlreadyExists")
    settings.IAM_QUOTA_ROLES = 1
    assert error(admin.post("/api/v1/roles/", {"name": "api", "trust_policy": EC2_TRUST})) == (
        409, "LimitExceeded")


def test_update_a_role(admin, account):
    role_create(account=account, name="web", trust_policy=EC2_TRUST)
    response = admin.patch("/api/v1/roles/web/", {"description": "Web", "max_session_duration":
                                                  14400})
    assert (response.json()["description"], response.json()["max_session_duration"]) == (
        "Web", 14400)
    assert error(admin.patch("/api/v1/roles/web/", {})) == (400, "InvalidInput")
    assert error(admin.patch("/api/v1/roles/web/", {"max_session_duration": 50000})) == (
        400, "InvalidInput")


def test_trust_policy_etag_and_if_match(admin, account):
    role_create(account=account, name="web", trust_policy=EC2_TRUST)
    read = admin.get("/api/v1/roles/web/trust-policy/")
    etag = read["ETag"]
    assert read.json()["document_json"] == EC2_TRUST
    # A write with the current ETag succeeds and changes the ETag.
    first = admin.put("/api/v1/roles/web/trust-policy/", {"policy_document": LAMBDA_TRUST},
                      HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] != etag
    # Someone else's change happened since `etag` was read: 412, and nothing is written.
    stale = admin.put("/api/v1/roles/web/trust-policy/", {"policy_document": EC2_TRUST},
                      HTTP_IF_MATCH=etag)
    assert error(stale) == (412, "PreconditionFailed")
    assert Role.objects.get(name="web").trust_policy_document == LAMBDA_TRUST
    assert admin.put("/api/v1/roles/web/trust-policy/", {"policy_document": EC2_TRUST},
                     HTTP_IF_MATCH="*").status_code == 200
    assert admin.put("/api/v1/roles/web/trust-policy/",
                     {"policy_document": EC2_TRUST}).status_code == 200


def test_instance_profiles_of_a_role_and_delete_with_dependents(admin, account):
    role = role_create(account=account, name="web", trust_policy=EC2_TRUST)
    instance_profile_create(account=account, name="web", role=role)
    listed = admin.get("/api/v1/roles/web/instance-profiles/").json()["results"]
    assert [p["name"] for p in listed] == ["web"]
    response = admin.delete("/api/v1/roles/web/")
    assert error(response) == (409, "DeleteConflict")
    assert admin.delete("/api/v1/roles/web/?with_dependents=true").status_code == 204
    assert not Role.objects.exists()


def test_role_boundary_tags_and_filters(admin, account):
    role_create(account=account, name="web", trust_policy=EC2_TRUST, path="/app/")
    role_create(account=account, name="batch", trust_policy=EC2_TRUST)
    admin.put("/api/v1/roles/web/permissions-boundary/",
              {"policy_arn": "arn:aws:iam::aws:policy/PowerUserAccess"})
    assert admin.get("/api/v1/roles/web/").json()["permissions_boundary"][
        "permissions_boundary_arn"] == "arn:aws:iam::aws:policy/PowerUserAccess"
    admin.post("/api/v1/roles/web/tags/", {"tags": {"env": "prod"}})
    assert admin.get("/api/v1/roles/web/tags/").json() == {"tags": {"env": "prod"}}
    listed = admin.get("/api/v1/roles/?path_prefix=/app/").json()["results"]
    assert [r["name"] for r in listed] == ["web"]
    assert listed[0]["instance_profile_count"] == 0
