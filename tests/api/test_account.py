"""`/api/v1/account/`: alias, password policy, summary, credential report, authorization details."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pytest

from accounts.reports import COLUMNS
from accounts.services import user_create
from policies.services import inline_policy_put
from tests.api.helpers import DOCUMENT, error

pytestmark = pytest.mark.django_db


def test_the_account(admin):
    assert admin.get("/api/v1/account/").json() == {
        "account_id": "111111111111", "alias": "acme", "name": "Acme",
        "root_arn": "arn:aws:iam::111111111111:root",
    }


def test_set_change_and_remove_the_alias(admin, other_account):
    assert admin.put("/api/v1/account/alias/", {"alias": "acme-prod"}).json()["alias"] == (
        "acme-prod")
    assert error(admin.put("/api/v1/account/alias/", {"alias": "Bad_Alias"})) == (
        400, "InvalidInput")
    taken = admin.put("/api/v1/account/alias/", {"alias": other_account.alias})
    assert error(taken) == (409, "EntityAlreadyExists")
    assert admin.delete("/api/v1/account/alias/").status_code == 204
    assert admin.get("/api/v1/account/").json()["alias"] is None
    assert error(admin.delete("/api/v1/account/alias/")) == (404, "NoSuchEntity")


def test_summary_has_usage_and_quotas(admin):
    summary = admin.get("/api/v1/account/summary/").json()["summary_map"]
    assert summary["Users"] == 1 and summary["UsersQuota"] == 5000
    assert summary["AccessKeysPerUserQuota"] == 2


def test_password_policy(admin):
    url = "/api/v1/account/password-policy/"
    assert error(admin.get(url)) == (404, "NoSuchEntity")
    response = admin.put(url, {"minimum_password_length": 14, "max_password_age": 90})
    assert response.status_code == 200
    body = response.json()
    assert (body["minimum_password_length"], body["expire_passwords"]) == (14, True)
    assert body["require_symbols"] is False
    assert admin.get(url)["ETag"] == response["ETag"]
    # Fields left out return to their defaults, as UpdateAccountPasswordPolicy does.
    assert admin.put(url, {"require_symbols": True}).json()["minimum_password_length"] == 6
    assert admin.delete(url).status_code == 204
    assert error(admin.delete(url)) == (404, "NoSuchEntity")


@pytest.mark.parametrize("body, field", [
    ({"minimum_password_length": 5}, "minimum_password_length"),
    ({"minimum_password_length": 129}, "minimum_password_length"),
    ({"max_password_age": 1096}, "max_password_age"),
    ({"password_reuse_prevention": 25}, "password_reuse_prevention"),
    ({"require_symbols": "sometimes"}, "require_symbols"),
])
def test_password_policy_ranges(admin, body, field):
    response = admin.put("/api/v1/account/password-policy/", body)
    assert error(response) == (400, "InvalidInput")
    assert response.json()["field"] == field


def test_credential_report_is_awss_csv_with_the_root_user_first(admin, account):
    user_create(account=account, name="alice")
    assert admin.post("/api/v1/account/credential-report/").json()["state"] == "STARTED"
    assert admin.post("/api/v1/account/credential-report/").json()["state"] == "COMPLETE"
    response = admin.get("/api/v1/account/credential-report/", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="status_reports_')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == COLUMNS and len(COLUMNS) == 22
    assert [r["user"] for r in rows] == ["<root_account>", "admin", "alice"]
    assert rows[0]["password_enabled"] == "not_supported"
    assert rows[1]["access_key_1_active"] == "true"


def test_authorization_details(admin, account):
    alice = user_create(account=account, name="alice")
    inline_policy_put(entity=alice, name="s3", policy_document=DOCUMENT)
    details = admin.get("/api/v1/account/authorization-details/").json()
    assert details["IsTruncated"] is False
    users = {u["UserName"]: u for u in details["UserDetailList"]}
    assert set(users) == {"admin", "alice"}
    encoded = users["alice"]["UserPolicyList"][0]["PolicyDocument"]
    assert "%22" in encoded and unquote(encoded).startswith("{")
    # The AWS-managed policy the admin uses is listed, so every attached ARN resolves.
    arns = {p["Arn"] for p in details["Policies"]}
    assert "arn:aws:iam::aws:policy/AdministratorAccess" in arns
    assert "x-console" in details


def test_authorization_details_filters(admin):
    only_roles = admin.get("/api/v1/account/authorization-details/?filter=Role"
                           "&include_extension=false").json()
    assert only_roles["UserDetailList"] == [] and "x-console" not in only_roles
    response = admin.get("/api/v1/account/authorization-details/?filter=Everything")
    assert error(response) == (400, "InvalidInput")
    assert response.json()["field"] == "filter"

