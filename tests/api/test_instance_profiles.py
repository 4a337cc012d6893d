"""`/api/v1/instance-profiles/`: instance profiles and their single role."""

from __future__ import annotations

import pytest

from accounts.models import InstanceProfile
from accounts.services import role_create
from tests.api.helpers import error
from tests.documents import EC2_TRUST

pytestmark = pytest.mark.django_db


def test_create_with_a_role_list_and_delete(admin, account):
    role_create(account=account, name="web", trust_policy=EC2_TRUST)
    created = admin.post("/api/v1/instance-profiles/", {"name": "web", "role_name": "web"})
    assert created.status_code == 201
    assert created.json()["role"]["name"] == "web"
    assert created.json()["instance_profile_id"].startswith("AIPA")
    assert admin.get("/api/v1/instance-profiles/web/roles/").json()["results"][0]["name"] == "web"
    assert error(admin.delete("/api/v1/instance-profiles/web/")) == (409, "DeleteConflict")
    assert admin.delete("/api/v1/instance-profiles/web/?with_dependents=true").status_code == 204


def test_a_profile_holds_one_role(admin, account):
    for name in ("web", "api"):
        role_create(account=account, name=name, trust_policy=EC2_TRUST)
    admin.post("/api/v1/instance-profiles/", {"name": "p"})
    assert admin.post("/api/v1/instance-profiles/p/roles/",
                      {"role_name": "web"}).status_code == 201
    assert error(admin.post("/api/v1/instance-profiles/p/roles/", {"role_name": "api"})) == (
        409, "LimitExceeded")
    assert error(admin.delete("/api/v1/instance-profiles/p/roles/api/")) == (404, "NoSuchEntity")
    assert admin.delete("/api/v1/instance-profiles/p/roles/web/").status_code == 204
    assert InstanceProfile.objects.get(name="p").role is None


def test_validation_conflict_and_missing_role(admin):
    assert error(admin.post("/api/v1/instance-profiles/", {"name": "a b"})) == (
        400, "InvalidInput")
    admin.post("/api/v1/instance-profiles/", {"name": "p"})
    assert error(admin.post("/api/v1/instance-profiles/", {"name": "P"})) == (
        409, "EntityAlreadyExists")
    assert error(admin.post("/api/v1/instance-profiles/", {"name": "q", "role_name": "none"})) == (
        404, "NoSuchEntity")


def test_instance_profile_tags(admin):
    admin.post("/api/v1/instance-profiles/", {"name": "p", "tags": {"a": "1"}})
    assert admin.post("/api/v1/instance-profiles/p/tags/", {"tags": {"b": "2"}}).json() == {
        "tags": {"a": "1", "b": "2"}}
