"""Organizations in the REST API: the organization, its root and policy types, OUs and the
tree's navigation, with AWS's errors by kind, refusals and paged lists."""

from __future__ import annotations

import re

import pytest

from .helpers import error
from .openapi import schema
from .organizations_support import ORGS, SCP

pytestmark = pytest.mark.django_db


def test_outside_an_organization_everything_is_not_in_use(admin):
    for path in ("/organization/", "/roots/", "/accounts/", f"/policies/?filter={SCP}"):
        response = admin.get(ORGS + path)
        assert error(response) == (404, "AWSOrganizationsNotInUseException"), path
        assert "not a member of an organization" in response.json()["message"]


def test_create_describe_and_delete_the_organization(admin):
    response = admin.post(f"{ORGS}/organization/", {"feature_set": "ALL"})
    assert response.status_code == 201, response.content
    created = response.json()
    assert re.fullmatch(r"o-[a-z0-9]{10}", created["id"])
    assert created["master_account_id"] == "111111111111"
    assert created["arn"] == f"arn:aws:organizations::111111111111:organization/{created['id']}"
    assert admin.get(f"{ORGS}/organization/").json() == created
    assert error(admin.post(f"{ORGS}/organization/")) == (409, "AlreadyInOrganizationException")
    assert admin.delete(f"{ORGS}/organization/").status_code == 204
    assert error(admin.get(f"{ORGS}/organization/"))[1] == "AWSOrganizationsNotInUseException"


def test_bad_feature_set_names_the_field(admin):
    response = admin.post(f"{ORGS}/organization/", {"feature_set": "SOME"})
    assert error(response) == (400, "InvalidInput")
    assert response.json()["field"] == "feature_set"


def test_an_organization_with_members_cannot_be_deleted(admin, organization):
    assert error(admin.delete(f"{ORGS}/organization/")) == (409, "OrganizationNotEmptyException")


def test_roots_and_policy_types(admin, organization):
    root_id = organization["root_id"]
    page = admin.get(f"{ORGS}/roots/").json()
    assert page["is_truncated"] is False and page["marker"] is None
    [root] = page["results"]
    assert root["id"] == root_id and root["policy_types"] == [
        {"type": SCP, "status": "ENABLED"}]
    path = f"{ORGS}/roots/{root_id}/policy-types/{SCP}/"
    assert error(admin.post(path)) == (409, "PolicyTypeAlreadyEnabledException")
    response = admin.delete(path)
    assert response.status_code == 200 and response.json()["policy_types"] == []
    assert error(admin.delete(path)) == (409, "PolicyTypeNotEnabledException")
    rcp = admin.post(f"{ORGS}/roots/{root_id}/policy-types/RESOURCE_CONTROL_POLICY/")
    assert rcp.json()["policy_types"] == [{"type": "RESOURCE_CONTROL_POLICY",
                                           "status": "ENABLED"}]
    response = admin.post(f"{ORGS}/roots/{root_id}/policy-types/TAG_POLICY/")
    assert error(response) == (400, "InvalidInputException")
    assert response.json()["reason"] == "INVALID_ENUM_POLICY_TYPE"
    assert error(admin.post(f"{ORGS}/roots/r-nope/policy-types/{SCP}/")) == (
        404, "RootNotFoundException")


