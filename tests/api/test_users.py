"""`/api/v1/users/`: create, read, rename, delete, filters, order, pages, boundary and tags."""

from __future__ import annotations

import pytest

from accounts.models import IamUser
from accounts.services import access_key_create, group_add_user, group_create, user_create
from policies.services import inline_policy_put
from tests.api.helpers import Api, error, user_with_key

pytestmark = pytest.mark.django_db
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["results"]]


def test_create_user(admin):
    response = admin.post("/api/v1/users/", {"name": "alice", "path": "/eng/",
                                             "tags": {"team": "platform"}})
    assert response.status_code == 201
    body = response.json()
    assert body["arn"] == "arn:aws:iam::111111111111:user/eng/alice"
    assert body["user_id"].startswith("AIDA") and body["tags"] == {"team": "platform"}
    assert body["permissions_boundary"] is None
    assert response["ETag"].startswith('"')
    assert admin.get("/api/v1/users/alice/")["ETag"] == response["ETag"]


def test_create_user_with_a_permissions_boundary(admin):
    response = admin.post("/api/v1/users/", {"name": "bob", "permissions_boundary": READ_ONLY})
    assert response.status_code == 201
    assert response.json()["permissions_boundary"] == {
        "permissions_boundary_type": "PermissionsBoundaryPolicy",
        "permissions_boundary_arn": READ_ONLY,
    }
    missing = admin.post("/api/v1/users/", {"name": "carol",
                                            "permissions_boundary": READ_ONLY + "Nope"})
    assert error(missing) == (404, "NoSuchEntity")


@pytest.mark.parametrize("body, field", [
    ({}, "name"),
    ({"name": "bad name"}, "name"),
    ({"name": "x" * 65}, "name"),
    ({"name": "alice", "path": "no-slashes"}, "path"),
    ({"name": "alice", "tags": {"aws:reserved": "x"}}, "tags"),
    ({"name": "alice", "tags": {"k": "v" * 257}}, "tags.k"),
    ({"name": "alice", "tags": ["not", "an", "object"]}, "tags"),
])
def test_invalid_users_are_refused_naming_the_field(admin, body, field):
    response = admin.post("/api/v1/users/", body)
    assert error(response) == (400, "InvalidInput")
    assert response.json()["field"] == field
    assert not IamUser.objects.filter(name="alice").exists()


def test_malformed_json_is_invalid_input_not_a_500(admin):
    response = admin.client.post("/api/v1/users/", data="{not json",
                                 content_type="application/json", **admin.headers)
    assert error(response) == (400, "InvalidInput")


def test_user_names_are_unique_ignoring_case(admin):
    admin.post("/api/v1/users/", {"name": "alice"})
    response = admin.post("/api/v1/users/", {"name": "ALICE"})
    assert error(response) == (409, "EntityAlreadyExists")
    assert response.json()["field"] == "name"


def test_the_users_quota_is_enforced(admin, settings):
    settings.IAM_QUOTA_USERS = 1  # the admin user already uses it
    response = admin.post("/api/v1/users/", {"name": "alice"})
    assert error(response) == (409, "LimitExceeded")
    assert response.json()["message"] == "Cannot exceed quota for UsersPerAccount: 1"


def test_get_user_by_name_ignoring_case_and_404_otherwise(admin, account):
    user_create(account=account, name="Alice")
    assert admin.get("/api/v1/users/alice/").json()["name"] == "Alice"
    response = admin.get("/api/v1/users/nobody-here/")
    assert error(response) == (404, "NoSuchEntity")
    assert response.json()["message"] == "The user with name nobody-here cannot be found."


def test_rename_and_move_a_user(admin, account):
    user = user_create(account=account, name="alice")
    response = admin.patch("/api/v1/users/alice/", {"name": "alice.smith", "path": "/eng/"})
    assert response.status_code == 200
    assert response.json()["arn"] == "arn:aws:iam::111111111111:user/eng/alice.smith"
    assert response.json()["user_id"] == user.unique_id
    assert error(admin.get("/api/v1/users/alice/")) == (404, "NoSuchEntity")


