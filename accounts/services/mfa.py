"""Virtual MFA devices: created with a TOTP seed, enabled with two consecutive codes."""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from iamconsole.exceptions import (
    DeleteConflict,
    EntityAlreadyExists,
    InvalidAuthenticationCode,
    InvalidInput,
    LimitExceeded,
)
from iamconsole.identifiers import iam_arn
from iamconsole.services import check_quota, clean, lock, save_new
from iamconsole.validators import validate_name, validate_path, validate_tags

from ..crypto import decrypt, encrypt
from ..models import Account, IamUser, MfaDevice

_CODE = re.compile(r"^[0-9]{6}$")
# How many 30-second steps back the first of two enabling codes may be (clock drift, typing).
ENABLE_WINDOW_STEPS = 10
# Sign-in accepts the current step and one step either side, each code only once.
VERIFY_WINDOW_STEPS = 1


@dataclass(frozen=True)
class CreatedMfaDevice:
    """A new virtual device and its base32 seed: shown once, for the QR code."""

    device: MfaDevice
    seed: str = field(repr=False)

    @property
    def provisioning_uri(self) -> str:
        """The otpauth:// URI an authenticator app reads from the QR code."""
        return _provisioning_uri(self.device, self.seed)


def _provisioning_uri(device: MfaDevice, seed: str) -> str:
    account = device.account
    label = f"{device.name}@{account.alias or account.account_id}"
    issuer = settings.IAM_MFA_ISSUER
    return pyotp.TOTP(seed).provisioning_uri(name=label, issuer_name=issuer)


@transaction.atomic
def mfa_device_create_virtual(
    *,
    account: Account,
    name: str,
    path: str = "/",
    tags: Mapping[str, str] | None = None,
) -> CreatedMfaDevice:
    """Create an unassigned virtual MFA device (CreateVirtualMFADevice) with a fresh seed."""
    validate_name(name, "MFA device")
    validate_path(path)
    tag_set = validate_tags(tags)
    if MfaDevice.objects.filter(account=account, name__iexact=name).exists():
        raise EntityAlreadyExists("MFADevice entity at the same path and name already exists.",
                                  field="name")
    seed = pyotp.random_base32(32)
    device = MfaDevice(
        account=account,
        name=name,
        path=path,
        tags=tag_set,
        serial_number=iam_arn(account.account_id, "mfa", path, name),
        seed_encrypted=encrypt(seed),
    )
    clean(device)
    save_new(device, conflict="MFADevice entity at the same path and name already exists.")
    return CreatedMfaDevice(device=device, seed=seed)


def mfa_device_setup_uri(device: MfaDevice) -> str:
    """The provisioning URI of a device not yet enabled, to show its QR code again."""
    if device.is_enabled:
        raise InvalidInput("The seed of an enabled MFA device is never shown again.")
    return _provisioning_uri(device, decrypt(device.seed_encrypted))


def _check_code_format(*codes: str) -> None:
    for code in codes:
        if not isinstance(code, str) or not _CODE.match(code):
            raise InvalidInput("An MFA code is exactly 6 digits.", field="authentication_code")


def _consecutive_step(seed: str, code1: str, code2: str, *, after: int) -> int | None:
    """The step of code2 when code1 and code2 are codes of two consecutive recent steps."""
    totp = pyotp.TOTP(seed)
    now = totp.timecode(timezone.now())
    for step in range(now - ENABLE_WINDOW_STEPS, now + 1):
        if step <= after:  # both codes must be unused
            continue
        first = hmac.compare_digest(totp.generate_otp(step), code1)
        second = hmac.compare_digest(totp.generate_otp(step + 1), code2)
        if first and second:
            return step + 1
    return None