def test_organizational_units(admin, organization):
    root_id = organization["root_id"]
    response = admin.post(f"{ORGS}/organizational-units/",
                          {"parent_id": root_id, "name": "Sandbox", "tags": {"team": "a"}})
    assert response.status_code == 201, response.content
    unit = response.json()
    assert unit["name"] == "Sandbox" and unit["path"].endswith(f"/{root_id}/{unit['id']}/")
    assert admin.get(f"{ORGS}/organizational-units/{unit['id']}/").json() == unit
    renamed = admin.patch(f"{ORGS}/organizational-units/{unit['id']}/", {"name": "Play"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Play"
    assert admin.get(f"{ORGS}/resources/{unit['id']}/tags/").json() == {"tags": {"team": "a"}}
    duplicate = admin.post(f"{ORGS}/organizational-units/",
                           {"parent_id": root_id, "name": "Workloads"})
    assert error(duplicate) == (409, "DuplicateOrganizationalUnitException")
    missing_parent = admin.post(f"{ORGS}/organizational-units/",
                                {"parent_id": "ou-abcd-12345678", "name": "X"})
    assert error(missing_parent) == (404, "ParentNotFoundException")
    assert error(admin.post(f"{ORGS}/organizational-units/", {"parent_id": root_id}))[0] == 400
    assert admin.delete(f"{ORGS}/organizational-units/{unit['id']}/").status_code == 204
    assert error(admin.get(f"{ORGS}/organizational-units/{unit['id']}/")) == (
        404, "OrganizationalUnitNotFoundException")


def test_a_unit_holding_an_account_cannot_be_deleted(admin, organization):
    response = admin.delete(f"{ORGS}/organizational-units/{organization['ou']}/")
    assert error(response) == (409, "OrganizationalUnitNotEmptyException")


def test_ous_nest_five_levels_then_a_constraint_with_its_reason(admin, organization):
    parent = organization["root_id"]
    for level in range(5):
        response = admin.post(f"{ORGS}/organizational-units/",
                              {"parent_id": parent, "name": f"level{level}"})
        assert response.status_code == 201, response.content
        parent = response.json()["id"]
    response = admin.post(f"{ORGS}/organizational-units/", {"parent_id": parent, "name": "deep"})
    assert error(response) == (409, "ConstraintViolationException")
    assert response.json()["reason"] == "OU_DEPTH_LIMIT_EXCEEDED"


def test_children_and_parents(admin, organization):
    root_id, ou, member = organization["root_id"], organization["ou"], organization["member_id"]
    units = admin.get(f"{ORGS}/parents/{root_id}/children/?type=ORGANIZATIONAL_UNIT").json()
    assert units["results"] == [{"id": ou, "type": "ORGANIZATIONAL_UNIT"}]
    accounts = admin.get(f"{ORGS}/parents/{root_id}/children/?type=ACCOUNT").json()
    assert accounts["results"] == [{"id": "111111111111", "type": "ACCOUNT"}]
    in_ou = admin.get(f"{ORGS}/parents/{ou}/children/?type=ACCOUNT").json()["results"]
    assert in_ou == [{"id": member, "type": "ACCOUNT"}]
    response = admin.get(f"{ORGS}/parents/{root_id}/children/")
    assert error(response) == (400, "InvalidInputException")
    assert response.json()["reason"] == "INVALID_ENUM"
    listed = admin.get(f"{ORGS}/parents/{root_id}/organizational-units/").json()["results"]
    assert [unit["name"] for unit in listed] == ["Workloads"]
    assert admin.get(f"{ORGS}/children/{member}/parents/").json()["results"] == [
        {"id": ou, "type": "ORGANIZATIONAL_UNIT"}]
    assert admin.get(f"{ORGS}/children/{ou}/parents/").json()["results"] == [
        {"id": root_id, "type": "ROOT"}]
    assert error(admin.get(f"{ORGS}/children/999999999999/parents/")) == (
        404, "ChildNotFoundException")
    assert error(admin.get(f"{ORGS}/parents/ou-abcd-12345678/organizational-units/")) == (
        404, "ParentNotFoundException")


def test_lists_are_paged_with_signed_markers(admin, organization):
    root_id = organization["root_id"]
    for name in ("b", "c", "d"):
        admin.post(f"{ORGS}/organizational-units/", {"parent_id": root_id, "name": name})
    path = f"{ORGS}/parents/{root_id}/organizational-units/"
    first = admin.get(f"{path}?limit=3").json()
    assert len(first["results"]) == 3 and first["is_truncated"] is True
    second = admin.get(f"{path}?limit=3&marker={first['marker']}").json()
    assert len(second["results"]) == 1 and second["is_truncated"] is False
    assert second["marker"] is None
    names = {unit["name"] for unit in first["results"] + second["results"]}
    assert names == {"Workloads", "b", "c", "d"}
    forged = admin.get(f"{path}?marker={first['marker'][:-2]}xx")
    assert error(forged) == (400, "InvalidInput") and forged.json()["field"] == "marker"
    other_list = admin.get(f"{ORGS}/accounts/?marker={first['marker']}")
    assert error(other_list) == (400, "InvalidInput")
    assert error(admin.get(f"{path}?limit=0"))[0] == 400


def test_member_accounts_read_their_organization_but_manage_nothing(member_admin,
                                                                    organization):
    assert member_admin.get(f"{ORGS}/organization/").status_code == 200
    response = member_admin.get(f"{ORGS}/roots/")
    assert error(response) == (403, "AccessDeniedException")
    assert "organizations:ListRoots" in response.json()["message"]
    response = member_admin.post(f"{ORGS}/organizational-units/",
                                 {"parent_id": organization["root_id"], "name": "Mine"})
    assert error(response) == (403, "AccessDeniedException")
    assert "organizations:CreateOrganizationalUnit" in response.json()["message"]


def test_a_caller_without_permission_is_refused_naming_the_action(nobody, organization):
    response = nobody.post(f"{ORGS}/organizational-units/",
                           {"parent_id": organization["root_id"], "name": "Mine"})
    assert error(response) == (403, "AccessDenied")
    assert "organizations:CreateOrganizationalUnit" in response.json()["message"]
    response = nobody.get(f"{ORGS}/organization/")
    assert error(response) == (403, "AccessDenied")
    assert "perform: organizations:DescribeOrganization" in response.json()["message"]


def test_a_caller_without_permission_learns_nothing_outside_an_organization(nobody):
    response = nobody.get(f"{ORGS}/roots/")
    assert error(response) == (403, "AccessDenied")
    assert "organizations:ListRoots" in response.json()["message"]


def test_anonymous_callers_are_refused(anonymous):
    assert error(anonymous.get(f"{ORGS}/organization/")) == (401, "NotAuthenticated")


def test_tree_lists_run_bounded_queries(admin, organization, django_assert_max_num_queries):
    """Deep in the tree, with several OUs at each level, each list reads a fixed number of
    rows sets (an OU's Path walks its parents once for the whole list)."""
    parent = above = organization["ou"]
    for _level in range(3):
        for index in range(4):
            created = admin.post(f"{ORGS}/organizational-units/",
                                 {"parent_id": parent, "name": f"team{index}"}).json()
        above, parent = parent, created["id"]
    for path in (f"/parents/{above}/organizational-units/",
                 f"/parents/{organization['root_id']}/children/?type=ORGANIZATIONAL_UNIT",
                 f"/parents/{organization['ou']}/children/?type=ACCOUNT",
                 "/roots/", f"/children/{parent}/parents/"):
        with django_assert_max_num_queries(8):
            assert admin.get(ORGS + path).status_code == 200


def test_organizations_lists_are_documented_as_pages():
    paths = schema()["paths"]
    listing = paths["/api/v1/organizations/accounts/"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {"limit", "marker"}
    body = listing["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PaginatedOrganizationAccountList"}
    children = {p["name"]: p for p in
                paths["/api/v1/organizations/parents/{parent_id}/children/"]["get"][
                    "parameters"]}
    assert children["type"]["required"]
    assert set(children["type"]["schema"]["enum"]) == {"ORGANIZATIONAL_UNIT", "ACCOUNT"}
    # Not in use (404) and the organization's rules (409) everywhere, with `reason`.
    assert {"404", "409"} <= set(paths["/api/v1/organizations/roots/"]["get"]["responses"])
    assert "reason" in schema()["components"]["schemas"]["Error"]["properties"]
