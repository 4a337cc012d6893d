"""A trainer's walk through the policy simulator in Chromium."""

import json
import re

import pytest
from playwright.sync_api import expect

from accounts.demo import load_demo
from accounts.demo.content import EXAMPLE_CORP
from accounts.models import IamUser
from accounts.services import group_add_user, group_create, user_create
from policies.models import SimulatorPreset
from policies.services import policy_attach_to_group
from tests.helpers import ROOT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

BOUNDARY = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Sid": "OnlyIam", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}],
}, indent=2)


@pytest.fixture
def student(account, aws_policy):
    """A user whose only permissions come from the ReadOnlyAccess group."""
    user = user_create(account=account, name="student")
    group = group_create(account=account, name="ReadOnly")
    policy_attach_to_group(group=group, policy=aws_policy("ReadOnlyAccess"))
    group_add_user(group=group, user=user)
    return user


def pick_action(page, service: str, action: str) -> None:
    """Find an action in the picker by service and name, and tick it."""
    page.get_by_label("Filter actions").fill("")
    page.get_by_label("Service", exact=True).fill(service)
    expect(page.locator("#sim-picker-actions .sim-picker-head code")).to_have_text(service)
    page.get_by_label("Filter actions").fill(action)
    box = page.locator("#sim-picker-actions").get_by_role("checkbox", name=action, exact=True)
    box.check()
    row = page.locator(f'#sim-selected-rows tr[data-sim-row="{service}:{action}"]')
    expect(row).to_be_visible()


def result_row(page, action: str):
    return page.locator(".sim-results-table tbody tr", has=page.locator("code", has_text=action))


def test_a_trainer_simulates_a_read_only_user_then_adds_a_boundary(signed_in_page, live_server,
                                                                   student):
    page = signed_in_page
    page.goto(f"{live_server.url}/simulator/")
    expect(page.get_by_role("heading", name="Policy simulator")).to_be_visible()

    # 1. Who: the student, whose policy comes through the ReadOnly group.
    page.get_by_label("Principal").select_option(label="student")
    policies = page.locator("#sim-principal-policies")
    expect(policies).to_contain_text("ReadOnlyAccess")
    expect(policies).to_contain_text("Via group ReadOnly")

    # 2. What: iam:CreateUser and s3:GetObject, picked from the service reference.
    pick_action(page, "iam", "CreateUser")
    pick_action(page, "s3", "GetObject")
    expect(page.locator("[data-sim-action-count]")).to_have_text("(2)")

    # Run: results arrive without a page load, and the address bar now holds the simulation.
    page.get_by_role("button", name="Run simulation").click()
    expect(page.locator(".sim-results-table tbody tr")).to_have_count(2)
    expect(result_row(page, "iam:CreateUser")).to_contain_text("Implicitly denied")
    expect(result_row(page, "iam:CreateUser")).to_contain_text(
        "no identity-based policy allows iam:CreateUser")
    allowed = result_row(page, "s3:GetObject")
    expect(allowed).to_contain_text("Allowed")
    expect(page).to_have_url(re.compile(r"/simulator/\?s=\w"))
    shared_url = page.url

    # Click through to the statement that allowed it, highlighted in ReadOnlyAccess.
    allowed.locator("a.sim-stmt").first.click()
    viewer = page.locator("#sim-viewer")
    expect(viewer).to_be_visible()
    expect(viewer.locator("#sim-viewer-title")).to_have_text("ReadOnlyAccess")
    marked = viewer.locator(".sim-line.is-marked")
    expect(marked.first).to_be_visible()
    assert marked.count() > 2
    assert marked.first.locator(".sim-lc").inner_text().strip() == "{"
    assert '"s3:Get*"' in " ".join(marked.all_inner_texts())
    expect(viewer).to_contain_text("applied to this request")
    viewer.get_by_role("button", name="Close").click()
    expect(viewer).to_be_hidden()

    # Add a permissions boundary for this simulation only: S3 reads are no longer allowed.
    page.locator("summary", has_text="More policies").click()
    page.locator("summary", has_text="Permissions boundary").click()
    page.locator("#id_boundary").fill(BOUNDARY)
    # A boundary allowing iam:* is a ceiling: no PassRole warning, as for an identity policy.
    expect(page.locator("#id_boundary-findings")).to_contain_text("No errors or warnings.")
    page.get_by_role("button", name="Run simulation").click()
    denied = result_row(page, "s3:GetObject")
    expect(denied).to_contain_text("Implicitly denied")
    expect(denied).to_contain_text("Decided by Permissions boundary")
    expect(denied).to_contain_text("the permissions boundary does not allow s3:GetObject")
    expect(result_row(page, "iam:CreateUser")).to_contain_text("Implicitly denied")

    # The boundary was never saved; the first link still reopens the first simulation.
    assert IamUser.objects.get(pk=student.pk).permissions_boundary_id is None
    page.goto(shared_url)
    expect(result_row(page, "s3:GetObject")).to_contain_text("Allowed")


def test_filtering_results_by_decision(signed_in_page, live_server, student):
    page = signed_in_page
    page.goto(f"{live_server.url}/simulator/?principal={student.arn}"
              "&action=iam:CreateUser&action=iam:GetUser&action=s3:GetObject")
    page.get_by_role("button", name="Run simulation").click()
    expect(page.locator(".sim-results-table tbody tr")).to_have_count(3)
    page.get_by_role("button", name="Implicitly denied 1").click()
    expect(page.locator(".sim-results-table tbody tr:visible")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"decision=implicitDeny"))
    page.get_by_role("button", name="All 3").click()
    page.get_by_label("Filter the results by action or resource").fill("getuser")
    expect(page.locator(".sim-results-table tbody tr:visible")).to_have_count(1)


def test_the_kms_preset_runs_without_sid_warnings(page, live_server):
    """A KMS key policy's Sids ("Enable IAM User Permissions") are valid: the trainer's KMS
    story shows its decision and no lint warning about them."""
    load_demo(credentials={"root_password": ROOT_PASSWORD})
    preset = SimulatorPreset.objects.get(name__startswith="KMS:")
    page.goto(f"{live_server.url}/signin/?as=root")
    page.get_by_label("Root user email address").fill(EXAMPLE_CORP.root_email)
    page.get_by_label("Password").fill(ROOT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/simulator/?preset={preset.pk}")
    page.get_by_role("button", name="Run simulation").click()
    expect(page.locator(".sim-results-table tbody tr")).to_have_count(2)
    expect(result_row(page, "kms:Decrypt")).to_contain_text("denied")
    results = page.locator("#sim-results")
    expect(results).not_to_contain_text("letters and digits")
    expect(results.locator("summary", has_text="warning")).to_have_count(0)
