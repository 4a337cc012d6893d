"""A member account's root user, in Chromium: the simulator names the OU's SCP level that
denies its developer, and unticking "Apply the organization's SCPs and RCPs" allows it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from policies.simulation import encode_state
from tests.helpers import ROOT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
# Where the screenshot goes when asked for (SCREENSHOTS=dir), for a person to look at.
SHOTS = os.environ.get("SCREENSHOTS")


def test_the_results_name_each_scp_level(page, live_server, org_world):
    page.goto(f"{live_server.url}/signin/?as=root")
    page.get_by_label("Root user email address").fill(org_world.member.root_email)
    page.get_by_label("Password").fill(ROOT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    token = encode_state({"mode": "principal", "policy_source_arn": org_world.dev.arn,
                          "action_names": ["ec2:TerminateInstances", "ec2:DescribeInstances"]})
    page.goto(f"{live_server.url}/simulator/?s={token}")
    levels = page.locator(".sim-org-levels").first
    expect(levels).to_contain_text(f"OU Workloads ({org_world.ou_id})")
    expect(levels).to_contain_text("DenyTerminate")
    expect(page.locator(".sim-aws-says")).to_contain_text(
        "with an explicit deny in a service control policy")
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "simulator-organization.png"), full_page=True)

    page.get_by_label("Apply the organization's SCPs and RCPs").uncheck()
    page.get_by_role("button", name="Run simulation").click()
    expect(page.locator('#sim-results tr[data-decision="explicitDeny"]')).to_have_count(0)
    expect(page.locator('#sim-results tr[data-decision="allowed"]')).to_have_count(2)
