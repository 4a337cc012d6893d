"""Organizations operations: the organization, OUs, policies, attachments and types, as the
management account's root user runs them (AWS's IDs, ARNs, limits and errors)."""

from __future__ import annotations

import json
import re

import pytest

from accounts.models import OrganizationMember
from iamconsole.operations import OPERATIONS
from iamconsole.operations.caller import root_caller
from iamconsole.organizations_errors import OrganizationsError

DENY_CREATE_USER = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})


def run(caller, operation, **inputs):
    return OPERATIONS[f"organizations:{operation}"](caller=caller, **inputs).run()


def error(caller, operation, **inputs) -> OrganizationsError:
    with pytest.raises(OrganizationsError) as info:
        run(caller, operation, **inputs)
    return info.value


@pytest.fixture
def mgmt(account):
    return root_caller(account)


@pytest.fixture
def org(mgmt):
    return run(mgmt, "CreateOrganization")["Organization"]


@pytest.fixture
def root_id(mgmt, org):
    return run(mgmt, "ListRoots")["Roots"][0]["Id"]


def test_create_organization_with_aws_ids_and_arns(mgmt, org, root_id):
    assert re.fullmatch(r"o-[a-z0-9]{10}", org["Id"])
    assert org["Arn"] == f"arn:aws:organizations::111111111111:organization/{org['Id']}"
    assert org["MasterAccountId"] == "111111111111"
    assert re.fullmatch(r"r-[a-z0-9]{4}", root_id)
    assert run(mgmt, "ListRoots")["Roots"][0]["PolicyTypes"] == []
    assert error(mgmt, "CreateOrganization").code == "AlreadyInOrganizationException"


def test_outside_an_organization_not_in_use(mgmt):
    assert error(mgmt, "DescribeOrganization").code == "AWSOrganizationsNotInUseException"


def test_ous_nest_five_levels(mgmt, root_id):
    parent = root_id
    for level in range(5):
        unit = run(mgmt, "CreateOrganizationalUnit", parent_id=parent,
                   name=f"L{level}")["OrganizationalUnit"]
        assert re.fullmatch(rf"ou-{root_id[2:]}-[a-z0-9]{{8}}", unit["Id"])
        parent = unit["Id"]
    too_deep = error(mgmt, "CreateOrganizationalUnit", parent_id=parent, name="L5")
    assert (too_deep.code, too_deep.reason) == ("ConstraintViolationException",
                                                "OU_DEPTH_LIMIT_EXCEEDED")
    assert run(mgmt, "ListParents", child_id=parent)["Parents"][0]["Type"] == \
        "ORGANIZATIONAL_UNIT"
    assert error(mgmt, "DeleteOrganizationalUnit",
                 organizational_unit_id=run(mgmt, "ListChildren", parent_id=root_id,
                                            child_type="ORGANIZATIONAL_UNIT")
                 ["Children"][0]["Id"]).code == "OrganizationalUnitNotEmptyException"


def test_ou_names_unique_per_parent_rename_delete(mgmt, root_id):
    unit = run(mgmt, "CreateOrganizationalUnit", parent_id=root_id,
               name="Workloads")["OrganizationalUnit"]
    assert error(mgmt, "CreateOrganizationalUnit", parent_id=root_id,
                 name="Workloads").code == "DuplicateOrganizationalUnitException"
    renamed = run(mgmt, "UpdateOrganizationalUnit", organizational_unit_id=unit["Id"],
                  name="Prod")["OrganizationalUnit"]
    assert renamed["Name"] == "Prod"
    assert [u["Name"] for u in run(mgmt, "ListOrganizationalUnitsForParent",
                                   parent_id=root_id)["OrganizationalUnits"]] == ["Prod"]
    run(mgmt, "DeleteOrganizationalUnit", organizational_unit_id=unit["Id"])
    assert error(mgmt, "DescribeOrganizationalUnit",
                 organizational_unit_id=unit["Id"]).code == \
        "OrganizationalUnitNotFoundException"
    assert error(mgmt, "ListChildren", parent_id="ou-zzzz-zzzzzzzz",
                 child_type="ACCOUNT").code == "ParentNotFoundException"


