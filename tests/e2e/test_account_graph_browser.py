"""The account graph in Chromium: drawn, highlights a neighbourhood on click, focuses on
double-click, exports SVG and PNG; the escalation panel loads on the dashboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.services import group_add_user, group_create, role_create, user_create
from policies.selectors import aws_managed_policy
from policies.services import (
    inline_policy_put,
    policy_attach_to_group,
    policy_attach_to_user,
    policy_create,
)
from tests.documents import allow, document

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(account):
    arn = f"arn:aws:iam::{account.account_id}:policy/dev-tools"
    dev = user_create(account=account, name="dev")
    tools = policy_create(account=account, name="dev-tools", policy_document=document(
        allow("iam:CreatePolicyVersion", arn)))
    policy_attach_to_user(policy=tools, user=dev)
    admins = group_create(account=account, name="admins")
    policy_attach_to_group(policy=aws_managed_policy("AdministratorAccess"), group=admins)
    group_add_user(group=admins, user=user_create(account=account, name="boss"))
    role_create(account=account, name="deployer", trust_policy=document({
        "Effect": "Allow", "Principal": {"AWS": dev.arn}, "Action": "sts:AssumeRole"}))
    inline_policy_put(entity=user_create(account=account, name="reader"), name="read",
                      policy_document=document(allow("s3:GetObject", "*")))
    return dev


def test_graph_page_draws_highlights_and_exports(signed_in_page, live_server, world, tmp_path):
    page = signed_in_page
    page.goto(f"{live_server.url}/analysis/graph/")
    graph = page.locator("#account-graph svg")
    expect(graph).to_be_visible()
    dev = page.locator(f'.graph-node[data-id="{world.arn}"]')
    expect(dev).to_contain_text("ESCALATES")
    expect(page.locator(".graph-node.node-group")).to_contain_text("admins")
    expect(page.locator(".graph-edge.edge-trust")).to_have_count(1)
    page.screenshot(path=str(tmp_path / "account-graph.png"), full_page=True)

    dev.click()
    expect(graph).to_have_class("account-graph is-filtered")
    expect(dev).to_have_class("graph-node node-user is-flagged is-near")
    reader = page.locator('.graph-node[data-id$=":user/reader"]')
    expect(reader).not_to_have_class("graph-node node-user is-near")

    with page.expect_download() as png:
        page.get_by_role("button", name="Export PNG").click()
    saved = tmp_path / "graph.png"
    png.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as svg:
        page.get_by_role("link", name="Export SVG").click()
    assert svg.value.suggested_filename == "account-graph.svg"

    dev.dblclick()
    page.wait_for_url("**focus=*")
    expect(page.locator("#graph-summary")).to_contain_text("around user/dev")
    expect(page.locator('.graph-node[data-id$=":user/reader"]')).to_have_count(0)


def test_dashboard_loads_the_escalation_panel(signed_in_page, live_server, world):
    signed_in_page.goto(f"{live_server.url}/")  # the world exists now
    panel = signed_in_page.locator("#analysis-findings")
    expect(panel).to_contain_text("1 principal can escalate to administrator access")
    expect(panel.get_by_role("link", name="dev")).to_be_visible()
