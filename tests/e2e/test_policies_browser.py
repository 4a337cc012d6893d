"""A new administrator, in Chromium: a customer-managed policy, a second version, the diff."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from policies.models import ManagedPolicy, PolicyVersion
from policies.services import policy_create, policy_version_create

pytestmark = pytest.mark.django_db(transaction=True)

V2 = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Statement1", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
     "Resource": "arn:aws:s3:::reports/*"},
]}, indent=4)


def test_create_a_policy_add_a_version_make_it_default_and_compare(signed_in_page,
                                                                    live_server):
    page = signed_in_page
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Policies").click()
    expect(page.get_by_role("heading", name="Policies", exact=True)).to_be_visible()
    page.get_by_role("link", name="Create policy").click()

    # The first version, written with the visual editor (where Create policy opens, as AWS's
    # does): S3, GetObject, one bucket's objects.
    expect(page.get_by_role("tab", name="Visual")).to_have_attribute("aria-selected", "true")
    page.get_by_label("Search services").fill("s3")
    page.get_by_role("button", name=re.compile(r"^Amazon S3 s3$")).click()
    page.get_by_label("Filter actions").fill("getobject")
    page.get_by_label("GetObject", exact=True).check()
    expect(page.get_by_label("Resource type")).to_have_value("object")  # GetObject's own type
    page.get_by_label("BucketName").fill("reports")
    page.locator("[data-arn-fields=object]").get_by_role("button", name="Add ARN").click()
    expect(page.get_by_text("arn:aws:s3:::reports/*", exact=True)).to_be_visible()

    # The JSON editor holds what the visual editor wrote, and it validates.
    page.get_by_role("tab", name="JSON").click()
    editor = page.locator("[data-editor-input]")
    expect(editor).to_have_value(re.compile(r'"Action": "s3:GetObject"'))
    expect(editor).to_have_value(re.compile(r'"Resource": "arn:aws:s3:::reports/\*"'))
    expect(page.get_by_text("No errors or warnings.")).to_be_visible()

    # Review: name it, see the ARN it will have, create it.
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Review and create")).to_be_visible()
    page.get_by_label("Policy name").fill("ReportsAccess")
    expect(page.locator("[data-arn-preview]")).to_have_text(
        "arn:aws:iam::111111111111:policy/ReportsAccess")
    expect(page.get_by_text("Limited: Read")).to_be_visible()
    page.get_by_role("button", name="Create policy").click()
    expect(page.get_by_text("Policy ReportsAccess created.")).to_be_visible()
    expect(page.get_by_role("heading", name="ReportsAccess")).to_be_visible()

    # A second version: a first draft with a syntax error is reported with its position.
    page.get_by_role("link", name="Edit", exact=True).click()
    editor = page.locator("[data-editor-input]")
    editor.fill(V2.replace('"s3:PutObject"', '"s3:PutObject",'))
    expect(page.locator(".finding-error").first).to_contain_text(re.compile(r"Ln \d+, Col \d+"))
    editor.fill(V2)
    expect(page.get_by_text("No errors or warnings.")).to_be_visible()
    page.get_by_label("Set this new version as the default").uncheck()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Version v2 of ReportsAccess created.")).to_be_visible()
    policy = ManagedPolicy.objects.get(name="ReportsAccess")
    assert PolicyVersion.objects.get(policy=policy, is_default=True).number == 1

    # Make v2 the default from the versions tab.
    page.get_by_role("button", name="Set v2 as default").click()
    expect(page.get_by_text("Version v2 is now the default version of ReportsAccess.")
           ).to_be_visible()
    v2_row = page.get_by_role("row", name=re.compile(r"^v2 "))
    expect(v2_row.get_by_text("Default")).to_be_visible()
    assert PolicyVersion.objects.get(policy=policy, is_default=True).number == 2

    # Compare the two versions side by side.
    page.get_by_role("tab", name="Compare versions").click()
    expect(page.get_by_text("from v1 to v2")).to_be_visible()
    added = page.locator("td.diff-text.diff-added")
    expect(added.filter(has_text='"s3:PutObject"')).to_have_count(1)
    expect(page.locator("td.diff-text.diff-removed").first).to_contain_text("s3:GetObject")
    assert "tab=compare" in page.url
    page.get_by_label("Older (left)").select_option("v2")
    expect(page.get_by_text("v2 and v2 are identical")).to_be_visible()


def test_version_compare_opens_at_the_first_change(signed_in_page, live_server, account):
    """Forty unchanged statements, then the one that changed: the comparison opens there."""
    statements = [{"Sid": f"Read{i}", "Effect": "Allow", "Action": "s3:GetObject",
                   "Resource": f"arn:aws:s3:::bucket-{i}/*"} for i in range(60)]
    first = {"Version": "2012-10-17", "Statement": statements}
    second = {"Version": "2012-10-17", "Statement": [
        *statements[:40], {**statements[40], "Action": "s3:PutObject"}, *statements[41:]]}
    policy = policy_create(account=account, name="ManyBuckets",
                           policy_document=json.dumps(first, indent=4))
    policy_version_create(policy=policy, policy_document=json.dumps(second, indent=4),
                          set_as_default=True)
    page = signed_in_page
    page.goto(f"{live_server.url}/policies/details/{policy.arn}")
    page.get_by_role("tab", name="Compare").click()
    changed = page.locator("tr.is-changed")
    expect(changed.first).to_contain_text('"s3:GetObject"')
    expect(changed.first).to_be_in_viewport()
    expect(page.locator(".diff tbody tr").first).not_to_be_in_viewport()
    # Opened from a link, the same.
    page.goto(f"{live_server.url}/policies/details/{policy.arn}?tab=compare")
    expect(page.locator("tr.is-changed").first).to_be_in_viewport()


def test_a_long_summary_loads_more_services_and_filters_on_the_server(signed_in_page,
                                                                      live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/policies/details/arn:aws:iam::aws:policy/AdministratorAccess")
    rows = page.locator(".summary-service")
    expect(rows).to_have_count(25)
    page.get_by_role("button", name=re.compile(r"^Show 100 more services")).click()
    expect(rows).to_have_count(125)
    # A service not loaded yet is found by the filter, from the server.
    page.get_by_placeholder("Filter services").fill("xray")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("AWS X-Ray")
    rows.first.locator("summary").click()
    expect(rows.first.locator(".summary-actions")).to_contain_text("PutTraceSegments")
