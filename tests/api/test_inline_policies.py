"""Inline policies of users, groups and roles: put (If-Match), get, list, delete."""

from __future__ import annotations

import json

import pytest

from policies.models import InlinePolicy
from tests.api.helpers import DOCUMENT, error

pytestmark = pytest.mark.django_db
OWNERS = ["users/alice", "groups/devs", "roles/web"]


@pytest.mark.parametrize("owner", OWNERS)
def test_put_get_list_replace_and_delete(admin, owners, owner):
    url = f"/api/v1/{owner}/inline-policies/read-s3/"
    text = json.dumps(DOCUMENT, indent=2)
    created = admin.put(url, {"policy_document": text})
    assert created.status_code == 201
    assert created.json()["document"] == text and created.json()["document_json"] == DOCUMENT
    assert admin.get(url)["ETag"] == created["ETag"]
    listed = admin.get(f"/api/v1/{owner}/inline-policies/").json()["results"]
    assert [p["policy_name"] for p in listed] == ["read-s3"]
    replaced = admin.put(url, {"policy_document": DOCUMENT})
    assert replaced.status_code == 200 and replaced["ETag"] != created["ETag"]
    assert admin.delete(url).status_code == 204
    assert error(admin.get(url)) == (404, "NoSuchEntity")
    assert error(admin.delete(url)) == (404, "NoSuchEntity")


@pytest.mark.parametrize("owner", OWNERS)
def test_if_match_refuses_a_stale_write(admin, owners, owner):
    url = f"/api/v1/{owner}/inline-policies/p/"
    etag = admin.put(url, {"policy_document": DOCUMENT})["ETag"]
    changed = {**DOCUMENT, "Statement": [{**DOCUMENT["Statement"][0], "Action": "s3:Get*"}]}
    assert admin.put(url, {"policy_document": changed}, HTTP_IF_MATCH=etag).status_code == 200
    stale = admin.put(url, {"policy_document": DOCUMENT}, HTTP_IF_MATCH=etag)
    assert error(stale) == (412, "PreconditionFailed")
    assert InlinePolicy.objects.get(name="p").document == changed
    # If-Match on a policy that does not exist yet fails too (nothing to match).
    assert error(admin.put(f"/api/v1/{owner}/inline-policies/new/", {"policy_document": DOCUMENT},
                           HTTP_IF_MATCH=etag)) == (412, "PreconditionFailed")
    assert not InlinePolicy.objects.filter(name="new").exists()


def test_a_malformed_document_lists_findings_with_positions(admin, owners):
    text = ('{\n  "Version": "2012-10-17",\n'
            '  "Statement": [{"Effect": "Allow", "Action": "s3:*"}]\n}')
    response = admin.put("/api/v1/users/alice/inline-policies/p/", {"policy_document": text})
    assert error(response) == (400, "MalformedPolicyDocument")
    body = response.json()
    assert body["field"] == "policy_document"
    finding = body["details"][0]
    assert {"line", "column", "message"} <= set(finding)
    assert finding["line"] == 3


def test_a_users_inline_policies_stay_within_2048_characters(admin, owners):
    statement = {"Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::" + "b" * 60 + "/*"}
    big = {"Version": "2012-10-17", "Statement": [statement] * 20}
    response = admin.put("/api/v1/users/alice/inline-policies/big/", {"policy_document": big})
    assert error(response) == (409, "LimitExceeded")
    # Roles may hold 10,240.
    assert admin.put("/api/v1/roles/web/inline-policies/big/",
                     {"policy_document": big}).status_code == 201


@pytest.mark.parametrize("document", [None, 42, ["x"], "", {"a": "\u0000"}])
def test_documents_that_are_not_json_text_or_objects_are_refused(admin, owners, document):
    response = admin.put("/api/v1/users/alice/inline-policies/p/", {"policy_document": document})
    assert response.status_code == 400
    assert response.json()["code"] in ("InvalidInput", "MalformedPolicyDocument")
