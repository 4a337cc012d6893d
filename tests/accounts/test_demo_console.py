"""The demo from the console: the sign-in panel shows the accounts as they are, and the demo
account's root user resets the demo without being signed out."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from accounts.demo import passwords, recorded
from accounts.models import Account, IamUser
from accounts.operations.users import DeleteUser
from accounts.services import account_alias_set, login_profile_update, user_create
from accounts.signin import authenticate_root, authenticate_user
from iamconsole.operations import root_caller
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
CORP = "123456789012"


def _user(details, name):
    return next(u for u in details["users"] if u["user_name"] == name)


def _trainer(details) -> Client:
    return sign_in(Client(), Account.objects.get(account_id=CORP),
                   password=details["root_password"])


def test_the_panel_follows_an_alias_change_and_the_listed_sign_in_works(client, demo):
    """After the alias changes, the panel names the new one, and signing in with it works."""
    account_alias_set(account=Account.objects.get(account_id=CORP), alias="acme-training")
    page = client.get("/signin/").content.decode()
    assert "acme-training" in page and "example-corp</code>" not in page
    carol = _user(demo, "carol")
    response = client.post("/signin/", {"mode": "iam", "account": "acme-training",
                                        "user_name": "carol", "password": carol["password"]})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_panel_says_when_a_demo_password_no_longer_works(client, demo):
    """An administrator reset bob's password: the panel strikes the recorded one out."""
    bob = IamUser.objects.get(account__account_id=CORP, name="bob")
    login_profile_update(user=bob, password="Changed-By-Admin-1!")
    page = client.get("/signin/").content.decode()
    row = page.split("<code>bob</code>")[1].split("</tr>")[0]
    assert "no longer works" in row and "data-demo-fill" not in row
    carol_row = page.split("<code>carol</code>")[1].split("</tr>")[0]
    assert "no longer works" not in carol_row and "data-demo-fill" in carol_row


def test_the_panel_lists_only_users_that_exist(client, demo):
    corp = Account.objects.get(account_id=CORP)
    root_caller(corp).run(DeleteUser, user_name="dave", with_dependents=True)
    page = client.get("/signin/").content.decode()
    assert "<code>dave</code>" not in page and "Deleted since the demo was loaded: dave" in page


def test_the_panel_hashes_no_password_once_each_answer_is_known(client, demo, monkeypatch,
                                                                  django_assert_max_num_queries):
    """Anyone can load the sign-in page: its panel checks passwords without hashing them (the
    demo recorded its hashes), and a changed one is hashed once, then remembered."""
    checks = []
    real_check = passwords.check_password
    monkeypatch.setattr(passwords, "check_password",
                        lambda *args: checks.append(args) or real_check(*args))
    with django_assert_max_num_queries(8):
        client.get("/signin/")
    assert checks == []
    login_profile_update(user=IamUser.objects.get(account__account_id=CORP, name="bob"),
                         password="Changed-By-Admin-1!")
    client.get("/signin/")
    client.get("/signin/")
    assert len(checks) == 1


def test_only_the_demo_accounts_root_user_may_reset_the_demo(root_client, demo):
    assert root_client.get("/demo/reset/").status_code == 403
    dave = sign_in(Client(), IamUser.objects.get(account__account_id=CORP, name="dave"),
                   password=_user(demo, "dave")["password"])
    assert dave.post("/demo/reset/", {"confirm": "reset"}).status_code == 403


def test_the_reset_asks_for_confirmation(demo):
    trainer = _trainer(demo)
    assert "Reset demo" in trainer.get("/").content.decode()  # in the identity menu
    user_create(account=Account.objects.get(account_id=CORP), name="student1")
    response = trainer.post("/demo/reset/", {"confirm": "yes"})
    assert response.status_code == 400 and "Enter reset to confirm." in response.content.decode()
    assert IamUser.objects.filter(name="student1").exists()


def test_the_trainer_resets_the_demo_stays_signed_in_and_passwords_keep_working(demo):
    trainer = _trainer(demo)
    corp = Account.objects.get(account_id=CORP)
    user_create(account=corp, name="student1")
    account_alias_set(account=corp, alias="renamed-by-a-student")
    response = trainer.post("/demo/reset/", {"confirm": "reset"}, follow=True)
    assert response.redirect_chain[-1][0] == "/demo/reset/"
    assert "The demo was reset" in response.content.decode()
    assert not IamUser.objects.filter(name="student1").exists()
    assert Account.objects.get(account_id=CORP).alias == "example-corp"
    assert trainer.get("/").status_code == 200  # still signed in
    assert authenticate_root(email=demo["root_email"], password=demo["root_password"])
    alice = _user(demo, "alice")
    assert authenticate_user(account="example-corp", user_name="alice",
                             password=alice["password"]) is not None


def test_new_passwords_on_request_and_the_trainer_stays_signed_in(demo, tmp_path):
    trainer = _trainer(demo)
    response = trainer.post("/demo/reset/", {"confirm": "reset", "new_passwords": "on"},
                            follow=True)
    assert "with new passwords" in response.content.decode()
    assert trainer.get("/").status_code == 200
    now = json.loads((tmp_path / "demo-credentials.json").read_text())
    assert now["root_password"] != demo["root_password"]
    assert authenticate_root(email=now["root_email"], password=now["root_password"])
    assert not authenticate_root(email=demo["root_email"], password=demo["root_password"])
    carol_before, carol_now = _user(demo, "carol"), _user(now, "carol")
    assert carol_now["password"] != carol_before["password"]
    assert authenticate_user(account="example-corp", user_name="carol",
                             password=carol_now["password"]) is not None
    assert _user(now, "alice")["mfa_secret"] == _user(demo, "alice")["mfa_secret"]


def test_an_unwritable_details_file_is_reported_and_the_trainer_stays_signed_in(demo,
                                                                                monkeypatch):
    trainer = _trainer(demo)

    def refuse(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(recorded, "write_demo_credentials", refuse)
    response = trainer.post("/demo/reset/", {"confirm": "reset", "new_passwords": "on"},
                            follow=True)
    assert "its sign-in details could not be recorded (Permission denied)" in (
        response.content.decode())
    assert trainer.get("/").status_code == 200
