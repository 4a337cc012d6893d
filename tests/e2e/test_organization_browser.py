"""The management account's administrator, in Chromium: an organization, an OU, an SCP
written in the policy editor (which flags SCP grammar as you type), attached to the OU."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from accounts.models import OrganizationPolicy

pytestmark = pytest.mark.django_db(transaction=True)

REGION_DENY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}, indent=2)
WITH_PRINCIPAL = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]})


def test_create_an_organization_an_ou_and_attach_an_scp(signed_in_page, live_server):
    page = signed_in_page
    page.get_by_role("navigation", name="Console").get_by_role("link",
                                                               name="Organization").click()
    page.get_by_role("button", name="Create organization").click()
    expect(page.get_by_role("status")).to_contain_text("Organization created")
    page.get_by_role("button", name="Enable").first.click()

    page.get_by_label("Name", exact=True).fill("Workloads")
    page.get_by_role("button", name="Create OU").click()
    expect(page.get_by_role("cell", name="Workloads OU")).to_be_visible()

    page.get_by_role("link", name="Create policy").first.click()
    page.get_by_label("Policy name").fill("RegionDeny")
    editor = page.locator("[data-editor-input]")
    editor.fill(WITH_PRINCIPAL)
    expect(page.locator(".editor-findings")).to_contain_text("Principal")
    editor.fill(REGION_DENY)
    page.get_by_role("button", name="Create policy").click()
    expect(page.get_by_text("Attached to nothing")).to_be_visible()
    policy = OrganizationPolicy.objects.get(name="RegionDeny")

    page.get_by_role("link", name="Organization").first.click()
    page.get_by_label("Policy", exact=True).select_option(policy.policy_id)
    unit_id = policy.organization.units.get().ou_id
    page.get_by_label("Target").select_option(label=f"Workloads ({unit_id})")
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_text("Policy attached.")).to_be_visible()
    expect(page.locator("tr", has_text="Workloads OU").get_by_role(
        "link", name="RegionDeny")).to_be_visible()
