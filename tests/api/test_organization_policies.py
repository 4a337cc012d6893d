"""Organizations' policies in the REST API: SCPs and RCPs, their attachments and AWS's rules
(duplicates, limits, the last SCP of a target), effective policies and tags."""

from __future__ import annotations

import json

import pytest

from .helpers import error
from .organizations_support import DENY_CREATE_USER, DENY_CREATE_USER_TEXT, ORGS, SCP

pytestmark = pytest.mark.django_db


def create_scp(api, name: str = "DenyCreateUser", content=DENY_CREATE_USER) -> dict:
    response = api.post(f"{ORGS}/policies/", {"name": name, "type": SCP, "content": content,
                                              "description": "No new users"})
    assert response.status_code == 201, response.content
    return response.json()


def full_access(api) -> dict:
    listed = api.get(f"{ORGS}/policies/?filter={SCP}").json()["results"]
    return next(policy for policy in listed if policy["aws_managed"])


def test_create_describe_update_and_delete_a_policy(admin, organization):
    policy = create_scp(admin)
    assert policy["id"].startswith("p-") and policy["type"] == SCP
    assert json.loads(policy["content"]) == DENY_CREATE_USER
    assert policy["arn"].endswith(f"/service_control_policy/{policy['id']}")
    assert admin.get(f"{ORGS}/policies/{policy['id']}/").json() == policy
    as_text = create_scp(admin, "AsText", DENY_CREATE_USER_TEXT)
    assert as_text["content"] == DENY_CREATE_USER_TEXT
    updated = admin.patch(f"{ORGS}/policies/{policy['id']}/", {"description": "Changed"})
    assert updated.status_code == 200 and updated.json()["description"] == "Changed"
    assert updated.json()["content"] == policy["content"]
    listed = admin.get(f"{ORGS}/policies/?filter={SCP}").json()["results"]
    assert {p["name"] for p in listed} == {"FullAWSAccess", "DenyCreateUser", "AsText"}
    assert admin.delete(f"{ORGS}/policies/{policy['id']}/").status_code == 204
    assert error(admin.get(f"{ORGS}/policies/{policy['id']}/")) == (
        404, "PolicyNotFoundException")


def test_policy_input_errors(admin, organization):
    create_scp(admin)
    assert error(admin.post(f"{ORGS}/policies/", {
        "name": "DenyCreateUser", "type": SCP, "content": DENY_CREATE_USER})) == (
        409, "DuplicatePolicyException")
    malformed = admin.post(f"{ORGS}/policies/", {"name": "Bad", "type": SCP,
                                                 "content": {"Statement": "nope"}})
    assert error(malformed) == (400, "MalformedPolicyDocumentException")
    assert malformed.json()["field"] == "Content"
    response = admin.post(f"{ORGS}/policies/", {"name": "X", "type": "TAG", "content": "{}"})
    assert error(response) == (400, "InvalidInput") and response.json()["field"] == "type"
    response = admin.get(f"{ORGS}/policies/")
    assert error(response) == (400, "InvalidInputException")
    assert response.json()["reason"] == "INVALID_ENUM_POLICY_TYPE"
    managed = full_access(admin)
    response = admin.patch(f"{ORGS}/policies/{managed['id']}/", {"name": "Mine"})
    assert error(response) == (400, "InvalidInputException")
    assert response.json()["reason"] == "IMMUTABLE_POLICY"


def test_attach_list_and_detach(admin, organization):
    ou, member = organization["ou"], organization["member_id"]
    policy = create_scp(admin)
    attach = f"{ORGS}/policies/{policy['id']}/targets/{ou}/"
    assert admin.post(attach).status_code == 204
    assert error(admin.post(attach)) == (409, "DuplicatePolicyAttachmentException")
    targets = admin.get(f"{ORGS}/policies/{policy['id']}/targets/").json()["results"]
    assert targets == [{"target_id": ou, "type": "ORGANIZATIONAL_UNIT", "name": "Workloads",
                        "arn": targets[0]["arn"]}]
    on_ou = admin.get(f"{ORGS}/targets/{ou}/policies/?filter={SCP}").json()["results"]
    assert {p["name"] for p in on_ou} == {"FullAWSAccess", "DenyCreateUser"}
    assert error(admin.post(f"{ORGS}/policies/{policy['id']}/targets/ou-abcd-12345678/")) == (
        404, "TargetNotFoundException")
    assert error(admin.get(f"{ORGS}/targets/999999999999/policies/?filter={SCP}")) == (
        404, "TargetNotFoundException")
    assert error(admin.delete(f"{ORGS}/policies/{policy['id']}/")) == (
        409, "PolicyInUseException")
    assert admin.delete(attach).status_code == 204
    assert error(admin.delete(attach)) == (404, "PolicyNotAttachedException")
    last = admin.delete(f"{ORGS}/policies/{full_access(admin)['id']}/targets/{member}/")
    assert error(last) == (409, "ConstraintViolationException")
    assert last.json()["reason"] == "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"


