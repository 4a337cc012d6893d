"""My security credentials: the root user's password, MFA and keys; users and roles sent on."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.conf import settings
from django.test import Client

from accounts.crypto import decrypt
from accounts.models import AccessKey, Account, MfaDevice
from accounts.services import access_key_create
from policies.services import policy_create
from tests.accounts.views_support import (
    assert_key_not_found_through,
    mfa_codes,
    shown_once_page,
    shown_secret,
)
from tests.factories import AccessKeyFactory, MfaDeviceFactory, RoleFactory
from tests.helpers import ROOT_PASSWORD, TRAIL_QUERIES, console_user, sign_in

pytestmark = pytest.mark.django_db
PAGE = "/security-credentials/"
NEW_PASSWORD = "Another-Root-Secret-42"


def _root_sign_in(account: Account, password: str) -> Client:
    client = Client()
    client.post("/signin/", {"email": account.root_email, "password": password})
    return client


# -- the page and the identity menu -----------------------------------------------------------
def test_the_root_user_sees_password_mfa_and_access_keys(root_client, account):
    response = root_client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span aria-current="page">My security credentials</span>' in html
    for title in ("Console password", "Multi-factor authentication (MFA)", "Access keys"):
        assert title in html
    assert "arn:aws:iam::111111111111:root" in html
    assert "Root user access keys are not recommended." in html


def test_the_identity_menu_offers_security_credentials_above_switch_role(client, account):
    user = console_user(account, "alice")
    html = sign_in(client, user).get("/").content.decode()
    menu = html.split('class="identity-menu"')[1].split("</details>")[0]
    assert f'href="{PAGE}">Security credentials</a>' in menu
    assert menu.index("Security credentials") < menu.index("Switch role")


def test_the_dashboard_links_root_recommendations_to_the_page(root_client, account):
    AccessKeyFactory(user=None, account=account)
    html = root_client.get("/").content.decode()
    assert f'<a href="{PAGE}">Assign MFA to the root user</a>' in html
    assert f'<a href="{PAGE}">Manage the root user\'s keys</a>' in html


def test_an_administrator_gets_no_link_to_the_root_users_credentials(client, account,
                                                                      aws_policy):
    admin = console_user(account, "admin", aws_policy("AdministratorAccess"))
    html = sign_in(client, admin).get("/").content.decode()
    assert "Add MFA for the root user" in html
    assert f'<a href="{PAGE}">Assign MFA' not in html


def test_the_page_runs_a_bounded_number_of_queries(root_client, account,
                                                   django_assert_max_num_queries):
    AccessKeyFactory(user=None, account=account)
    AccessKeyFactory(user=None, account=account)
    MfaDeviceFactory(account=account, is_root=True, enabled_at=account.created_at)
    # 6: the root caller's generation (SCPs)
    with django_assert_max_num_queries(6 + TRAIL_QUERIES):
        assert root_client.get(PAGE).status_code == 200


# -- console password -------------------------------------------------------------------------
def _change(client: Client, old: str, new: str, confirm: str | None = None):
    return client.post(PAGE + "password/", {"old_password": old, "new_password": new,
                                            "confirm_password": confirm or new})


def test_a_wrong_current_password_is_refused_beside_the_field(root_client, account):
    response = _change(root_client, "not-the-password", NEW_PASSWORD)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_old_password-error">The current password is incorrect.' in html
    changed_at = account.root_password_changed_at
    account.refresh_from_db()
    assert account.root_password_changed_at == changed_at
    assert _root_sign_in(account, ROOT_PASSWORD).get("/").status_code == 200


@pytest.mark.parametrize(("new", "confirm", "field", "message"), [
    ("short", None, "new_password", "This password is too short."),
    ("12345678901234", None, "new_password", "This password is entirely numeric."),
    (NEW_PASSWORD, "Something-Else-42", "confirm_password", "The two new passwords do not"),
])
def test_a_new_password_breaking_the_rules_is_refused(root_client, account, new, confirm,
                                                      field, message):
    response = _change(root_client, ROOT_PASSWORD, new, confirm)
    assert response.status_code == 400
    assert f'id="id_{field}-error">{message}' in response.content.decode()
    assert _root_sign_in(account, ROOT_PASSWORD).get("/").status_code == 200


def test_the_new_password_must_differ_from_the_current_one(root_client, account):
    response = _change(root_client, ROOT_PASSWORD, ROOT_PASSWORD)
    assert response.status_code == 400
    assert ('id="id_new_password-error">The new password must differ from the old one.'
            in response.content.decode())
    changed_at = account.root_password_changed_at
    account.refresh_from_db()
    assert account.root_password_changed_at == changed_at


def test_guessing_the_current_password_is_throttled(root_client, account, settings):
    settings.THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS = 3
    for _ in range(3):
        assert _change(root_client, "a-wrong-guess", NEW_PASSWORD).status_code == 400
    # Even the right password is refused now: the guesses are used up for a while.
    response = _change(root_client, ROOT_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert _root_sign_in(account, ROOT_PASSWORD).get("/").status_code == 200


def test_the_root_user_changes_its_password_and_stays_signed_in(root_client, account):
    other_session = _root_sign_in(account, ROOT_PASSWORD)
    response = _change(root_client, ROOT_PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302 and response["Location"] == PAGE
    page = root_client.get(PAGE)
    assert page.status_code == 200
    assert "The root user&#x27;s password has been changed." in page.content.decode()
    # Other sessions of the root user end; the new password signs in, the old one no longer.
    assert other_session.get("/").status_code == 302
    assert _root_sign_in(account, NEW_PASSWORD).get("/").status_code == 200
    assert _root_sign_in(account, ROOT_PASSWORD).get("/").status_code == 302
    account.refresh_from_db()
    assert account.root_password_changed_at is not None


# -- virtual MFA ------------------------------------------------------------------------------
def _assign(client: Client) -> tuple[MfaDevice, str]:
    response = client.post(PAGE + "mfa/assign/", {"device_name": "root-phone"})
    assert response.status_code == 302
    return MfaDevice.objects.get(name="root-phone"), response["Location"]


def test_the_root_user_assigns_a_virtual_mfa_device_and_then_signs_in_with_a_code(
        root_client, account):
    assert 'value="root-account-mfa-device"' in root_client.get(PAGE + "mfa/assign/").content \
        .decode()
    device, setup_url = _assign(root_client)
    setup = root_client.get(setup_url)
    assert setup["Cache-Control"] == "no-store"
    html = setup.content.decode()
    assert "<svg" in html and shown_secret(html) == decrypt(device.seed_encrypted)
    assert f'action="{PAGE}mfa/cancel/"' in html
    wrong = root_client.post(setup_url, {"serial": device.serial_number,
                                         "code_1": "000000", "code_2": "000001"})
    assert wrong.status_code == 403  # InvalidAuthenticationCode, as the API answers
    assert "enter two consecutive codes" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.is_enabled and not device.is_root
    code_1, code_2 = mfa_codes(device)
    done = root_client.post(PAGE + "mfa/enable/", {"serial": device.serial_number,
                                                   "code_1": code_1, "code_2": code_2})
    assert done.status_code == 302 and done["Location"] == PAGE
    device.refresh_from_db()
    assert device.is_root and device.is_enabled and device.user is None
    page = root_client.get(PAGE).content.decode()
    assert device.serial_number in page and decrypt(device.seed_encrypted) not in page
    signin = Client().post("/signin/", {"email": account.root_email,
                                        "password": ROOT_PASSWORD})
    assert signin["Location"] == "/signin/mfa/"


def test_the_root_user_has_at_most_one_mfa_device(root_client, account):
    MfaDeviceFactory(account=account, name="first", is_root=True,
                     enabled_at=account.created_at)
    assert "remove it first to assign another" in root_client.get(PAGE).content.decode()
    response = root_client.post(PAGE + "mfa/assign/", {"device_name": "second"}, follow=True)
    assert "The root user already has an MFA device" in response.content.decode()
    assert not MfaDevice.objects.filter(name="second").exists()


def test_enabling_a_second_device_is_refused_with_limit_exceeded(root_client, account):
    spare = MfaDeviceFactory(account=account, name="spare")
    MfaDeviceFactory(account=account, name="first", is_root=True,
                     enabled_at=account.created_at)
    code_1, code_2 = mfa_codes(spare)
    response = root_client.post(PAGE + "mfa/enable/", {"serial": spare.serial_number,
                                                       "code_1": code_1, "code_2": code_2})
    assert response.status_code == 409
    assert "The root user already has an MFA device." in response.content.decode()
    spare.refresh_from_db()
    assert not spare.is_enabled


def test_the_root_user_removes_its_device(root_client, account):
    device = MfaDeviceFactory(account=account, is_root=True, enabled_at=account.created_at)
    response = root_client.post(PAGE + "mfa/remove/", {"serial": device.serial_number})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not MfaDevice.objects.filter(pk=device.pk).exists()
    assert "Add MFA for the root user" in root_client.get("/").content.decode()


def test_a_users_device_is_not_removed_through_the_root_page(root_client, account):
    alice = console_user(account, "alice")
    device = MfaDeviceFactory(account=account, enabled_for=alice)
    response = root_client.post(PAGE + "mfa/remove/", {"serial": device.serial_number})
    assert response.status_code == 404
    assert MfaDevice.objects.filter(pk=device.pk, user=alice).exists()


def test_cancel_deletes_the_unassigned_device(root_client, account):
    device, _ = _assign(root_client)
    response = root_client.post(PAGE + "mfa/cancel/", {"serial": device.serial_number})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not MfaDevice.objects.filter(pk=device.pk).exists()


# -- access keys ------------------------------------------------------------------------------
def _root_keys(account: Account):
    return AccessKey.objects.filter(account=account, user__isnull=True)


def test_the_warning_comes_first_and_must_be_acknowledged(root_client, account):
    warning = root_client.get(PAGE + "access-keys/create/")
    assert warning.status_code == 200
    assert "Root user access keys are not recommended." in warning.content.decode()
    refused = root_client.post(PAGE + "access-keys/create/", {})
    assert refused.status_code == 400
    assert "Confirm that you understand the risk" in refused.content.decode()
    assert not _root_keys(account).exists()


def test_a_root_key_shows_its_secret_once_stored_encrypted_with_a_csv(root_client, account):
    response = root_client.post(PAGE + "access-keys/create/", {"acknowledge": "on"})
    html = shown_once_page(root_client, response)
    key = _root_keys(account).get()
    secret = shown_secret(html)
    assert key.secret_encrypted != secret and decrypt(key.secret_encrypted) == secret
    csv_text = unquote(html.split('href="data:text/csv;charset=utf-8,')[1].split('"')[0])
    assert csv_text == f"Access key ID,Secret access key\n{key.access_key_id},{secret}\n"
    assert 'download="rootkey.csv"' in html
    page = root_client.get(PAGE).content.decode()
    assert key.access_key_id in page and secret not in page


def test_a_third_root_key_is_refused_with_limit_exceeded(root_client, account):
    access_key_create(account=account)
    access_key_create(account=account)
    assert "The root user has at most two access keys" in root_client.get(PAGE).content.decode()
    response = root_client.post(PAGE + "access-keys/create/", {"acknowledge": "on"},
                                follow=True)
    assert "Cannot exceed quota for AccessKeysPerUser: 2" in response.content.decode()
    assert _root_keys(account).count() == 2


def test_deactivate_activate_and_delete_a_root_key(root_client, account):
    key = AccessKeyFactory(user=None, account=account)
    url = f"{PAGE}access-keys/{key.access_key_id}/"
    assert root_client.post(url + "status/", {"status": "Inactive"})["Location"] == PAGE
    assert AccessKey.objects.get(pk=key.pk).status == "Inactive"
    assert "– Inactive" in root_client.get(PAGE).content.decode()
    root_client.post(url + "status/", {"status": "Active"})
    assert AccessKey.objects.get(pk=key.pk).status == "Active"
    bad_status = root_client.post(url + "status/", {"status": "Paused"}, follow=True)
    assert "The status of an access key is Active or Inactive." in bad_status.content.decode()
    assert f'href="{PAGE}">Cancel</a>' in root_client.get(url + "delete/").content.decode()
    assert root_client.post(url + "delete/", {"confirm": "nope"}).status_code == 400
    assert AccessKey.objects.filter(pk=key.pk).exists()
    assert root_client.post(url + "delete/", {"confirm": key.access_key_id}).status_code == 302
    assert not AccessKey.objects.filter(pk=key.pk).exists()


def test_a_users_key_is_not_found_through_the_root_page(root_client, account):
    alice = console_user(account, "alice")
    assert_key_not_found_through(root_client, PAGE, AccessKeyFactory(user=alice, account=account))


def test_another_accounts_root_key_is_not_found(root_client, other_account):
    assert_key_not_found_through(root_client, PAGE,
                                 AccessKeyFactory(user=None, account=other_account))


# -- other identities ---------------------------------------------------------------------------
def test_an_iam_user_is_sent_to_its_own_security_credentials_tab(client, account):
    alice = console_user(account, "alice")
    response = sign_in(client, alice).get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == "/users/details/alice/?tab=security_credentials"


def test_an_assumed_role_session_is_told_it_has_no_long_term_credentials(client, account):
    alice = console_user(account, "alice")
    RoleFactory(account=account, name="Auditor", trust={
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": alice.arn}, "Action": "sts:AssumeRole"}]})
    sign_in(client, alice)
    assert client.post("/switch-role/", {"account": account.account_id,
                                         "role_name": "Auditor"}).status_code == 302
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "A role session has no long-term credentials" in html
    assert 'action="/switch-role/back/"' in html.split("<main")[1]
    assert "Security credentials</a>" in html.split('class="identity-menu"')[1]
    refused = client.post(PAGE + "access-keys/create/", {"acknowledge": "on"})
    assert refused.status_code == 403
    assert "assumed-role/Auditor/alice is not authorized" in refused.content.decode()


# -- CSRF -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "data"), [
    ("password/", {"old_password": ROOT_PASSWORD, "new_password": NEW_PASSWORD,
                   "confirm_password": NEW_PASSWORD}),
    ("access-keys/create/", {"acknowledge": "on"}),
    ("mfa/assign/", {"device_name": "root-phone"}),
])
def test_posts_need_the_csrf_token(root_client, account, path, data):
    strict = Client(enforce_csrf_checks=True)
    cookie = settings.SESSION_COOKIE_NAME
    strict.cookies[cookie] = root_client.cookies[cookie].value
    assert strict.get(PAGE).status_code == 200
    assert strict.post(PAGE + path, data).status_code == 403
    assert not _root_keys(account).exists() and not MfaDevice.objects.exists()
    assert _root_sign_in(account, ROOT_PASSWORD).get("/").status_code == 200


def test_the_seed_of_a_device_being_assigned_is_shown_only_to_its_creator(root_client,
                                                                         account):
    """While the root user sets up its device, an IAM user who may enable MFA for itself
    cannot read the device's secret through its own step 2 (it would then know the root
    user's codes); it may still enable a device whose seed it has, with two codes."""
    device, setup_url = _assign(root_client)
    seed = decrypt(device.seed_encrypted)
    own_mfa = policy_create(account=account, name="own-mfa", policy_document={
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Resource": "*",
            "Action": ["iam:EnableMFADevice", "iam:CreateVirtualMFADevice", "iam:GetUser",
                       "iam:ListMFADevices"]}]})
    bob = console_user(account, "bob", own_mfa)
    client = sign_in(Client(), bob)
    response = client.get("/users/details/bob/mfa/enable/", {"serial": device.serial_number})
    assert response.status_code == 200
    html = response.content.decode()
    assert seed not in html and "<svg" not in html
    assert "is not shown again" in html
    # The creator still sees it.
    assert shown_secret(root_client.get(setup_url).content.decode()) == seed
