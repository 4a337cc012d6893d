"""Virtual MFA: two consecutive codes to enable, no code accepted twice, root devices."""

from datetime import timedelta

import pyotp
import pytest
from django.utils import timezone

from accounts.crypto import decrypt
from accounts.models import MfaDevice
from accounts.services import (
    mfa_device_create_virtual,
    mfa_device_deactivate,
    mfa_device_delete,
    mfa_device_enable,
    mfa_device_resync,
    mfa_device_setup_uri,
    mfa_device_verify_code,
)
from iamconsole.exceptions import (
    DeleteConflict,
    EntityAlreadyExists,
    InvalidAuthenticationCode,
    InvalidInput,
    LimitExceeded,
)
from tests.factories import IamUserFactory

pytestmark = pytest.mark.django_db


def _codes(seed, offset=0):
    totp = pyotp.TOTP(seed)
    step = totp.timecode(timezone.now()) + offset
    return totp.generate_otp(step - 1), totp.generate_otp(step)


def test_create_returns_the_seed_once_and_the_serial_is_the_arn(account):
    created = mfa_device_create_virtual(account=account, name="alice-phone")
    device = created.device
    assert device.serial_number == "arn:aws:iam::111111111111:mfa/alice-phone"
    assert len(created.seed) == 32 and created.seed not in repr(created)
    assert created.provisioning_uri.startswith("otpauth://totp/")
    assert "alice-phone%40acme" in created.provisioning_uri
    assert decrypt(device.seed_encrypted) == created.seed
    assert not device.is_enabled
    with pytest.raises(EntityAlreadyExists):
        mfa_device_create_virtual(account=account, name="ALICE-phone")


def test_enabling_needs_two_consecutive_codes(account):
    user = IamUserFactory(account=account)
    created = mfa_device_create_virtual(account=account, name="alice-phone")
    code1, code2 = _codes(created.seed)
    with pytest.raises(InvalidAuthenticationCode):
        mfa_device_enable(device=created.device, user=user,
                          authentication_code_1=code2, authentication_code_2=code1)
    with pytest.raises(InvalidAuthenticationCode):
        mfa_device_enable(device=created.device, user=user,
                          authentication_code_1=code1, authentication_code_2=code1)
    with pytest.raises(InvalidInput):
        mfa_device_enable(device=created.device, user=user,
                          authentication_code_1="12345", authentication_code_2=code2)
    device = mfa_device_enable(device=created.device, user=user,
                               authentication_code_1=code1, authentication_code_2=code2)
    assert device.is_enabled and device.user == user and not device.is_root
    with pytest.raises(EntityAlreadyExists):
        mfa_device_enable(device=device, user=user,
                          authentication_code_1=code1, authentication_code_2=code2)
    with pytest.raises(InvalidInput):
        mfa_device_setup_uri(device)


def test_codes_are_never_accepted_twice(account):
    user = IamUserFactory(account=account)
    created = mfa_device_create_virtual(account=account, name="alice-phone")
    code1, code2 = _codes(created.seed)
    device = mfa_device_enable(device=created.device, user=user,
                               authentication_code_1=code1, authentication_code_2=code2)
    # code2 was consumed by enabling; the next step's code works once.
    assert not mfa_device_verify_code(device=device, code=code2)
    totp = pyotp.TOTP(created.seed)
    next_code = totp.generate_otp(totp.timecode(timezone.now()) + 1)
    assert mfa_device_verify_code(device=device, code=next_code)
    assert not mfa_device_verify_code(device=device, code=next_code)
    assert not mfa_device_verify_code(device=device, code="abc")


def test_old_codes_are_refused(account):
    created = mfa_device_create_virtual(account=account, name="old")
    totp = pyotp.TOTP(created.seed)
    step = totp.timecode(timezone.now() - timedelta(hours=1))
    with pytest.raises(InvalidAuthenticationCode):
        mfa_device_enable(device=created.device, root=True,
                          authentication_code_1=totp.generate_otp(step),
                          authentication_code_2=totp.generate_otp(step + 1))


def test_unassigned_devices_do_not_verify(account):
    created = mfa_device_create_virtual(account=account, name="spare")
    assert not mfa_device_verify_code(device=created.device, code=_codes(created.seed)[1])
    assert mfa_device_setup_uri(created.device).startswith("otpauth://")


def test_root_user_can_have_one_device(account):
    first = mfa_device_create_virtual(account=account, name="root-account-mfa-device")
    device = mfa_device_enable(device=first.device, root=True,
                               authentication_code_1=_codes(first.seed)[0],
                               authentication_code_2=_codes(first.seed)[1])
    assert device.is_root and device.user is None
    second = mfa_device_create_virtual(account=account, name="root-2")
    with pytest.raises(LimitExceeded):
        mfa_device_enable(device=second.device, root=True,
                          authentication_code_1=_codes(second.seed)[0],
                          authentication_code_2=_codes(second.seed)[1])
    with pytest.raises(InvalidInput):
        mfa_device_enable(device=second.device, authentication_code_1="123456",
                          authentication_code_2="123456")


def test_devices_per_user_is_a_setting(account, settings):
    settings.IAM_MAX_MFA_DEVICES_PER_USER = 1
    user = IamUserFactory(account=account)
    for name in ("a", "b"):
        created = mfa_device_create_virtual(account=account, name=name)
        code1, code2 = _codes(created.seed)
        if name == "a":
            mfa_device_enable(device=created.device, user=user,
                              authentication_code_1=code1, authentication_code_2=code2)
        else:
            with pytest.raises(LimitExceeded):
                mfa_device_enable(device=created.device, user=user,
                                  authentication_code_1=code1, authentication_code_2=code2)


def test_devices_of_other_accounts_are_refused(account, other_account):
    created = mfa_device_create_virtual(account=other_account, name="x")
    code1, code2 = _codes(created.seed)
    with pytest.raises(InvalidInput):
        mfa_device_enable(device=created.device, user=IamUserFactory(account=account),
                          authentication_code_1=code1, authentication_code_2=code2)


def test_enabled_devices_must_be_deactivated_before_delete(account):
    user = IamUserFactory(account=account, name="alice")
    created = mfa_device_create_virtual(account=account, name="alice-phone")
    code1, code2 = _codes(created.seed)
    device = mfa_device_enable(device=created.device, user=user,
                               authentication_code_1=code1, authentication_code_2=code2)
    with pytest.raises(DeleteConflict) as exc:
        mfa_device_delete(device=device)
    assert exc.value.details == [{"type": "MFA assignment", "name": "user alice"}]
    device = mfa_device_deactivate(device=device)
    assert device.user is None and not device.is_enabled
    mfa_device_delete(device=device)
    assert not MfaDevice.objects.exists()


def test_resync_takes_two_fresh_consecutive_codes(account, monkeypatch):
    created = mfa_device_create_virtual(account=account, name="r")
    code1, code2 = _codes(created.seed)
    device = mfa_device_enable(device=created.device, root=True,
                               authentication_code_1=code1, authentication_code_2=code2)
    with pytest.raises(InvalidAuthenticationCode):
        mfa_device_resync(device=device, authentication_code_1=code1, authentication_code_2=code2)
    # Two steps later, the next two codes are fresh.
    later = timezone.now() + timedelta(seconds=60)
    code3, code4 = _codes(created.seed, offset=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    resynced = mfa_device_resync(device=device, authentication_code_1=code3,
                                 authentication_code_2=code4)
    assert resynced.last_used_step == pyotp.TOTP(created.seed).timecode(later)