def test_renaming_onto_another_user_conflicts_and_an_empty_patch_is_invalid(admin, account):
    user_create(account=account, name="alice")
    user_create(account=account, name="bob")
    assert error(admin.patch("/api/v1/users/alice/", {"name": "BOB"})) == (
        409, "EntityAlreadyExists")
    assert error(admin.patch("/api/v1/users/alice/", {})) == (400, "InvalidInput")


def test_renaming_needs_permission_on_the_new_name_too(account, aws_policy):
    user, created = user_with_key(account, "ops")
    inline_policy_put(entity=user, name="rename-alice", policy_document={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["iam:UpdateUser", "iam:GetUser"],
                       "Resource": "arn:aws:iam::111111111111:user/alice"}],
    })
    user_create(account=account, name="alice")
    api = Api(created.access_key.access_key_id, created.secret_access_key)
    response = api.patch("/api/v1/users/alice/", {"name": "mallory"})
    assert error(response) == (403, "AccessDenied")
    assert "on resource: arn:aws:iam::111111111111:user/mallory" in response.json()["message"]


def test_delete_refuses_while_dependents_remain_then_deletes_with_them(admin, account,
                                                                      aws_policy):
    admin.post("/api/v1/users/", {"name": "alice"})
    admin.post("/api/v1/users/alice/attached-policies/", {"policy_arn": READ_ONLY})
    admin.post("/api/v1/users/alice/access-keys/")
    group_add_user(group=group_create(account=account, name="devs"),
                   user=IamUser.objects.get(name="alice"))
    response = admin.delete("/api/v1/users/alice/")
    assert error(response) == (409, "DeleteConflict")
    kinds = {d["type"] for d in response.json()["details"]}
    assert kinds == {"access key", "attached policy", "group membership"}
    assert admin.delete("/api/v1/users/alice/?with_dependents=true").status_code == 204
    assert not IamUser.objects.filter(name="alice").exists()


def test_delete_user(admin, account):
    user_create(account=account, name="alice")
    assert admin.delete("/api/v1/users/alice/").status_code == 204
    assert error(admin.delete("/api/v1/users/alice/")) == (404, "NoSuchEntity")


def test_list_filters_and_orders(admin, account):
    for name, path in (("carol", "/eng/"), ("bob", "/ops/"), ("alice", "/eng/team/")):
        user_create(account=account, name=name, path=path)
    assert names(admin.get("/api/v1/users/?path_prefix=/eng/")) == ["alice", "carol"]
    assert names(admin.get("/api/v1/users/?name_contains=AR")) == ["carol"]
    assert names(admin.get("/api/v1/users/?ordering=-name")) == ["carol", "bob", "alice",
                                                                 "admin"]
    by_creation = names(admin.get("/api/v1/users/?ordering=created_at"))
    assert by_creation == ["admin", "carol", "bob", "alice"]
    listed = admin.get("/api/v1/users/?name_contains=carol").json()["results"][0]
    assert listed["has_login_profile"] is False and listed["group_count"] == 0


def test_pages_follow_markers_and_stay_stable_while_users_are_added(admin, account):
    for name in ("b", "d", "f", "h"):
        user_create(account=account, name=name)
    first = admin.get("/api/v1/users/?limit=2").json()
    assert [u["name"] for u in first["results"]] == ["admin", "b"]
    assert first["is_truncated"] is True
    # Rows inserted before the marker's position neither repeat nor shift the next page.
    user_create(account=account, name="a0")
    user_create(account=account, name="c")
    second = admin.get(f"/api/v1/users/?limit=2&marker={first['marker']}").json()
    assert [u["name"] for u in second["results"]] == ["c", "d"]
    third = admin.get(f"/api/v1/users/?limit=2&marker={second['marker']}").json()
    assert [u["name"] for u in third["results"]] == ["f", "h"]
    assert third["is_truncated"] is False and third["marker"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "limit=x", "marker=forged",
                                   "marker=WzAsMCwiYSIsWyJuYW1lIiwicGsiXV0:1xVa6g:bad"])
def test_bad_limits_and_markers_are_invalid_input(admin, query):
    response = admin.get(f"/api/v1/users/?{query}")
    assert error(response) == (400, "InvalidInput")
    assert response.json()["field"] in ("limit", "marker")


