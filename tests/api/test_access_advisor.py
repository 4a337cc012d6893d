"""Access Advisor through the REST API: reports by job, the entities behind a service, the
policies granting services, and the errors naming the field."""

from __future__ import annotations

import pytest

from accounts.models import IamUser
from tests.api.helpers import error

pytestmark = pytest.mark.django_db
ACCOUNT = "arn:aws:iam::111111111111"


def _services(body: dict) -> dict:
    return {s["ServiceNamespace"]: s for s in body["ServicesLastAccessed"]}


def test_a_job_reports_the_use_before_it(admin, world):
    admin.get("/api/v1/users/")
    job = admin.post("/api/v1/last-accessed/", {"arn": f"{ACCOUNT}:user/admin",
                                                "granularity": "ACTION_LEVEL"})
    assert job.status_code == 201
    report = admin.get(f"/api/v1/last-accessed/jobs/{job.json()['job_id']}/")
    assert report.status_code == 200
    body = report.json()
    assert body["JobType"] == "ACTION_LEVEL"
    iam = _services(body)["iam"]
    assert iam["LastAuthenticatedEntity"] == f"{ACCOUNT}:user/admin"
    actions = {a["ActionName"]: a for a in iam["TrackedActionsLastAccessed"]}
    assert "LastAccessedTime" in actions["ListUsers"]
    assert "LastAccessedTime" not in actions["CreateUser"]
    # AdministratorAccess grants every service; those not served here were never accessed.
    assert "LastAuthenticated" not in _services(body)["s3"]


def test_entities_of_a_group_job_are_its_members(admin, world):
    found = admin.get(f"/api/v1/last-accessed/jobs/{world.job_id}/entities/"
                      "?service_namespace=s3").json()["EntityDetailsList"]
    assert [(d["EntityInfo"]["Name"], d["EntityInfo"]["Type"]) for d in found] == [
        ("alice", "USER")]
    assert found[0]["EntityInfo"]["Id"] == IamUser.objects.get(name="alice").unique_id
    assert "LastAuthenticated" not in found[0]


def test_policies_granting_a_service_through_the_group(admin, world):
    answer = admin.get(f"/api/v1/policies-granting-service-access/?arn={ACCOUNT}:user/alice"
                       "&service_namespaces=s3,iam").json()
    entries = {e["ServiceNamespace"]: e["Policies"]
               for e in answer["PoliciesGrantingServiceAccess"]}
    assert entries["iam"] == []
    assert {(p["PolicyName"], p["PolicyType"], p.get("EntityName")) for p in entries["s3"]} == {
        ("inline1", "INLINE", "alice"), ("inline1", "INLINE", "devs"),
        ("s3-list", "MANAGED", None)}


@pytest.mark.parametrize(("path", "expected", "field"), [
    ("/api/v1/last-accessed/jobs/5b8c1a52-0b1d-4e1c-9b0e-2f1d7c6a9e10/",
     (404, "NoSuchEntity"), "job_id"),
    ("/api/v1/last-accessed/?arn=arn:aws:iam::111111111111:mfa/phone",
     (400, "InvalidInput"), "arn"),
    ("/api/v1/last-accessed/?arn=arn:aws:iam::111111111111:user/alice&granularity=ALL",
     (400, "InvalidInput"), "granularity"),
    ("/api/v1/policies-granting-service-access/?arn=arn:aws:iam::111111111111:user/alice"
     "&service_namespaces=", (400, "InvalidInput"), "service_namespaces"),
    ("/api/v1/policies-granting-service-access/?arn=arn:aws:iam::111111111111:user/alice"
     "&service_namespaces=no%20such", (400, "InvalidInput"), "service_namespaces"),
    ("/api/v1/policies-granting-service-access/?arn=arn:aws:iam::111111111111:policy/s3-list"
     "&service_namespaces=s3", (400, "InvalidInput"), "arn"),
])
def test_errors_name_the_field(admin, world, path, expected, field):
    response = admin.get(path)
    assert error(response) == expected
    assert response.json()["field"] == field


def test_an_unknown_namespace_of_a_job_names_the_rule(admin, world):
    response = admin.get(f"/api/v1/last-accessed/jobs/{world.job_id}/entities/"
                         "?service_namespace=nosuchservice")
    assert error(response) == (400, "InvalidInput")
    assert "not a service AWS knows" in response.json()["message"]


def test_a_job_of_another_account_is_not_found(other_root, admin, world):
    response = other_root.get(f"/api/v1/last-accessed/jobs/{world.job_id}/")
    assert error(response) == (404, "NoSuchEntity")
