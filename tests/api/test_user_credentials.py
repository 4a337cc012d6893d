"""A user's access keys, console password and MFA devices, and virtual MFA devices."""

from __future__ import annotations

import pyotp
import pytest
from django.utils import timezone

from accounts.models import MfaDevice
from accounts.services import user_create
from tests.api.helpers import Api, error

pytestmark = pytest.mark.django_db


# --- access keys -------------------------------------------------------------------------

def test_create_an_access_key_shows_the_secret_once_and_the_key_works(admin, alice):
    response = admin.post("/api/v1/users/alice/access-keys/")
    assert response.status_code == 201
    body = response.json()
    assert body["access_key_id"].startswith("AKIA") and len(body["secret_access_key"]) == 40
    assert body["user_name"] == "alice" and body["status"] == "Active"
    listed = admin.get("/api/v1/users/alice/access-keys/").json()["results"]
    assert [k["access_key_id"] for k in listed] == [body["access_key_id"]]
    assert "secret_access_key" not in listed[0]
    # alice has no policies: her key authenticates, and she is denied.
    assert Api(body["access_key_id"], body["secret_access_key"]).get(
        "/api/v1/users/").status_code == 403


def test_a_third_access_key_exceeds_the_limit(admin, alice):
    for _ in range(2):
        assert admin.post("/api/v1/users/alice/access-keys/").status_code == 201
    response = admin.post("/api/v1/users/alice/access-keys/")
    assert error(response) == (409, "LimitExceeded")
    assert response.json()["message"] == "Cannot exceed quota for AccessKeysPerUser: 2"


def test_deactivate_activate_and_delete_an_access_key(admin, alice):
    created = admin.post("/api/v1/users/alice/access-keys/").json()
    url = f"/api/v1/users/alice/access-keys/{created['access_key_id']}/"
    assert admin.patch(url, {"status": "Inactive"}).json()["status"] == "Inactive"
    assert Api(created["access_key_id"], created["secret_access_key"]).get(
        "/api/v1/users/").status_code == 401
    assert error(admin.patch(url, {"status": "Paused"})) == (400, "InvalidInput")
    detail = admin.get(url)
    assert detail.json()["last_used_at"] is None and detail["ETag"]
    assert admin.delete(url).status_code == 204
    assert error(admin.get(url)) == (404, "NoSuchEntity")


def test_a_key_is_only_reachable_through_its_own_user(admin, account, alice):
    user_create(account=account, name="bob")
    created = admin.post("/api/v1/users/alice/access-keys/").json()
    response = admin.delete(f"/api/v1/users/bob/access-keys/{created['access_key_id']}/")
    assert error(response) == (404, "NoSuchEntity")


# --- console password --------------------------------------------------------------------

def test_login_profile_lifecycle(admin, alice):
    url = "/api/v1/users/alice/login-profile/"
    assert error(admin.get(url)) == (404, "NoSuchEntity")
    created = admin.post(url, {"password": "Example-Passw0rd!", "password_reset_required": True})
    assert created.status_code == 201
    assert created.json()["password_reset_required"] is True
    assert "password" not in created.json()
    assert error(admin.post(url, {"password": "Example-Passw0rd!"})) == (
        409, "EntityAlreadyExists")
    updated = admin.patch(url, {"password_reset_required": False})
    assert updated.json()["password_reset_required"] is False
    assert error(admin.patch(url, {})) == (400, "InvalidInput")
    assert admin.delete(url).status_code == 204
    assert error(admin.delete(url)) == (404, "NoSuchEntity")


def test_passwords_must_satisfy_the_account_password_policy(admin, alice):
    admin.put("/api/v1/account/password-policy/",
              {"minimum_password_length": 20, "require_symbols": True})
    response = admin.post("/api/v1/users/alice/login-profile/", {"password": "Short1a"})
    assert error(response) == (400, "PasswordPolicyViolation")
    assert response.json()["details"] == [
        "Passwords must be at least 20 characters long.",
        "Passwords must contain a symbol (!@#$%^&*()_+-=[]{}|').",
    ]


