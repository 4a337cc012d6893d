"""An administrator writes a user's inline policy with the visual editor, in Chromium."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from accounts.services import user_create
from policies.models import InlinePolicy

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_inline_policy_written_with_the_visual_editor(signed_in_page, live_server, account):
    user_create(account=account, name="alice")
    page = signed_in_page
    page.goto(f"{live_server.url}/users/details/alice/inline-policies/create/")

    # It opens on the visual editor, as Create policy does.
    expect(page.get_by_role("tab", name="Visual")).to_have_attribute("aria-selected", "true")
    page.get_by_label("Search services").fill("sqs")
    page.get_by_role("button", name=re.compile(r" sqs$")).click()
    page.get_by_label("Filter actions").fill("sendmessage")
    page.get_by_label("SendMessage", exact=True).check()
    expect(page.get_by_label("Resource type")).to_have_value("queue")
    page.get_by_label("QueueName").fill("orders")
    page.locator("[data-arn-fields=queue]").get_by_role("button", name="Add ARN").click()
    expect(page.locator("[data-card-details] li code")).to_have_text(re.compile(r":orders$"))

    # The JSON tab shows the same document, and it validates.
    page.get_by_role("tab", name="JSON").click()
    expect(page.locator("[data-editor-input]")).to_have_value(
        re.compile(r'"Action": "sqs:SendMessage"'))
    expect(page.get_by_text("No errors or warnings.")).to_be_visible()

    page.get_by_label("Policy name").fill("send-orders")
    page.get_by_role("button", name="Create policy").click()
    expect(page.get_by_text("Inline policy send-orders created.")).to_be_visible()
    statement = json.loads(InlinePolicy.objects.get(name="send-orders").document_text)[
        "Statement"][0]
    assert statement["Action"] == "sqs:SendMessage"
    assert statement["Resource"].startswith("arn:aws:sqs:")
    assert statement["Resource"].endswith(":orders")

    # Editing opens on the JSON; the visual editor reads the saved statement back.
    page.goto(f"{live_server.url}/users/details/alice/inline-policies/send-orders/edit/")
    expect(page.get_by_role("tab", name="JSON")).to_have_attribute("aria-selected", "true")
    page.get_by_role("tab", name="Visual").click()
    expect(page.get_by_label("SendMessage", exact=True)).to_be_checked()
