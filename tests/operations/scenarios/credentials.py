"""Credentials: console passwords, access keys and MFA devices, of users and of the root user
(the console's "My security credentials" pages, which only the root user may use)."""

from __future__ import annotations

import pyotp
from django.utils import timezone

from accounts.crypto import decrypt
from accounts.models import MfaDevice
from accounts.services import mfa_device_enable
from tests.helpers import ROOT_PASSWORD

from ..harness import Call, Scenario, req
from ..world import ALICE_KEY, ALICE_MFA, PASSWORD, ROOT_KEY, SPARE_MFA, arn

ALICE, BOB, ADMIN, ROOT = arn("user/alice"), arn("user/bob"), arn("user/admin"), arn("root")
TAB = {"tab": "security_credentials"}
NEW_PASSWORD = "Another-Passw0rd-2026!"
ROOT_PAGE = "/security-credentials/"


class Codes:
    """Two consecutive codes of a world's device, of the moment the call is sent: the first
    is computed (and the pair kept) when the request's data asks for it, the second then."""

    def __init__(self, serial: str) -> None:
        self.serial, self.pair = serial, ("", "")

    def first(self) -> str:
        device = MfaDevice.objects.get(serial_number=self.serial)
        totp = pyotp.TOTP(decrypt(device.seed_encrypted))
        now = totp.timecode(timezone.now())
        self.pair = (totp.generate_otp(now - 1), totp.generate_otp(now))
        return self.pair[0]

    def second(self) -> str:
        return self.pair[1]

    def form(self) -> dict[str, object]:
        """The console's fields."""
        return {"serial": self.serial, "code_1": self.first, "code_2": self.second}

    def api(self) -> dict[str, object]:
        """The API's fields."""
        return {"authentication_code_1": self.first, "authentication_code_2": self.second}


SPARE_CODES, ALICE_CODES = Codes(SPARE_MFA), Codes(ALICE_MFA)


def _alice_phone_unused() -> None:
    """Enabling alice's device used its codes of the moment; resynchronizing needs fresh ones."""
    MfaDevice.objects.filter(serial_number=ALICE_MFA).update(last_used_step=0)


def _spare_for_root() -> None:
    device = MfaDevice.objects.get(serial_number=SPARE_MFA)
    mfa_device_enable(device=device, root=True, authentication_code_1=SPARE_CODES.first(),
                      authentication_code_2=SPARE_CODES.second())


def tab_reads(*but: str) -> tuple:
    """What alice's Security credentials tab reads, but the scenario's own operation."""
    reads = ("iam:GetUser", "iam:ListAccessKeys", "iam:ListMFADevices", "iam:GetLoginProfile",
             "iam:ListSSHPublicKeys", "iam:ListServiceSpecificCredentials",
             "iam:ListSigningCertificates")
    return tuple(req(action, ALICE) for action in reads if action not in but)


def password_form(password: str = NEW_PASSWORD) -> dict[str, str]:
    return {"password_type": "custom", "custom_password": password}


def change_form(old: str, new: str = NEW_PASSWORD) -> dict[str, str]:
    return {"old_password": old, "new_password": new, "confirm_password": new}


