"""In Chromium, as a new administrator: the EC2 role for Systems Manager through the wizard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.models import InstanceProfile, Role
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_the_ec2_ssm_role_and_find_its_instance_profile(signed_in_page, live_server,
                                                               account):
    page = signed_in_page
    nav = page.get_by_role("navigation", name="Console")
    nav.get_by_role("link", name="Roles").click()
    expect(page.get_by_role("heading", name="Roles", exact=True)).to_be_visible()
    page.get_by_role("link", name="Create role").first.click()

    # Step 1: an AWS service, the Systems Manager use case for EC2.
    expect(page.get_by_text("Step 1 of 4: Select trusted entity")).to_be_visible()
    page.get_by_role("radio", name=re.compile("^AWS service")).check()
    page.get_by_text("EC2 Role for AWS Systems Manager").click()
    page.get_by_role("button", name="Next").click()

    # Step 2: AmazonSSMManagedInstanceCore is already selected; searching keeps it.
    expect(page.get_by_text("Step 2 of 4: Add permissions")).to_be_visible()
    core = page.get_by_role("checkbox", name=re.compile("AmazonSSMManagedInstanceCore"))
    expect(core).to_be_checked()
    page.get_by_label("Search permissions policies by name").fill("CloudWatchAgentServer")
    expect(page.get_by_role("checkbox", name=re.compile("CloudWatchAgentServerPolicy"))
           ).to_be_visible()
    expect(core).to_be_checked()
    page.get_by_role("button", name="Next").click()

    # Step 3: the name, checked as it is typed.
    expect(page.get_by_text("Step 3 of 4: Name and details")).to_be_visible()
    page.get_by_label("Role name").fill("SSMManagedInstance")
    expect(page.get_by_text("SSMManagedInstance is available.")).to_be_visible()
    page.get_by_label("Description").fill("Instances managed by Systems Manager")
    page.get_by_role("button", name="Next").click()

    # Step 4: the exact ARN and trust policy, and the instance profile to come.
    expect(page.get_by_text("Step 4 of 4: Review and create")).to_be_visible()
    expect(page.get_by_text("arn:aws:iam::111111111111:role/SSMManagedInstance")).to_be_visible()
    expect(page.locator("pre.policy-json")).to_contain_text('"ec2.amazonaws.com"')
    expect(page.get_by_text("an instance profile with the same name is created")
           ).to_be_visible()
    page.get_by_role("button", name="Create role").click()

    expect(page.get_by_text("Role SSMManagedInstance created. Instance profile "
                            "SSMManagedInstance created with it.")).to_be_visible()
    expect(page.get_by_role("link", name="AmazonSSMManagedInstanceCore")).to_be_visible()

    # The instance profile is listed with its role.
    nav.get_by_role("link", name="Instance profiles").click()
    page.get_by_label("Find instance profiles by name or role").fill("SSMManaged")
    row = page.locator("#list-results tbody tr", has_text="SSMManagedInstance")
    expect(row).to_have_count(1)
    expect(row.get_by_role("link", name="SSMManagedInstance")).to_have_count(2)
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="SSMManagedInstance")).to_be_visible()
    expect(page.get_by_text("arn:aws:iam::111111111111:instance-profile/SSMManagedInstance")
           ).to_be_visible()

    role = Role.objects.get(account=account, name="SSMManagedInstance")
    assert list(role.policy_attachments.values_list("policy__name", flat=True)) == [
        "AmazonSSMManagedInstanceCore"]
    assert InstanceProfile.objects.get(account=account, name="SSMManagedInstance").role == role


def test_a_custom_trust_policy_is_validated_as_it_is_typed(signed_in_page, live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/roles/create/")
    page.get_by_role("radio", name=re.compile("^Custom trust policy")).check()
    editor = page.get_by_label("Trust policy document")
    expect(editor).to_be_visible()
    # AWS's starting template has an empty Principal: the findings say so, with a position.
    expect(page.locator(".finding-error").first).to_contain_text("Ln")
    editor.fill('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
                '"Principal": {"Service": "lambda.amazonaws.com"}, '
                '"Action": "sts:AssumeRole"}]}')
    expect(page.get_by_text("No errors or warnings")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 2 of 4: Add permissions")).to_be_visible()


def test_tabs_and_the_summary_edit_work_in_place(signed_in_page, live_server, account):
    RoleFactory(account=account, name="web", description="Web tier")
    page = signed_in_page
    page.goto(f"{live_server.url}/roles/details/web/")
    page.get_by_role("tab", name="Trust relationships").click()
    expect(page).to_have_url(re.compile(r"\?tab=trust$"))
    expect(page.get_by_role("tab", name="Trust relationships")).to_have_attribute(
        "aria-selected", "true")
    expect(page.get_by_text("AWS service: ec2")).to_be_visible()

    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Maximum session duration").select_option(label="4 hours")
    page.get_by_label("Description").fill("Front-end web tier")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Role web updated.")).to_be_visible()
    expect(page.locator("#role-summary")).to_contain_text("4 hours")
    # Saved in place: the tab shown before is still there.
    expect(page.get_by_text("AWS service: ec2")).to_be_visible()
    role = account.roles.get(name="web")
    assert (role.max_session_duration, role.description) == (14400, "Front-end web tier")
