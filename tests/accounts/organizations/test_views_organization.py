"""The Organization console: the management account's tree, OUs, moves, attachments and
policy types; a member account's read-only view of what binds it; bounded queries."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from accounts.models import Handshake, Organization, OrganizationMember
from accounts.services.organization_accounts import handshake_accept
from iamconsole.operations import OPERATIONS
from iamconsole.operations.caller import root_caller
from tests.helpers import sign_in, user_client

pytestmark = pytest.mark.django_db
URL = "/organization/"
# The page's queries whatever the organization's size (session, caller, tree, policies...).
MAX_QUERIES = 12
SCP = "SERVICE_CONTROL_POLICY"
DENY_CREATE_USER = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})


def run(caller, operation, **inputs):
    return OPERATIONS[f"organizations:{operation}"](caller=caller, **inputs).run()


@pytest.fixture
def org(account, other_account):
    """Acme manages an organization: SCPs enabled, a Workloads OU holding Globex (invited)
    with DenyCreateUser attached to the OU."""
    mgmt = root_caller(account)
    run(mgmt, "CreateOrganization")
    root_id = run(mgmt, "ListRoots")["Roots"][0]["Id"]
    run(mgmt, "EnablePolicyType", root_id=root_id, policy_type=SCP)
    unit = run(mgmt, "CreateOrganizationalUnit", parent_id=root_id, name="Workloads")
    unit_id = unit["OrganizationalUnit"]["Id"]
    handshake = run(mgmt, "InviteAccountToOrganization",
                    target={"Id": "222222222222", "Type": "ACCOUNT"})["Handshake"]
    handshake_accept(handshake=Handshake.objects.get(handshake_id=handshake["Id"]),
                     account=other_account)
    run(mgmt, "MoveAccount", account_id="222222222222", source_parent_id=root_id,
        destination_parent_id=unit_id)
    policy = run(mgmt, "CreatePolicy", name="DenyCreateUser", description="no new users",
                 content=DENY_CREATE_USER, type=SCP)["Policy"]["PolicySummary"]
    run(mgmt, "AttachPolicy", policy_id=policy["Id"], target_id=unit_id)
    return {"root_id": root_id, "unit_id": unit_id, "policy_id": policy["Id"], "mgmt": mgmt}


def test_outside_an_organization_the_page_offers_to_create_one(root_client, account):
    html = root_client.get(URL).content.decode()
    assert "Not in an organization" in html and "Create organization" in html
    response = root_client.post(URL, {"action": "create_organization"})
    assert response.status_code == 302
    assert Organization.objects.get().management_account == account


def test_the_management_account_sees_the_tree_and_what_binds_each_account(
        root_client, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        html = root_client.get(URL).content.decode()
    for text in ("Organizational structure", "Workloads", "Globex", "222222222222",
                 "DenyCreateUser", "FullAWSAccess", "management account",
                 "What binds each account", "OU Workloads:"):
        assert text in html, text


def test_the_page_reads_a_bounded_number_of_queries_whatever_the_size(
        root_client, org, django_assert_max_num_queries):
    for index in range(12):
        unit = run(org["mgmt"], "CreateOrganizationalUnit", parent_id=org["unit_id"],
                   name=f"Team{index}")["OrganizationalUnit"]["Id"]
        run(org["mgmt"], "AttachPolicy", policy_id=org["policy_id"], target_id=unit)
        run(org["mgmt"], "CreateAccount", email=f"team{index}@example.com",
            account_name=f"Team{index}")
    with django_assert_max_num_queries(MAX_QUERIES):
        html = root_client.get(URL).content.decode()
    assert "Team11" in html


def test_an_ou_is_created_and_a_duplicate_refused_with_nothing_changed(root_client, org):
    response = root_client.post(URL, {"action": "create_ou", "parent_id": org["root_id"],
                                      "name": "Sandbox"})
    assert response.status_code == 302
    assert "Sandbox" in root_client.get(URL).content.decode()
    response = root_client.post(URL, {"action": "create_ou", "parent_id": org["root_id"],
                                      "name": "Sandbox"}, follow=True)
    html = response.content.decode()
    assert response.status_code == 400 and "already exists" in html.lower()
    assert html.count("<strong>Sandbox</strong>") == 1


def test_an_account_moves_between_ous(root_client, org):
    response = root_client.post(URL, {"action": "move", "account_id": "222222222222",
                                      "destination_parent_id": org["root_id"]})
    assert response.status_code == 302
    assert OrganizationMember.objects.get(account__account_id="222222222222").parent is None


def test_policies_are_attached_and_detached_within_aws_limits(root_client, org):
    post = {"policy_id": org["policy_id"], "target_id": "222222222222"}
    assert root_client.post(URL, {"action": "attach", **post}).status_code == 302
    response = root_client.post(URL, {"action": "attach", **post})
    assert response.status_code == 400
    assert "already attached" in response.content.decode().lower()
    assert root_client.post(URL, {"action": "detach", **post}).status_code == 302
    response = root_client.post(URL, {"action": "detach", "policy_id": "p-FullAWSAccess",
                                      "target_id": org["root_id"]})
    assert response.status_code == 400  # a target keeps at least one SCP


def test_a_policy_type_is_enabled_and_disabled(root_client, org):
    assert root_client.post(URL, {"action": "enable_type",
                                  "policy_type": "RESOURCE_CONTROL_POLICY"}).status_code == 302
    assert "RESOURCE_CONTROL_POLICY" in Organization.objects.get().enabled_policy_types
    assert root_client.post(URL, {"action": "disable_type",
                                  "policy_type": "RESOURCE_CONTROL_POLICY"}).status_code == 302
    assert "RESOURCE_CONTROL_POLICY" not in Organization.objects.get().enabled_policy_types


def test_a_member_account_sees_what_binds_it_read_only(other_account, org):
    html = sign_in(Client(), other_account).get(URL).content.decode()
    assert "SCPs and RCPs that bind this account" in html
    assert "DenyCreateUser" in html and "OU Workloads:" in html
    assert 'value="attach"' not in html and "Create OU" not in html
    response = sign_in(Client(), other_account).post(
        URL, {"action": "create_ou", "parent_id": org["root_id"], "name": "Mine"})
    assert response.status_code == 403
    assert not Organization.objects.get().units.filter(name="Mine").exists()


def test_an_iam_user_without_permissions_sees_disabled_actions(account, org, aws_policy):
    reader = user_client(account, "reader", aws_policy("IAMReadOnlyAccess"))
    html = reader.get(URL).content.decode()
    assert "Organization" in html
    assert 'value="create_ou"' not in html
