"""In Chromium: an identity broker's sign-in URL opens the console as a role session, whose
Sessions tab lists it; the administrator revokes the role's sessions and the browser's role
session is refused from its next page on."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from accounts.services.sessions import session_issue
from policies.selectors import aws_managed_policy
from policies.services import aws_managed_policies_sync, policy_attach_to_role
from tests.factories import RoleFactory
from tests.helpers import ROOT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
# Where screenshots go when asked for (SCREENSHOTS=dir), for a person to look at.
SHOTS = os.environ.get("SCREENSHOTS")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_federation_signin_then_revoke_active_sessions(page, browser, live_server, account):
    aws_managed_policies_sync()
    role = RoleFactory(account=account, name="BrokerReadOnly", trust={
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": "Unicorn-42"}}}]})
    policy_attach_to_role(role=role, policy=aws_managed_policy("IAMReadOnlyAccess"))
    issued = session_issue(kind="assumed-role", issued_by="AssumeRole", role=role,
                           session_name="alice@example.com", duration_seconds=3600,
                           max_duration=3600, source_identity="alice",
                           caller_arn="arn:aws:iam::111111111111:user/broker")
    session = json.dumps({"sessionId": issued.credential.access_key_id,
                          "sessionKey": issued.secret_access_key,
                          "sessionToken": issued.session_token})

    # The broker asks for a sign-in token, then sends the browser to the login URL.
    answer = page.request.get(f"{live_server.url}/federation?" + urlencode(
        {"Action": "getSigninToken", "Session": session}))
    token = answer.json()["SigninToken"]
    page.goto(f"{live_server.url}/federation?" + urlencode({
        "Action": "login", "Issuer": "https://broker.example/", "SigninToken": token,
        "Destination": f"{live_server.url}/roles/details/BrokerReadOnly/?tab=sessions"}))
    banner = page.get_by_role("status").filter(has_text="Acting as role")
    expect(banner).to_contain_text("BrokerReadOnly")
    expect(banner).to_contain_text("Signed in through federation")
    row = page.get_by_role("row").filter(has_text=issued.credential.access_key_id)
    expect(row).to_contain_text("alice@example.com")
    expect(row).to_contain_text("arn:aws:iam::111111111111:user/broker")
    # A read-only session may not revoke (PutRolePolicy): the button says why.
    expect(page.get_by_role("button", name="Revoke active sessions")).to_be_disabled()
    _shot(page, "role-sessions-federated")
    page.get_by_role("tab", name="Trust relationships").click()
    expect(page.get_by_text("Users and roles of account 111111111111 that send the "
                            "external ID Unicorn-42 may assume this role.")).to_be_visible()
    _shot(page, "role-trust-in-words")

    # The root user revokes the role's active sessions in a browser of its own.
    admin = browser.new_context().new_page()
    admin.goto(f"{live_server.url}/signin/?as=root")
    admin.get_by_label("Root user email address").fill(account.root_email)
    admin.get_by_label("Password").fill(ROOT_PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.goto(f"{live_server.url}/roles/details/BrokerReadOnly/?tab=sessions")
    admin.get_by_role("link", name="Revoke active sessions").click()
    admin.get_by_label("I acknowledge that I am revoking all active sessions").check()
    _shot(admin, "role-revoke-confirm")
    admin.get_by_role("button", name="Revoke active sessions").click()
    expect(admin.get_by_text("Active sessions of role BrokerReadOnly revoked")).to_be_visible()

    # The federated browser's next page is refused: its session was issued before.
    page.goto(f"{live_server.url}/users/")
    expect(page.get_by_text("with an explicit deny")).to_be_visible()
