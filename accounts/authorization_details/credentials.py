"""Importing the x-console block: alias, password policy and users' credential metadata."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyotp
from django.contrib.auth.hashers import make_password

from iamconsole.identifiers import new_secret_access_key
from iamconsole.services import check_quota, clean

from ..crypto import encrypt
from ..models import AccessKey, Account, IamUser, LoginProfile, MfaDevice, PasswordPolicy
from ..operations.access_keys import CreateAccessKey, DeleteAccessKey, UpdateAccessKey
from ..operations.account import (
    CreateAccountAlias,
    DeleteAccountAlias,
    DeleteAccountPasswordPolicy,
    UpdateAccountPasswordPolicy,
)
from ..operations.login_profiles import CreateLoginProfile, DeleteLoginProfile, UpdateLoginProfile
from ..operations.mfa import (
    CreateVirtualMFADevice,
    DeactivateMFADevice,
    DeleteVirtualMFADevice,
    EnableMFADevice,
)
from .parse import UserCredentials
from .reading import refuse
from .sync import sync_fields

if TYPE_CHECKING:
    from .importer import Importer

# x-console / GetAccountPasswordPolicy names -> PasswordPolicy fields (ExpirePasswords is
# derived from MaxPasswordAge).
PASSWORD_POLICY_FIELDS = {
    "MinimumPasswordLength": "minimum_password_length",
    "RequireSymbols": "require_symbols",
    "RequireNumbers": "require_numbers",
    "RequireUppercaseCharacters": "require_uppercase_characters",
    "RequireLowercaseCharacters": "require_lowercase_characters",
    "AllowUsersToChangePassword": "allow_users_to_change_password",
    "MaxPasswordAge": "max_password_age",
    "PasswordReusePrevention": "password_reuse_prevention",
    "HardExpiry": "hard_expiry",
}


def import_account_settings(importer: Importer) -> None:
    """Alias (CreateAccountAlias, DeleteAccountAlias) and password policy
    (UpdateAccountPasswordPolicy, DeleteAccountPasswordPolicy), when the file's x-console
    block gives them."""
    account, details = importer.account, importer.details
    if details.alias is not None:
        alias = details.alias[0]
        if alias is None and account.alias:
            importer.run(DeleteAccountAlias, account_alias=account.alias)
            importer.result.record("account settings", changed=True)
        elif alias and alias != account.alias:
            if Account.objects.filter(alias=alias).exclude(pk=account.pk).exists():
                importer.warn(f"The alias {alias} belongs to another account here; "
                              f"{account.account_id} kept its own.")
            else:
                importer.run(CreateAccountAlias, where="$.x-console.AccountAlias",
                             account_alias=alias)
                importer.result.record("account settings", changed=True)
    if details.password_policy is not None:
        _password_policy(importer, details.password_policy[0])


def _password_policy(importer: Importer, given: dict[str, Any] | None) -> None:
    current = PasswordPolicy.objects.filter(account=importer.account).first()
    if given is None:
        if current is not None:
            importer.run(DeleteAccountPasswordPolicy)
            importer.result.record("account settings", changed=True)
        return
    fields = {
        field: given[key] for key, field in PASSWORD_POLICY_FIELDS.items() if key in given
    }
    if current is not None:
        defaults = PasswordPolicy(account=importer.account)
        wanted = {f: fields.get(f, getattr(defaults, f)) for f in PASSWORD_POLICY_FIELDS.values()}
        if all(getattr(current, f) == v for f, v in wanted.items()):
            return
    importer.run(UpdateAccountPasswordPolicy, where="$.x-console.PasswordPolicy", **fields)
    importer.result.record("account settings", changed=True)


def import_credentials(importer: Importer) -> None:
    """Login profiles, MFA devices and access keys as the x-console block describes them.

    Secrets never travel: an imported console password is unusable until an administrator
    sets one, an MFA device gets a fresh seed nobody holds, and an access key keeps AWS's ID
    and dates with a random secret that is never shown. Each change is authorized as the
    operation it is (DeleteLoginProfile, DeactivateMFADevice, UpdateAccessKey...).
    """
    for name, credentials in importer.details.credentials.items():
        user = importer.users[name]
        importer.source, importer.where = credentials.source, credentials.where
        changed = sync_fields(user, password_last_used_at=credentials.password_last_used)
        changed |= _login_profile(importer, user, credentials)
        changed |= _mfa_devices(importer, user, credentials)
        changed |= _access_keys(importer, user, credentials)
        importer.result.record("user credentials", changed=changed)


def _login_profile(importer: Importer, user: IamUser, credentials: UserCredentials) -> bool:
    current = LoginProfile.objects.filter(user=user).first()
    if credentials.login_profile is None:
        if current is None:
            return False
        importer.run(DeleteLoginProfile, user_name=user.name)
        return True
    created_at, reset_required = credentials.login_profile
    if current is None:
        importer.authorize(CreateLoginProfile, user.arn)
        profile = LoginProfile(user=user, password=make_password(None),
                               password_reset_required=reset_required)
        if created_at is not None:
            profile.created_at = profile.password_changed_at = created_at
        clean(profile)
        profile.save()
        return True
    changed = False
    if current.password_reset_required != reset_required:
        importer.run(UpdateLoginProfile, user_name=user.name,
                     password_reset_required=reset_required)
        changed = True
    return sync_fields(current, created_at=created_at) or changed


def _mfa_devices(importer: Importer, user: IamUser, credentials: UserCredentials) -> bool:
    wanted = {importer.local_arn(serial): enabled for serial, enabled in credentials.mfa_devices}
    changed = False
    for device in MfaDevice.objects.filter(user=user):
        if device.serial_number not in wanted:
            importer.run(DeactivateMFADevice, user_name=user.name,
                         serial_number=device.serial_number)
            importer.run(DeleteVirtualMFADevice, serial_number=device.serial_number)
            changed = True
    for index, (serial, enabled_at) in enumerate(wanted.items()):
        where = f"{credentials.where}.MFADevices[{index}]"
        device = MfaDevice.objects.filter(serial_number=serial).first()
        if device is not None and device.user_id == user.pk:
            changed |= sync_fields(device, enabled_at=enabled_at)
            continue
        if device is not None and (device.account_id != user.account_id or device.is_enabled):
            importer.warn(f"{where}: the MFA device {serial} is in use elsewhere, so it was "
                          "not imported.")
            continue
        rest = serial.split(":", 5)[5]
        if not rest.startswith("mfa/"):
            refuse(credentials.source, f"{where}.SerialNumber", "expected an MFA device ARN")
        path, _, name = rest[len("mfa"):].rpartition("/")
        if device is None:
            importer.authorize(CreateVirtualMFADevice, serial)
        importer.authorize(EnableMFADevice, user.arn)
        device = device or MfaDevice(
            account_id=user.account_id, name=name, path=f"{path}/", serial_number=serial,
            seed_encrypted=encrypt(pyotp.random_base32(32)),
        )
        device.user = user
        device.enabled_at = enabled_at or user.created_at
        with importer.at(where):
            clean(device)
        device.save()
        changed = True
    return changed


def _access_keys(importer: Importer, user: IamUser, credentials: UserCredentials) -> bool:
    wanted = {key["id"]: key for key in credentials.access_keys}
    changed = False
    for key in AccessKey.objects.filter(user=user):
        if key.access_key_id not in wanted:
            importer.run(DeleteAccessKey, user_name=user.name, access_key_id=key.access_key_id)
            changed = True
    current = {k.access_key_id: k for k in AccessKey.objects.filter(user=user)}
    with importer.at(f"{credentials.where}.AccessKeys"):
        check_quota(setting="IAM_MAX_ACCESS_KEYS_PER_USER", count=0, adding=len(wanted),
                    quota_name="AccessKeysPerUser")
    for key_id, given in wanted.items():
        facts = {
            "created_at": given["created_at"],
            "last_used_at": given["last_used_at"],
            "last_used_service": given["service"] or None,
            "last_used_region": given["region"] or None,
        }
        key = current.get(key_id)
        if key is not None:
            if key.status != given["status"]:
                importer.run(UpdateAccessKey, where=given["where"], user_name=user.name,
                             access_key_id=key_id, status=given["status"])
                changed = True
            changed |= sync_fields(key, **facts)
            continue
        if AccessKey.objects.filter(access_key_id=key_id).exists():
            importer.warn(f"{given['where']}: the access key {key_id} belongs to another "
                          "identity here, so it was not imported.")
            continue
        importer.authorize(CreateAccessKey, user.arn)
        key = AccessKey(
            account_id=user.account_id, user=user, access_key_id=key_id,
            secret_encrypted=encrypt(new_secret_access_key()), status=given["status"],
            **{k: v for k, v in facts.items() if v is not None},
        )
        with importer.at(given["where"]):
            clean(key)
        key.save()
        changed = True
    return changed
