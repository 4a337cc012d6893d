"""Every API operation: refused to anonymous callers, to callers without permission, and
blind to other accounts' entities; read-only callers read but do not write."""

from __future__ import annotations

import re

import pytest

from tests.api.helpers import fill_path
from tests.urlwalk import walk

from .openapi import operations

pytestmark = pytest.mark.django_db
OPERATIONS = operations()


def _api_routes():
    return [r for r in walk() if r.path.startswith("/api/v1/")
            and r.qualified_name not in ("api-schema", "api-docs")
            and not r.path.startswith("/api/v1/simulate/")]


@pytest.mark.parametrize("route", _api_routes(), ids=lambda r: r.path)
@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_every_api_url_refuses_anonymous_callers_with_401(client, route, method):
    response = getattr(client, method)(route.path)
    assert response.status_code == 401, (method, route.path, response.content)
    body = response.json()
    assert body["code"] == "NotAuthenticated"
    assert response["WWW-Authenticate"].startswith("Basic")


def test_the_url_walk_covers_every_documented_operation():
    documented = {op.path.split("{")[0] for op in OPERATIONS}
    walked = {r.path.split("sample")[0].replace("?", "") for r in _api_routes()}
    assert documented <= walked
    assert len(OPERATIONS) >= 100


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_a_caller_without_permission_is_denied_every_operation(nobody, world, op):
    response = nobody.call(op.method, fill_path(op.path, world) + op.query, op.request_example)
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["code"] == "AccessDenied"
    # IAM's actions, CloudTrail's for the event history, Organizations' (refused before
    # the account is found to be in no organization).
    assert re.match(r"User: arn:aws:iam::111111111111:user/nobody is not authorized to "
                    r"perform: (iam|cloudtrail|organizations):", body["message"]), body["message"]


@pytest.mark.parametrize(
    "op", [op for op in OPERATIONS if "{" in op.path], ids=str
)
def test_another_accounts_root_sees_none_of_the_entities(other_root, world, op):
    """Names resolve inside the caller's account: another account's root finds nothing."""
    path = fill_path(op.path, world) + op.query
    response = other_root.call(op.method, path, op.request_example)
    assert response.status_code == 404, response.content
    # Organizations' IDs are the organization's: another account is in none, and was
    # invited to none.
    code = response.json()["code"]
    assert code == "NoSuchEntity" or code.endswith(("NotInUseException", "NotFoundException"))


# IAMReadOnlyAccess grants IAM's reads, not CloudTrail's LookupEvents (the event history) nor
# Organizations' (tests/api/test_organizations_access.py).
_READS = [op for op in OPERATIONS if op.method == "GET"
          and not op.path.startswith(("/api/v1/events/", "/api/v1/organizations/"))]
# Generating the credential report or a last-accessed report is a read in AWS's terms
# (iam:Generate*, which IAMReadOnlyAccess grants).
_WRITES = [op for op in OPERATIONS if op.method != "GET"
           and not op.path.endswith(("/credential-report/", "/last-accessed/"))]


@pytest.mark.parametrize("op", _READS, ids=str)
def test_a_read_only_caller_reads_everything(reader, world, op):
    response = reader.get(fill_path(op.path, world) + op.query)
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("op", _WRITES, ids=str)
def test_a_read_only_caller_changes_nothing(reader, world, op):
    response = reader.call(op.method, fill_path(op.path, world) + op.query, op.request_example)
    assert response.status_code == 403, response.content
    assert "because no identity-based policy allows" in response.json()["message"]
