"""Switch role remembers the last five roles (the identity menu's role history, as AWS's
console keeps it) with a display name and a colour per role."""

from __future__ import annotations

import pytest

from accounts.models import SwitchRoleEntry
from tests.factories import RoleFactory
from tests.helpers import console_user, sign_in

pytestmark = pytest.mark.django_db


def _trust(arn: str) -> dict:
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"}]}


@pytest.fixture
def alice_client(client, account):
    alice = console_user(account, "alice")
    for name in ("Auditor", "Ops", "R1", "R2", "R3", "R4"):
        RoleFactory(account=account, name=name, trust=_trust(alice.arn))
    return sign_in(client, alice)


def _switch(client, role_name, **extra):
    response = client.post("/switch-role/", {"account": "111111111111", "role_name": role_name,
                                             **extra})
    assert response.status_code == 302, response.content
    client.post("/switch-role/back/")


def test_the_display_name_and_colour_mark_the_role_session(alice_client):
    page = alice_client.get("/switch-role/").content.decode()
    assert "Display name" in page and 'value="green"' in page
    alice_client.post("/switch-role/", {"account": "111111111111", "role_name": "Auditor",
                                        "display_name": "Audit (prod)", "color": "green"})
    page = alice_client.get("/").content.decode()
    assert "role-color-green" in page.split("<body", 1)[1].split(">", 1)[0]
    assert '<span class="identity-badge">Audit (prod)</span>' in page
    alice_client.post("/switch-role/back/")
    assert "role-color-green" not in alice_client.get("/").content.decode().split("<body")[1][:200]


def test_the_menu_lists_the_last_five_roles_latest_first(alice_client):
    _switch(alice_client, "Auditor", display_name="Audit", color="red")
    for name in ("Ops", "R1", "R2", "R3", "R4"):
        _switch(alice_client, name)
    _switch(alice_client, "auditor", display_name="Audit again", color="blue")
    menu = alice_client.get("/").content.decode().split("Role history", 1)[1]
    names = [chunk.split('aria-hidden="true"></span>', 1)[1].split("<", 1)[0]
             for chunk in menu.split('class="menu-item role-history-item"')[1:]]
    assert names == ["Audit again", "R4 @ 111111111111", "R3 @ 111111111111",
                     "R2 @ 111111111111", "R1 @ 111111111111"]
    assert SwitchRoleEntry.objects.count() == 5  # Ops dropped; Auditor is one entry


def test_a_history_entry_switches_in_one_click(alice_client):
    _switch(alice_client, "Ops", display_name="Operations", color="orange")
    menu = alice_client.get("/").content.decode().split("Role history", 1)[1]
    assert 'name="role_name" value="Ops"' in menu and 'name="color" value="orange"' in menu
    response = alice_client.post("/switch-role/", {
        "account": "111111111111", "role_name": "Ops", "display_name": "Operations",
        "color": "orange"}, follow=True)
    assert "role-color-orange" in response.content.decode().split("<body")[1][:200]


def test_the_root_user_has_no_role_history(root_client):
    assert "Role history" not in root_client.get("/").content.decode()
