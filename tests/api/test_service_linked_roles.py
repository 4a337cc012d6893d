"""`/api/v1/service-linked-roles/`: create, delete by a deletion task, read its status; and
the protections of a service-linked role through the roles endpoints."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from accounts.models import MfaDevice
from accounts.services import mfa_device_create_virtual, mfa_device_enable, user_create
from tests.accounts.views_support import mfa_codes
from tests.documents import EC2_TRUST

SERVICE = "elasticbeanstalk.amazonaws.com"
NAME = "AWSServiceRoleForElasticBeanstalk"

pytestmark = pytest.mark.django_db


def _create(admin, **extra):
    return admin.post("/api/v1/service-linked-roles/", {"aws_service_name": SERVICE, **extra})


def test_create_delete_and_read_the_deletion_status(admin):
    created = _create(admin, description="EB", custom_suffix="web")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["name"], body["path"], body["service_linked"]) == (
        f"{NAME}_web", f"/aws-service-role/{SERVICE}/", True)
    deleted = admin.delete(f"/api/v1/service-linked-roles/{NAME}_web/")
    assert deleted.status_code == 202
    task_id = deleted.json()["deletion_task_id"]
    assert task_id.startswith(f"task/aws-service-role/{SERVICE}/{NAME}_web/")
    for path in (task_id, quote(task_id, safe="")):
        status = admin.get(f"/api/v1/service-linked-roles/deletion-status/{path}/")
        assert status.status_code == 200
        assert (status.json()["status"], status.json()["reason"]) == ("SUCCEEDED", None)
    assert admin.get(f"/api/v1/roles/{NAME}_web/").status_code == 404


def test_unknown_and_malformed_task_ids(admin):
    unknown = (f"task/aws-service-role/{SERVICE}/{NAME}/"
               "00000000-0000-0000-0000-000000000000")
    response = admin.get(f"/api/v1/service-linked-roles/deletion-status/{unknown}/")
    assert (response.status_code, response.json()["code"]) == (404, "NoSuchEntity")
    response = admin.get("/api/v1/service-linked-roles/deletion-status/task/nope/")
    assert (response.status_code, response.json()["code"]) == (400, "InvalidInput")


def test_the_roles_endpoints_refuse_what_aws_forbids_and_keep_the_description(admin):
    _create(admin)
    for method, path, body in (
        ("delete", f"/api/v1/roles/{NAME}/", None),
        ("put", f"/api/v1/roles/{NAME}/trust-policy/", {"policy_document": EC2_TRUST}),
        ("post", f"/api/v1/roles/{NAME}/attached-policies/",
         {"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
    ):
        response = admin.call(method, path, body)
        assert (response.status_code, response.json()["code"]) == (400, "UnmodifiableEntity")
        assert "only modifiable by AWS" in response.json()["message"]
    described = admin.put(f"/api/v1/roles/{NAME}/description/", {"description": "Beanstalk"})
    assert described.status_code == 200 and described.json()["description"] == "Beanstalk"


def test_a_role_that_is_not_service_linked_is_invalid_input(admin):
    admin.post("/api/v1/roles/", {"name": "web", "trust_policy": EC2_TRUST})
    response = admin.delete("/api/v1/service-linked-roles/web/")
    assert (response.status_code, response.json()["code"]) == (400, "InvalidInput")


def test_get_mfa_device_answers_an_assigned_device_only(admin, account):
    alice = user_create(account=account, name="alice")
    device = mfa_device_create_virtual(account=account, name="alice-phone").device
    code_1, code_2 = mfa_codes(device)
    mfa_device_enable(device=device, user=alice, authentication_code_1=code_1,
                      authentication_code_2=code_2)
    mfa_device_create_virtual(account=account, name="spare")
    response = admin.get("/api/v1/users/alice/mfa-devices/alice-phone/")
    assert response.status_code == 200
    body = response.json()
    assert (body["serial_number"], body["user_name"]) == (
        MfaDevice.objects.get(name="alice-phone").serial_number, "alice")
    assert body["enabled_at"] is not None
    assert admin.get("/api/v1/users/alice/mfa-devices/spare/").status_code == 404