def test_a_marker_from_another_ordering_is_refused(admin, account):
    for name in ("b", "c"):
        user_create(account=account, name=name)
    marker = admin.get("/api/v1/users/?limit=1").json()["marker"]
    response = admin.get(f"/api/v1/users/?limit=1&ordering=-created_at&marker={marker}")
    assert error(response) == (400, "InvalidInput")


def test_groups_of_a_user(admin, account):
    user = user_create(account=account, name="alice")
    for name in ("ops", "devs"):
        group_add_user(group=group_create(account=account, name=name), user=user)
    assert names(admin.get("/api/v1/users/alice/groups/")) == ["devs", "ops"]


def test_permissions_boundary(admin, account):
    user_create(account=account, name="alice")
    assert admin.get("/api/v1/users/alice/permissions-boundary/").json() == {
        "permissions_boundary": None}
    response = admin.put("/api/v1/users/alice/permissions-boundary/", {"policy_arn": READ_ONLY})
    assert response.json()["permissions_boundary"]["permissions_boundary_arn"] == READ_ONLY
    assert admin.get("/api/v1/users/alice/").json()["permissions_boundary"] is not None
    bad = admin.put("/api/v1/users/alice/permissions-boundary/",
                    {"policy_arn": "arn:aws:iam::aws:policy/NoSuchPolicy"})
    assert error(bad) == (404, "NoSuchEntity")
    assert admin.delete("/api/v1/users/alice/permissions-boundary/").status_code == 204
    assert admin.get("/api/v1/users/alice/").json()["permissions_boundary"] is None


def test_tags(admin, account):
    user_create(account=account, name="alice", tags={"team": "a"})
    response = admin.post("/api/v1/users/alice/tags/", {"tags": {"TEAM": "b", "env": "prod"}})
    assert response.json() == {"tags": {"team": "b", "env": "prod"}}
    assert admin.get("/api/v1/users/alice/tags/").json() == {"tags": {"team": "b", "env": "prod"}}
    assert admin.delete("/api/v1/users/alice/tags/?key=team&key=absent").json() == {
        "tags": {"env": "prod"}}
    too_many = {f"k{n}": "v" for n in range(51)}
    assert error(admin.post("/api/v1/users/alice/tags/", {"tags": too_many})) == (
        400, "InvalidInput")
    assert error(admin.delete("/api/v1/users/alice/tags/")) == (400, "InvalidInput")


def test_the_trailing_slash_is_optional(admin):
    assert admin.post("/api/v1/users", {"name": "alice"}).status_code == 201
    assert admin.get("/api/v1/users/alice").json()["name"] == "alice"
    assert admin.get("/api/v1/account/summary").status_code == 200


def test_head_reads_and_options_is_not_offered(admin):
    assert admin.call("head", "/api/v1/users/").status_code == 200
    response = admin.call("options", "/api/v1/users/")
    assert error(response) == (405, "MethodNotAllowed")
    assert error(admin.call("put", "/api/v1/users/", {})) == (405, "MethodNotAllowed")


def test_unknown_api_urls_answer_json_404(admin):
    response = admin.get("/api/v1/users/alice/no-such-thing/")
    assert error(response) == (404, "NoSuchEntity")


def test_deleting_with_dependents_needs_permission_to_remove_each_of_them(account):
    ops, created = user_with_key(account, "ops")
    inline_policy_put(entity=ops, name="delete-users", policy_document={
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "iam:DeleteUser", "Resource": "*"}],
    })
    alice = user_create(account=account, name="alice")
    access_key_create(user=alice)
    api = Api(created.access_key.access_key_id, created.secret_access_key)
    response = api.delete("/api/v1/users/alice/?with_dependents=true")
    assert error(response) == (403, "AccessDenied")
    # Only the removals alice needs are asked for: she has a key and no console password.
    assert "iam:DeleteAccessKey" in response.json()["message"]
    assert IamUser.objects.filter(name="alice").exists()
    assert error(api.delete("/api/v1/users/alice/")) == (409, "DeleteConflict")
