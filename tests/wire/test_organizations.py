"""AWS Organizations through a real boto3 client: the organization, its root and OUs, the
tree's navigation, and paging, with AWS's errors (the management account's root user)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import client


@pytest.fixture(scope="module")
def root_id(org_root):
    return org_root


def error(caught: pytest.ExceptionInfo) -> tuple[str, str | None]:
    """(code, Reason) of a refused call, after checking JSON 1.1's HTTP 400."""
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return response["Error"]["Code"], response.get("Reason")


def test_outside_an_organization_the_api_is_not_in_use(org):
    with pytest.raises(ClientError) as caught:
        org.describe_organization()
    assert error(caught) == ("AWSOrganizationsNotInUseException", None)


def test_the_management_account_describes_its_organization(org, root_id):
    described = org.describe_organization()["Organization"]
    assert described["Id"].startswith("o-") and described["FeatureSet"] == "ALL"
    assert described["MasterAccountId"] == "123456789012"
    assert described["Arn"] == (f"arn:aws:organizations::123456789012:organization/"
                                f"{described['Id']}")
    root = org.list_roots()["Roots"][0]
    assert root["Id"] == root_id and root["Name"] == "Root"
    with pytest.raises(ClientError) as caught:
        org.create_organization()
    assert error(caught)[0] == "AlreadyInOrganizationException"


def test_organizational_units_are_created_read_renamed_and_deleted(org, root_id):
    unit = org.create_organizational_unit(ParentId=root_id, Name="Workloads",
                                          Tags=[{"Key": "team", "Value": "platform"}])
    unit = unit["OrganizationalUnit"]
    assert unit["Id"].startswith("ou-") and unit["Name"] == "Workloads"
    assert org.describe_organizational_unit(
        OrganizationalUnitId=unit["Id"])["OrganizationalUnit"] == unit
    child = org.create_organizational_unit(ParentId=unit["Id"], Name="Prod")
    child_id = child["OrganizationalUnit"]["Id"]
    assert [u["Id"] for u in org.list_organizational_units_for_parent(
        ParentId=unit["Id"])["OrganizationalUnits"]] == [child_id]
    assert org.list_children(ParentId=unit["Id"], ChildType="ORGANIZATIONAL_UNIT")[
        "Children"] == [{"Id": child_id, "Type": "ORGANIZATIONAL_UNIT"}]
    assert org.list_parents(ChildId=child_id)["Parents"] == [
        {"Id": unit["Id"], "Type": "ORGANIZATIONAL_UNIT"}]
    assert org.list_parents(ChildId=unit["Id"])["Parents"] == [{"Id": root_id, "Type": "ROOT"}]
    renamed = org.update_organizational_unit(OrganizationalUnitId=child_id, Name="Production")
    assert renamed["OrganizationalUnit"]["Name"] == "Production"

    with pytest.raises(ClientError) as caught:
        org.create_organizational_unit(ParentId=unit["Id"], Name="Production")
    assert error(caught)[0] == "DuplicateOrganizationalUnitException"
    with pytest.raises(ClientError) as caught:
        org.delete_organizational_unit(OrganizationalUnitId=unit["Id"])
    assert error(caught)[0] == "OrganizationalUnitNotEmptyException"
    org.delete_organizational_unit(OrganizationalUnitId=child_id)
    org.delete_organizational_unit(OrganizationalUnitId=unit["Id"])
    with pytest.raises(ClientError) as caught:
        org.describe_organizational_unit(OrganizationalUnitId=unit["Id"])
    assert error(caught)[0] == "OrganizationalUnitNotFoundException"


def test_ous_nest_five_levels_deep_and_no_deeper(org, root_id):
    parent, made = root_id, []
    for level in range(5):
        parent = org.create_organizational_unit(ParentId=parent, Name=f"Level{level}")[
            "OrganizationalUnit"]["Id"]
        made.append(parent)
    with pytest.raises(ClientError) as caught:
        org.create_organizational_unit(ParentId=parent, Name="Level5")
    assert error(caught) == ("ConstraintViolationException", "OU_DEPTH_LIMIT_EXCEEDED")
    for unit_id in reversed(made):
        org.delete_organizational_unit(OrganizationalUnitId=unit_id)


def test_bad_input_is_refused_with_its_reason_before_anything_changes(org, root_id):
    with pytest.raises(ClientError) as caught:
        org.create_organizational_unit(ParentId="not-a-parent", Name="X")
    assert error(caught) == ("InvalidInputException", "INVALID_PATTERN")
    assert "'parentId'" in caught.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as caught:
        org.create_organizational_unit(ParentId=root_id, Name="x" * 129)
    assert error(caught) == ("InvalidInputException", "MAX_LENGTH_EXCEEDED")
    with pytest.raises(ClientError) as caught:
        org.create_organizational_unit(ParentId="ou-abcd-abcdefgh", Name="Nowhere")
    assert error(caught)[0] == "ParentNotFoundException"
    assert org.list_organizational_units_for_parent(ParentId=root_id)[
        "OrganizationalUnits"] == []


def test_listings_are_paged_with_next_token(org, root_id):
    made = [org.create_organizational_unit(ParentId=root_id, Name=f"Page{index}")[
        "OrganizationalUnit"]["Id"] for index in range(3)]
    first = org.list_organizational_units_for_parent(ParentId=root_id, MaxResults=2)
    assert len(first["OrganizationalUnits"]) == 2 and first["NextToken"]
    second = org.list_organizational_units_for_parent(ParentId=root_id, MaxResults=2,
                                                      NextToken=first["NextToken"])
    assert len(second["OrganizationalUnits"]) == 1 and "NextToken" not in second
    pages = org.get_paginator("list_organizational_units_for_parent").paginate(
        ParentId=root_id, PaginationConfig={"PageSize": 1})
    assert sorted(u["Id"] for page in pages for u in page["OrganizationalUnits"]) == sorted(made)
    with pytest.raises(ClientError) as caught:
        org.list_organizational_units_for_parent(ParentId=root_id, NextToken="forged")
    assert error(caught) == ("InvalidInputException", "INVALID_NEXT_TOKEN")
    for unit_id in made:
        org.delete_organizational_unit(OrganizationalUnitId=unit_id)


def test_an_iam_user_without_organizations_permissions_is_refused(org, root_id, make_user,
                                                                   wire_url):
    _, keys = make_user("org-clerk", "IAMReadOnlyAccess")
    clerk = client("organizations", wire_url, keys)
    with pytest.raises(ClientError) as caught:
        clerk.create_organizational_unit(ParentId=root_id, Name="NotMine")
    assert error(caught)[0] == "AccessDeniedException"
    assert "organizations:CreateOrganizationalUnit" in caught.value.response["Error"]["Message"]
    assert org.list_organizational_units_for_parent(ParentId=root_id)[
        "OrganizationalUnits"] == []
