"""Virtual MFA devices over AWS's wire API, driven by boto3."""

from __future__ import annotations

import time

import pyotp
import pytest
from botocore.exceptions import ClientError

from .conftest import WIRE_ACCOUNT

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def codes(seed: bytes, steps_ago: int) -> dict[str, str]:
    """Two consecutive codes of the authenticator, the second `steps_ago` steps back."""
    totp = pyotp.TOTP(seed.decode())
    step = totp.timecode(time.time()) - steps_ago
    return {"AuthenticationCode1": totp.generate_otp(step - 1),
            "AuthenticationCode2": totp.generate_otp(step)}


def error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = caught.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_a_device_is_created_enabled_resynced_deactivated_and_deleted(iam):
    iam.create_user(UserName="wire-mfa-user")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="wire-phone",
                                           Tags=[{"Key": "kind", "Value": "phone"}])
    device = device["VirtualMFADevice"]
    serial = device["SerialNumber"]
    assert serial == f"arn:aws:iam::{WIRE_ACCOUNT}:mfa/wire-phone"
    assert device["QRCodePNG"].startswith(PNG_SIGNATURE)
    seed = device["Base32StringSeed"]
    assert pyotp.TOTP(seed.decode()).now().isdigit()
    unassigned = iam.list_virtual_mfa_devices(AssignmentStatus="Unassigned")
    assert [d["SerialNumber"] for d in unassigned["VirtualMFADevices"]] == [serial]
    assert "Base32StringSeed" not in unassigned["VirtualMFADevices"][0]

    iam.enable_mfa_device(UserName="wire-mfa-user", SerialNumber=serial, **codes(seed, 4))
    assigned = iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
    assert assigned[0]["User"]["UserName"] == "wire-mfa-user" and assigned[0]["EnableDate"]
    listed = iam.list_mfa_devices(UserName="wire-mfa-user")["MFADevices"]
    assert [(d["UserName"], d["SerialNumber"]) for d in listed] == [("wire-mfa-user", serial)]
    iam.resync_mfa_device(UserName="wire-mfa-user", SerialNumber=serial, **codes(seed, 0))
    got = iam.get_mfa_device(UserName="wire-mfa-user", SerialNumber=serial)
    assert (got["UserName"], got["SerialNumber"]) == ("wire-mfa-user", serial)
    assert got["EnableDate"] == assigned[0]["EnableDate"] and "Certifications" not in got
    with pytest.raises(ClientError) as caught:
        iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert error(caught) == ("DeleteConflict", 409)

    iam.deactivate_mfa_device(UserName="wire-mfa-user", SerialNumber=serial)
    assert iam.list_mfa_devices(UserName="wire-mfa-user")["MFADevices"] == []
    iam.delete_virtual_mfa_device(SerialNumber=serial)
    with pytest.raises(ClientError) as caught:
        iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert error(caught) == ("NoSuchEntity", 404)


def test_wrong_codes_are_refused(iam):
    iam.create_user(UserName="wire-mfa-wrong")
    serial = iam.create_virtual_mfa_device(
        VirtualMFADeviceName="wire-wrong")["VirtualMFADevice"]["SerialNumber"]
    with pytest.raises(ClientError) as caught:
        iam.enable_mfa_device(UserName="wire-mfa-wrong", SerialNumber=serial,
                              AuthenticationCode1="000000", AuthenticationCode2="000000")
    assert error(caught) == ("InvalidAuthenticationCode", 403)


def test_a_devices_tags_are_set_listed_and_removed(iam):
    serial = iam.create_virtual_mfa_device(
        VirtualMFADeviceName="wire-tagged-mfa",
        Tags=[{"Key": "kind", "Value": "phone"}])["VirtualMFADevice"]["SerialNumber"]
    iam.tag_mfa_device(SerialNumber=serial, Tags=[{"Key": "owner", "Value": "ops"}])
    tags = iam.list_mfa_device_tags(SerialNumber=serial)["Tags"]
    assert tags == [{"Key": "kind", "Value": "phone"}, {"Key": "owner", "Value": "ops"}]
    iam.untag_mfa_device(SerialNumber=serial, TagKeys=["kind"])
    assert iam.list_mfa_device_tags(SerialNumber=serial)["Tags"] == [
        {"Key": "owner", "Value": "ops"}]


def test_a_duplicate_device_name(iam):
    iam.create_virtual_mfa_device(VirtualMFADeviceName="wire-twice")
    with pytest.raises(ClientError) as caught:
        iam.create_virtual_mfa_device(VirtualMFADeviceName="wire-twice")
    assert error(caught) == ("EntityAlreadyExists", 409)


def test_the_root_user_lists_its_own_devices(iam):
    assert iam.list_mfa_devices()["MFADevices"] == []
    with pytest.raises(ClientError) as caught:
        iam.get_mfa_device(SerialNumber=f"arn:aws:iam::{WIRE_ACCOUNT}:mfa/not-mine")
    assert error(caught) == ("NoSuchEntity", 404)
