"""The simulator and authorization agree on the organization's guardrails: an OU's SCP
denies a member principal, an RCP on the member account denies principals outside the
organization, the management account is exempt; the page names each level and keeps the
switch that leaves them out in its link."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.http import QueryDict
from django.test import Client
from django.utils import timezone

from accounts.signin import role_session_principal, user_principal
from iamconsole.operations import Caller
from policies.authorization import Requirement, check
from policies.operations.simulation import SimulatePrincipalPolicy
from policies.simulation import decode_state
from policies.simulation.page import PageState, form_to_json
from tests.helpers import TRAIL_QUERIES, sign_in
from tests.policies.organization_world import (
    MEMBER_ID,
    World,
    allow_only_s3_at_the_account,
)

PAGE = "/simulator/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _simulated(org_world: World, user, action: str, resource: str, **inputs) -> str:
    caller = Caller(user_principal(user))
    result = caller.run(SimulatePrincipalPolicy, policy_source_arn=user.arn,
                        action_names=[action], resource_arns=[resource], **inputs)
    (row,) = result.rows
    return row.decision


def _authorized(user, action: str, resource: str) -> str:
    return check(user_principal(user), Requirement(action, resource)).decision


@pytest.mark.parametrize("who, action, resource, expected", [
    ("dev", "ec2:TerminateInstances", "*", "explicitDeny"),  # the OU's SCP
    ("dev", "ec2:DescribeInstances", "*", "allowed"),
    ("admin", "ec2:TerminateInstances", "*", "allowed"),  # management account: exempt
    ("outsider", "sts:AssumeRole", "arn:aws:iam::333333333333:role/Shared",
     "explicitDeny"),  # the member's RCP, for a principal outside the organization
    ("admin", "sts:AssumeRole", "arn:aws:iam::333333333333:role/Shared", "allowed"),
    ("dev", "sts:AssumeRole", "arn:aws:iam::333333333333:role/Shared", "allowed"),
])
def test_the_simulator_decides_as_authorization(org_world, who, action, resource, expected):
    user = getattr(org_world, who)
    assert _authorized(user, action, resource) == expected
    assert _simulated(org_world, user, action, resource) == expected


def test_an_scp_level_without_an_allow_decides_alike(org_world):
    allow_only_s3_at_the_account(org_world)
    for action in ("ec2:DescribeInstances", "s3:GetObject"):
        assert _simulated(org_world, org_world.dev, action, "*") == _authorized(
            org_world.dev, action, "*")


def test_a_member_role_session_is_bound_alike(org_world):
    """A role of the member account (as its session is authorized) and as simulated."""
    session = role_session_principal(org_world.shared, session_name="s",
                                     expires_at=timezone.now() + timedelta(hours=1))
    requirement = Requirement("ec2:TerminateInstances", "*")
    decision = check(session, requirement).decision
    result = Caller(user_principal(org_world.dev)).run(
        SimulatePrincipalPolicy, policy_source_arn=org_world.shared.arn,
        action_names=["ec2:TerminateInstances"])
    assert result.rows[0].decision == decision == "explicitDeny"  # the SCP, whatever allows
    assert [lv.outcome for lv in result.rows[0].levels] == [
        "allowed", "explicitDeny", "allowed"]


# -- the page ----------------------------------------------------------------------------------
def test_the_page_names_the_denying_level_and_the_switch_leaves_it_out(
        org_world, django_assert_max_num_queries):
    client = sign_in(Client(), org_world.member)
    fields = {"mode": "principal", "principal": org_world.dev.arn,
              "action": ["ec2:TerminateInstances"], "org_policies": ["off", "on"]}
    client.post(PAGE, fields, **HTMX)  # warms this process's caches
    with django_assert_max_num_queries(12 + TRAIL_QUERIES):
        page = client.post(PAGE, fields, **HTMX).content.decode()
    assert 'data-decision="explicitDeny"' in page
    assert "Service control policies:" in page
    assert f"OU Workloads ({org_world.ou_id})" in page and "DenyTerminate" in page
    assert f"Account {MEMBER_ID}: FullAWSAccess" in page
    assert "with an explicit deny in a service control policy" in page
    off = client.post(PAGE, {**fields, "org_policies": ["off"]}, **HTMX)
    assert 'data-decision="allowed"' in off.content.decode()
    assert "Service control policies:" not in off.content.decode()
    token = parse_qs(urlparse(off["HX-Push-Url"]).query)["s"][0]
    assert decode_state(token)["apply_organization_policies"] is False


def test_the_page_names_the_rcp_that_denies_an_outsider(org_world):
    client = sign_in(Client(), org_world.outside)
    page = client.post(PAGE, {"mode": "principal", "principal": org_world.outsider.arn,
                              "action": ["sts:AssumeRole"],
                              "resource:sts:AssumeRole": org_world.shared.arn}, **HTMX)
    text = page.content.decode()
    assert 'data-decision="explicitDeny"' in text
    assert "Resource control policies:" in text and "Perimeter" in text
    assert "with an explicit deny in a resource control policy" in text
    # Another organization's policy: named, its text not shown.
    assert "This policy belongs to another organization." in text
    assert "StringNotEqualsIfExists" not in text


def test_the_organization_texts_show_to_its_own_accounts(org_world):
    client = sign_in(Client(), org_world.member)
    text = client.post(PAGE, {"mode": "principal", "principal": org_world.dev.arn,
                              "action": ["ec2:TerminateInstances"]}, **HTMX).content.decode()
    assert "NoTerminate" in text  # the SCP's Sid, in its shown text


def test_a_shared_link_reopens_with_the_switch_off(org_world):
    client = sign_in(Client(), org_world.member)
    body = {"mode": "principal", "policy_source_arn": org_world.dev.arn,
            "action_names": ["ec2:TerminateInstances"], "apply_organization_policies": False}
    state = PageState.from_json(body)
    assert state.apply_organization_policies is False
    assert PageState.from_json({**body, "apply_organization_policies": True}
                               ).apply_organization_policies
    response = client.post(PAGE, {"mode": "principal", "principal": org_world.dev.arn,
                                  "action": ["ec2:TerminateInstances"],
                                  "org_policies": ["off"]}, **HTMX)
    reopened = client.get(response["HX-Push-Url"]).content.decode()
    assert 'name="org_policies" value="on" ' in reopened
    assert 'value="on" checked' not in reopened
    assert 'data-decision="allowed"' in reopened


def test_the_form_keeps_the_default_out_of_the_link():
    on = QueryDict(mutable=True)
    on.setlist("org_policies", ["off", "on"])
    on.update({"mode": "principal", "principal": "arn:aws:iam::333333333333:user/dev"})
    assert "apply_organization_policies" not in form_to_json(on)[0]
    on.setlist("org_policies", ["off"])
    assert form_to_json(on)[0]["apply_organization_policies"] is False


def test_the_listing_says_which_organization_binds_the_principal(org_world):
    client = sign_in(Client(), org_world.member)
    page = client.get(f"{PAGE}?principal={org_world.dev.arn}").content.decode()
    assert f"member of organization {org_world.organization.org_id}: 3 levels" in page
    management = sign_in(Client(), org_world.management)
    page = management.get(f"{PAGE}?principal={org_world.admin.arn}").content.decode()
    assert "service control policies do not bind it" in page
