"""Managed-policy attachments of users, groups and roles: attach by ARN, list, detach by ID."""

from __future__ import annotations

import pytest

from policies.services import policy_create
from tests.api.helpers import DOCUMENT, Api, error, user_with_key

pytestmark = pytest.mark.django_db
OWNERS = ["users/alice", "groups/devs", "roles/web"]
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


@pytest.mark.parametrize("owner", OWNERS)
def test_attach_list_and_detach(admin, account, owners, owner):
    mine = policy_create(account=account, name="s3-list", policy_document=DOCUMENT)
    url = f"/api/v1/{owner}/attached-policies/"
    for arn in (READ_ONLY, mine.arn, READ_ONLY):  # attaching again changes nothing
        assert admin.post(url, {"policy_arn": arn}).status_code == 201
    listed = admin.get(url).json()["results"]
    assert [p["policy_name"] for p in listed] == ["ReadOnlyAccess", "s3-list"]
    assert admin.delete(f"{url}{mine.unique_id}/").status_code == 204
    assert [p["policy_name"] for p in admin.get(url).json()["results"]] == ["ReadOnlyAccess"]


@pytest.mark.parametrize("owner", OWNERS)
def test_another_accounts_policy_cannot_be_attached(admin, other_account, owners, owner):
    theirs = policy_create(account=other_account, name="theirs", policy_document=DOCUMENT)
    response = admin.post(f"/api/v1/{owner}/attached-policies/", {"policy_arn": theirs.arn})
    assert error(response) == (404, "NoSuchEntity")
    assert response.json()["message"] == (
        f"Policy {theirs.arn} does not exist or is not attachable.")


@pytest.mark.parametrize("owner", OWNERS)
def test_an_unknown_policy_id_is_refused_before_it_is_found_missing(admin, account, owners,
                                                                     owner):
    """A caller who may not detach learns nothing about which policy IDs exist."""
    _, created = user_with_key(account, "reader")
    reader = Api(created.access_key.access_key_id, created.secret_access_key)
    url = f"/api/v1/{owner}/attached-policies/ANPANOSUCHPOLICY0000/"
    assert error(reader.delete(url)) == (403, "AccessDenied")
    response = admin.delete(url)
    assert error(response) == (404, "NoSuchEntity")
    assert response.json()["message"] == "Policy with ID ANPANOSUCHPOLICY0000 does not exist."