def test_policies_types_and_attachments(mgmt, root_id, account):
    scp = "SERVICE_CONTROL_POLICY"
    policy = run(mgmt, "CreatePolicy", name="DenyCreateUser", content=DENY_CREATE_USER,
                 type=scp)["Policy"]["PolicySummary"]
    assert re.fullmatch(r"p-[a-z0-9]{8}", policy["Id"])
    assert "/service_control_policy/" in policy["Arn"]
    names = [p["Name"] for p in run(mgmt, "ListPolicies", filter=scp)["Policies"]]
    assert names == ["DenyCreateUser", "FullAWSAccess"]
    assert error(mgmt, "AttachPolicy", policy_id=policy["Id"],
                 target_id=root_id).code == "PolicyTypeNotEnabledException"
    root = run(mgmt, "EnablePolicyType", root_id=root_id, policy_type=scp)["Root"]
    assert root["PolicyTypes"] == [{"Type": scp, "Status": "ENABLED"}]
    assert error(mgmt, "EnablePolicyType", root_id=root_id,
                 policy_type=scp).code == "PolicyTypeAlreadyEnabledException"
    # FullAWSAccess goes to the root and every account, as AWS does.
    for target in (root_id, "111111111111"):
        assert [p["Id"] for p in run(mgmt, "ListPoliciesForTarget", target_id=target,
                                     filter=scp)["Policies"]] == ["p-FullAWSAccess"]
    unit = run(mgmt, "CreateOrganizationalUnit", parent_id=root_id,
               name="Workloads")["OrganizationalUnit"]
    run(mgmt, "AttachPolicy", policy_id=policy["Id"], target_id=unit["Id"])
    assert error(mgmt, "AttachPolicy", policy_id=policy["Id"],
                 target_id=unit["Id"]).code == "DuplicatePolicyAttachmentException"
    targets = run(mgmt, "ListTargetsForPolicy", policy_id=policy["Id"])["Targets"]
    assert targets[0]["Type"] == "ORGANIZATIONAL_UNIT" and targets[0]["Name"] == "Workloads"
    assert error(mgmt, "DeletePolicy", policy_id=policy["Id"]).code == "PolicyInUseException"
    last = error(mgmt, "DetachPolicy", policy_id="p-FullAWSAccess", target_id=root_id)
    assert last.reason == "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    run(mgmt, "DetachPolicy", policy_id="p-FullAWSAccess", target_id=unit["Id"])
    assert error(mgmt, "DetachPolicy", policy_id="p-FullAWSAccess",
                 target_id=unit["Id"]).code == "PolicyNotAttachedException"
    for index in range(4):
        extra = run(mgmt, "CreatePolicy", name=f"Extra{index}", content=DENY_CREATE_USER,
                    type=scp)["Policy"]["PolicySummary"]
        run(mgmt, "AttachPolicy", policy_id=extra["Id"], target_id=unit["Id"])
    sixth = run(mgmt, "CreatePolicy", name="Sixth", content=DENY_CREATE_USER,
                type=scp)["Policy"]["PolicySummary"]
    assert error(mgmt, "AttachPolicy", policy_id=sixth["Id"],
                 target_id=unit["Id"]).reason == "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    assert error(mgmt, "AttachPolicy", policy_id=sixth["Id"],
                 target_id="999999999999").code == "TargetNotFoundException"
    assert error(mgmt, "DescribePolicy", policy_id="p-00000000").code == \
        "PolicyNotFoundException"
    run(mgmt, "DisablePolicyType", root_id=root_id, policy_type=scp)
    assert run(mgmt, "ListTargetsForPolicy", policy_id="p-FullAWSAccess")["Targets"] == []


def test_policy_content_rules(mgmt, org):
    scp = "SERVICE_CONTROL_POLICY"
    big = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "S" * 5200, "Effect": "Deny", "Action": "*", "Resource": "*"}]})
    too_big = error(mgmt, "CreatePolicy", name="Big", content=big, type=scp)
    assert (too_big.code, too_big.reason) == ("ConstraintViolationException",
                                              "POLICY_CONTENT_LIMIT_EXCEEDED")
    with_principal = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]})
    assert error(mgmt, "CreatePolicy", name="P", content=with_principal,
                 type=scp).code == "MalformedPolicyDocumentException"
    run(mgmt, "CreatePolicy", name="Same", content=DENY_CREATE_USER, type=scp)
    assert error(mgmt, "CreatePolicy", name="Same", content=DENY_CREATE_USER,
                 type=scp).code == "DuplicatePolicyException"
    assert error(mgmt, "UpdatePolicy", policy_id="p-FullAWSAccess",
                 name="Mine").reason == "IMMUTABLE_POLICY"
    assert error(mgmt, "CreatePolicy", name="X", content=DENY_CREATE_USER,
                 type="TAG_POLICY").reason == "INVALID_ENUM_POLICY_TYPE"


def test_member_account_may_not_manage(mgmt, org, other_account):
    OrganizationMember.objects.create(organization_id=OrganizationMember.objects.get(
        account__account_id="111111111111").organization_id, account=other_account,
        joined_method="INVITED")
    member = root_caller(other_account)
    assert run(member, "DescribeOrganization")["Organization"]["Id"] == org["Id"]
    assert error(member, "ListRoots").code == "AccessDeniedException"
    assert error(member, "CreatePolicy", name="x", content=DENY_CREATE_USER,
                 type="SERVICE_CONTROL_POLICY").code == "AccessDeniedException"