SCENARIOS = [
    # -- console passwords --------------------------------------------------------------------
    Scenario(
        "GetLoginProfile", (req("iam:GetLoginProfile", ALICE),),
        console=Call("get", "/users/details/alice/", TAB),
        api=Call("get", "/api/v1/users/alice/login-profile/"),
        console_also=tab_reads("iam:GetLoginProfile"),
    ),
    Scenario(
        "CreateLoginProfile", (req("iam:CreateLoginProfile", BOB),),
        console=Call("post", "/users/details/bob/password/", password_form()),
        api=Call("post", "/api/v1/users/bob/login-profile/", {"password": NEW_PASSWORD}),
        console_also=(req("iam:GetLoginProfile", BOB),),
    ),
    Scenario(
        "UpdateLoginProfile", (req("iam:UpdateLoginProfile", ALICE),),
        console=Call("post", "/users/details/alice/password/", password_form()),
        api=Call("patch", "/api/v1/users/alice/login-profile/",
                 {"password_reset_required": True}),
        console_also=(req("iam:GetLoginProfile", ALICE),),
    ),
    Scenario(
        "DeleteLoginProfile", (req("iam:DeleteLoginProfile", ALICE),),
        console=Call("post", "/users/details/alice/password/remove/"),
        api=Call("delete", "/api/v1/users/alice/login-profile/"),
    ),
    Scenario(
        # The world's password policy does not let users change their own password.
        "ChangePassword", (req("iam:ChangePassword", ADMIN),),
        console=Call("post", "/signin/change-password/", change_form(PASSWORD)),
    ),
    Scenario(
        "ChangePassword", (req("iam:ChangePassword", ROOT),), label="root", as_root=True,
        console=Call("post", ROOT_PAGE + "password/", change_form(ROOT_PASSWORD)),
    ),
    # -- access keys -----------------------------------------------------------------------
    Scenario(
        "ListAccessKeys", (req("iam:ListAccessKeys", ALICE),),
        console=Call("get", "/users/details/alice/", TAB),
        api=Call("get", "/api/v1/users/alice/access-keys/"),
        console_also=tab_reads("iam:ListAccessKeys"),
    ),
    Scenario(
        "CreateAccessKey", (req("iam:CreateAccessKey", BOB),),
        console=Call("post", "/users/details/bob/access-keys/create/",
                     {"use_case": "other", "nav": "create"}),
        api=Call("post", "/api/v1/users/bob/access-keys/"),
    ),
    Scenario(
        "CreateAccessKey", (req("iam:CreateAccessKey", ROOT),), label="root", as_root=True,
        console=Call("post", ROOT_PAGE + "access-keys/create/", {"acknowledge": "on"}),
    ),
    Scenario(
        "GetAccessKeyLastUsed", (req("iam:GetAccessKeyLastUsed", ALICE),),
        api=Call("get", f"/api/v1/users/alice/access-keys/{ALICE_KEY}/"),
    ),
    Scenario(
        "UpdateAccessKey", (req("iam:UpdateAccessKey", ALICE),),
        console=Call("post", f"/users/details/alice/access-keys/{ALICE_KEY}/status/",
                     {"status": "Inactive"}),
        api=Call("patch", f"/api/v1/users/alice/access-keys/{ALICE_KEY}/",
                 {"status": "Inactive"}),
    ),
    Scenario(
        "UpdateAccessKey", (req("iam:UpdateAccessKey", ROOT),), label="root", as_root=True,
        console=Call("post", f"{ROOT_PAGE}access-keys/{ROOT_KEY}/status/",
                     {"status": "Inactive"}),
    ),
    Scenario(
        "DeleteAccessKey", (req("iam:DeleteAccessKey", ALICE),),
        console=Call("post", f"/users/details/alice/access-keys/{ALICE_KEY}/delete/",
                     {"confirm": ALICE_KEY}),
        api=Call("delete", f"/api/v1/users/alice/access-keys/{ALICE_KEY}/"),
    ),
    Scenario(
        "DeleteAccessKey", (req("iam:DeleteAccessKey", ROOT),), label="root", as_root=True,
        console=Call("post", f"{ROOT_PAGE}access-keys/{ROOT_KEY}/delete/",
                     {"confirm": ROOT_KEY}),
    ),
    # -- MFA devices -------------------------------------------------------------------------
    Scenario(
        "ListMFADevices", (req("iam:ListMFADevices", ALICE),),
        console=Call("get", "/users/details/alice/", TAB),
        api=Call("get", "/api/v1/users/alice/mfa-devices/"),
        console_also=tab_reads("iam:ListMFADevices"),
    ),
    Scenario(
        "ListVirtualMFADevices", (req("iam:ListVirtualMFADevices", "*"),),
        api=Call("get", "/api/v1/mfa-devices/"),
    ),
    Scenario(
        # The console creates the device as step 1 of assigning it to a user.
        "CreateVirtualMFADevice", (req("iam:CreateVirtualMFADevice", arn("mfa/bob-phone")),),
        console=Call("post", "/users/details/bob/mfa/assign/", {"device_name": "bob-phone"}),
        api=Call("post", "/api/v1/mfa-devices/", {"name": "bob-phone"}),
        console_also=(req("iam:EnableMFADevice", BOB),),
    ),
    Scenario(
        "CreateVirtualMFADevice", label="tags",
        requires=(
            req("iam:CreateVirtualMFADevice", arn("mfa/bob-phone"),
                {"aws:RequestTag/team": "data", "aws:TagKeys": ["team"]}),
            req("iam:TagMFADevice", arn("mfa/bob-phone"),
                {"aws:RequestTag/team": "data", "aws:TagKeys": ["team"]}),
        ),
        api=Call("post", "/api/v1/mfa-devices/", {"name": "bob-phone", "tags": {"team": "data"}}),
    ),
    Scenario(
        "CreateVirtualMFADevice", (req("iam:CreateVirtualMFADevice", arn("mfa/root-phone")),),
        label="root", as_root=True,
        console=Call("post", ROOT_PAGE + "mfa/assign/", {"device_name": "root-phone"}),
        console_also=(req("iam:ListMFADevices", ROOT), req("iam:EnableMFADevice", ROOT)),
    ),
    Scenario(
        "EnableMFADevice", (req("iam:EnableMFADevice", BOB),),
        console=Call("post", "/users/details/bob/mfa/enable/", SPARE_CODES.form()),
        api=Call("post", "/api/v1/users/bob/mfa-devices/",
                 {"device_name": "spare", **SPARE_CODES.api()}),
    ),
    Scenario(
        "EnableMFADevice", (req("iam:EnableMFADevice", ROOT),), label="root", as_root=True,
        console=Call("post", ROOT_PAGE + "mfa/enable/", SPARE_CODES.form()),
    ),
    Scenario(
        "ResyncMFADevice", (req("iam:ResyncMFADevice", ALICE),), setup=_alice_phone_unused,
        api=Call("post", "/api/v1/users/alice/mfa-devices/alice-phone/resync/",
                 ALICE_CODES.api()),
    ),
    Scenario(
        # The console removes a device: deactivated, then deleted.
        "DeactivateMFADevice", (req("iam:DeactivateMFADevice", ALICE),),
        console=Call("post", "/users/details/alice/mfa/remove/", {"serial": ALICE_MFA}),
        api=Call("delete", "/api/v1/users/alice/mfa-devices/alice-phone/"),
        console_also=(req("iam:DeleteVirtualMFADevice", ALICE_MFA),),
    ),
    Scenario(
        "DeactivateMFADevice", (req("iam:DeactivateMFADevice", ROOT),), label="root",
        as_root=True, setup=_spare_for_root,
        console=Call("post", ROOT_PAGE + "mfa/remove/", {"serial": SPARE_MFA}),
        console_also=(req("iam:DeleteVirtualMFADevice", SPARE_MFA),),
    ),
    Scenario(
        # The console deletes an unassigned device when its assignment is abandoned.
        "DeleteVirtualMFADevice", (req("iam:DeleteVirtualMFADevice", SPARE_MFA),),
        console=Call("post", "/users/details/bob/mfa/cancel/", {"serial": SPARE_MFA}),
        api=Call("delete", "/api/v1/mfa-devices/spare/"),
        console_also=(req("iam:ListMFADevices", BOB),),
    ),
    Scenario(
        "DeleteVirtualMFADevice", (req("iam:DeleteVirtualMFADevice", SPARE_MFA),),
        label="root", as_root=True,
        console=Call("post", ROOT_PAGE + "mfa/cancel/", {"serial": SPARE_MFA}),
        console_also=(req("iam:ListMFADevices", ROOT),),
    ),
]