# --- MFA ---------------------------------------------------------------------------------

def _codes(seed: str) -> tuple[str, str]:
    totp = pyotp.TOTP(seed)
    step = totp.timecode(timezone.now())
    return totp.generate_otp(step - 1), totp.generate_otp(step)


def test_create_a_virtual_device_then_enable_it_for_a_user_with_two_codes(admin, alice):
    created = admin.post("/api/v1/mfa-devices/", {"name": "alice-phone"})
    assert created.status_code == 201
    body = created.json()
    assert body["serial_number"] == "arn:aws:iam::111111111111:mfa/alice-phone"
    assert body["provisioning_uri"].startswith("otpauth://totp/")
    assert body["enabled_at"] is None
    seed = body["base32_string_seed"]
    # The seed is shown once: lists never carry it.
    listed = admin.get("/api/v1/mfa-devices/?assignment_status=Unassigned").json()["results"]
    assert [d["name"] for d in listed] == ["alice-phone"]
    assert "base32_string_seed" not in listed[0]

    wrong = admin.post("/api/v1/users/alice/mfa-devices/", {
        "device_name": "alice-phone", "authentication_code_1": "000000",
        "authentication_code_2": "000000"})
    assert error(wrong) == (403, "InvalidAuthenticationCode")

    code1, code2 = _codes(seed)
    enabled = admin.post("/api/v1/users/alice/mfa-devices/", {
        "device_name": "alice-phone", "authentication_code_1": code1,
        "authentication_code_2": code2})
    assert enabled.status_code == 200, enabled.content
    assert enabled.json()["user_name"] == "alice" and enabled.json()["enabled_at"]
    mine = admin.get("/api/v1/users/alice/mfa-devices/").json()["results"]
    assert [d["name"] for d in mine] == ["alice-phone"]
    assert admin.get("/api/v1/mfa-devices/?assignment_status=Assigned").json()["results"]

    assert error(admin.delete("/api/v1/mfa-devices/alice-phone/")) == (409, "DeleteConflict")
    assert admin.delete("/api/v1/users/alice/mfa-devices/alice-phone/").status_code == 204
    assert MfaDevice.objects.get(name="alice-phone").enabled_at is None
    assert admin.delete("/api/v1/mfa-devices/alice-phone/").status_code == 204


@pytest.mark.parametrize("codes", [("12345", "123456"), ("١٢٣٤٥٦", "123456"),
                                   ("abcdef", "123456")])
def test_malformed_mfa_codes_are_invalid_input(admin, alice, codes):
    admin.post("/api/v1/mfa-devices/", {"name": "phone"})
    response = admin.post("/api/v1/users/alice/mfa-devices/", {
        "device_name": "phone", "authentication_code_1": codes[0],
        "authentication_code_2": codes[1]})
    assert error(response) == (400, "InvalidInput")


def test_virtual_device_names_are_unique_and_deactivating_anothers_device_is_404(
    admin, account, alice
):
    admin.post("/api/v1/mfa-devices/", {"name": "phone"})
    assert error(admin.post("/api/v1/mfa-devices/", {"name": "PHONE"})) == (
        409, "EntityAlreadyExists")
    user_create(account=account, name="bob")
    assert error(admin.delete("/api/v1/users/bob/mfa-devices/phone/")) == (404, "NoSuchEntity")
    assert error(admin.delete("/api/v1/mfa-devices/nope/")) == (404, "NoSuchEntity")


def test_mfa_device_tags(admin):
    admin.post("/api/v1/mfa-devices/", {"name": "phone", "tags": {"owner": "alice"}})
    assert admin.get("/api/v1/mfa-devices/phone/tags/").json() == {"tags": {"owner": "alice"}}
    assert admin.delete("/api/v1/mfa-devices/phone/tags/?key=owner").json() == {"tags": {}}