@transaction.atomic
def mfa_device_enable(
    *,
    device: MfaDevice,
    authentication_code_1: str,
    authentication_code_2: str,
    user: IamUser | None = None,
    root: bool = False,
) -> MfaDevice:
    """Assign a virtual device to a user or to the root user (EnableMFADevice).

    Two consecutive codes prove the authenticator holds the seed, as AWS requires.
    """
    _check_code_format(authentication_code_1, authentication_code_2)
    if (user is None) == (not root):
        raise InvalidInput("Enable an MFA device either for a user or for the root user.")
    device = lock(device)
    if device.is_enabled:
        raise EntityAlreadyExists("The MFA device is already in use.", field="serial_number")
    if user is not None:
        user = lock(user)
        if user.account_id != device.account_id:
            raise InvalidInput("The MFA device belongs to another account.")
        check_quota(
            setting="IAM_MAX_MFA_DEVICES_PER_USER",
            count=MfaDevice.objects.filter(user=user).count(),
            quota_name="MFADevicesPerUser",
        )
    elif MfaDevice.objects.filter(account_id=device.account_id, is_root=True).exists():
        raise LimitExceeded("The root user already has an MFA device.")
    step = _consecutive_step(
        decrypt(device.seed_encrypted), authentication_code_1, authentication_code_2,
        after=device.last_used_step,
    )
    if step is None:
        raise InvalidAuthenticationCode(
            "Authentication code for device is not valid: enter two consecutive codes.",
            field="authentication_code",
        )
    device.user, device.is_root = user, root
    device.enabled_at = device.last_used_at = timezone.now()
    device.last_used_step = step
    clean(device)
    device.save()
    return device


@transaction.atomic
def mfa_device_resync(
    *, device: MfaDevice, authentication_code_1: str, authentication_code_2: str
) -> MfaDevice:
    """Resynchronize an enabled device with two consecutive codes (ResyncMFADevice)."""
    _check_code_format(authentication_code_1, authentication_code_2)
    device = lock(device)
    step = _consecutive_step(
        decrypt(device.seed_encrypted), authentication_code_1, authentication_code_2,
        after=device.last_used_step,
    )
    if step is None:
        raise InvalidAuthenticationCode("Authentication code for device is not valid.",
                                        field="authentication_code")
    device.last_used_step = step
    device.save(update_fields=["last_used_step", "updated_at"])
    return device


@transaction.atomic
def mfa_device_verify_code(*, device: MfaDevice, code: str) -> bool:
    """Check a sign-in code of an enabled device; a code (time step) is accepted only once."""
    if not isinstance(code, str) or not _CODE.match(code):
        return False
    device = lock(device)
    if not device.is_enabled:
        return False
    totp = pyotp.TOTP(decrypt(device.seed_encrypted))
    now = totp.timecode(timezone.now())
    for step in range(now - VERIFY_WINDOW_STEPS, now + VERIFY_WINDOW_STEPS + 1):
        if step > device.last_used_step and hmac.compare_digest(totp.generate_otp(step), code):
            device.last_used_step = step
            device.last_used_at = timezone.now()
            device.save(update_fields=["last_used_step", "last_used_at", "updated_at"])
            return True
    return False


@transaction.atomic
def mfa_device_deactivate(*, device: MfaDevice) -> MfaDevice:
    """Unassign a device from its user or the root user (DeactivateMFADevice)."""
    device = lock(device)
    device.user, device.is_root, device.enabled_at = None, False, None
    device.save(update_fields=["user", "is_root", "enabled_at", "updated_at"])
    return device


@transaction.atomic
def mfa_device_delete(*, device: MfaDevice) -> None:
    """Delete a virtual device (DeleteVirtualMFADevice); an enabled one must be deactivated."""
    device = lock(device)
    if device.is_enabled:
        owner = "root user" if device.is_root else f"user {device.user.name}"
        raise DeleteConflict(
            f"MFA device {device.serial_number} is enabled for the {owner}: deactivate it first.",
            details=[{"type": "MFA assignment", "name": owner}],
        )
    device.delete()