def test_five_policies_of_a_type_per_target(admin, organization):
    ou = organization["ou"]
    for index in range(4):  # FullAWSAccess is the fifth
        policy = create_scp(admin, f"Deny{index}")
        assert admin.post(f"{ORGS}/policies/{policy['id']}/targets/{ou}/").status_code == 204
    sixth = create_scp(admin, "OneTooMany")
    response = admin.post(f"{ORGS}/policies/{sixth['id']}/targets/{ou}/")
    assert error(response) == (409, "ConstraintViolationException")
    assert response.json()["reason"] == "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"


def test_a_type_not_enabled_refuses_attachments(admin, organization):
    admin.delete(f"{ORGS}/roots/{organization['root_id']}/policy-types/{SCP}/")
    policy = create_scp(admin)
    response = admin.post(f"{ORGS}/policies/{policy['id']}/targets/{organization['ou']}/")
    assert error(response) == (409, "PolicyTypeNotEnabledException")


def test_member_accounts_may_describe_but_not_create_policies(member_admin, admin,
                                                              organization):
    policy = create_scp(admin)
    assert member_admin.get(f"{ORGS}/policies/{policy['id']}/").status_code == 200
    response = member_admin.post(f"{ORGS}/policies/", {"name": "Mine", "type": SCP,
                                                       "content": DENY_CREATE_USER})
    assert error(response) == (403, "AccessDeniedException")
    assert "organizations:CreatePolicy" in response.json()["message"]


def test_effective_policies(admin, organization):
    response = admin.get(f"{ORGS}/effective-policy/?type={SCP}")
    assert error(response) == (400, "InvalidInputException")
    assert response.json()["reason"] == "INVALID_ENUM_POLICY_TYPE"
    target = organization["member_id"]
    assert error(admin.get(f"{ORGS}/effective-policy/?type=TAG_POLICY&target={target}")) == (
        404, "EffectivePolicyNotFoundException")
    assert error(admin.get(f"{ORGS}/effective-policy/?type=TAG_POLICY&target=999999999999")) \
        == (404, "TargetNotFoundException")


def test_tags_of_resources(admin, organization):
    for resource in (organization["root_id"], organization["ou"], organization["member_id"],
                     create_scp(admin)["id"]):
        path = f"{ORGS}/resources/{resource}/tags/"
        assert admin.post(path, {"tags": {"team": "a", "env": "prod"}}).status_code == 204
        assert admin.get(path).json() == {"tags": {"team": "a", "env": "prod"}}
        assert admin.delete(f"{path}?key=team").status_code == 204
        assert admin.get(path).json() == {"tags": {"env": "prod"}}
    managed = admin.post(f"{ORGS}/resources/{full_access(admin)['id']}/tags/",
                         {"tags": {"a": "b"}})
    assert error(managed) == (400, "InvalidInputException")
    assert managed.json()["reason"] == "IMMUTABLE_POLICY"
    assert error(admin.get(f"{ORGS}/resources/ou-abcd-12345678/tags/")) == (
        404, "TargetNotFoundException")
    nul = admin.post(f"{ORGS}/resources/{organization['ou']}/tags/", {"tags": {"a\x00": "b"}})
    assert error(nul) == (400, "InvalidInput") and nul.json()["field"] == "tags"
    too_many = admin.post(f"{ORGS}/resources/{organization['ou']}/tags/",
                          {"tags": {f"k{i}": "v" for i in range(51)}})
    assert error(too_many) == (400, "InvalidInputException")


def test_policy_lists_run_bounded_queries(admin, organization, django_assert_max_num_queries):
    ou, member = organization["ou"], organization["member_id"]
    for index in range(4):
        policy = create_scp(admin, f"Deny{index}")
        admin.post(f"{ORGS}/policies/{policy['id']}/targets/{ou}/")
        admin.post(f"{ORGS}/policies/{policy['id']}/targets/{member}/")
    for path in (f"/policies/?filter={SCP}", f"/targets/{ou}/policies/?filter={SCP}",
                 f"/policies/{policy['id']}/targets/", f"/resources/{ou}/tags/"):
        # The caller's key and generation, the organization, the rows (targets: their
        # names, two queries), the trail event.
        with django_assert_max_num_queries(8):
            response = admin.get(ORGS + path)
        assert response.status_code == 200
