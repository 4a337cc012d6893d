"""Importing the x-console block: alias, password policy and users' credential metadata."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyotp
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction

from iamconsole.exceptions import EntityAlreadyExists
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

# Rows read or inserted per query.
CHUNK = 500
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


@dataclass
class Loaded:
    """The credentials the account's users have and the file names, read once (a few
    queries whatever the number of users), and the rows to insert at the end."""

    profiles: dict[int, LoginProfile]
    devices: dict[int, list[MfaDevice]]
    keys: dict[int, list[AccessKey]]
    serials: dict[str, MfaDevice]  # the file's MFA devices that exist here, any account
    key_ids: set[str]  # the file's access key IDs that exist here, any identity
    new_profiles: list[LoginProfile] = field(default_factory=list)
    new_devices: list[MfaDevice] = field(default_factory=list)
    new_keys: list[AccessKey] = field(default_factory=list)


def _in_chunks(values: list[str], read: Callable[[list[str]], Iterable[Any]]) -> list[Any]:
    """`read` over bounded chunks of `values` (no unbounded IN lists)."""
    return [row for start in range(0, len(values), CHUNK)
            for row in read(values[start:start + CHUNK])]


def _load(importer: Importer) -> Loaded:
    account, given = importer.account, importer.details.credentials.values()
    devices: dict[int, list[MfaDevice]] = defaultdict(list)
    for device in MfaDevice.objects.filter(account=account, user__isnull=False):
        devices[device.user_id].append(device)
    keys: dict[int, list[AccessKey]] = defaultdict(list)
    for key in AccessKey.objects.filter(account=account, user__isnull=False):
        keys[key.user_id].append(key)
    serials = sorted({importer.local_arn(serial) for c in given for serial, _ in c.mfa_devices})
    key_ids = sorted({key["id"] for c in given for key in c.access_keys})
    return Loaded(
        profiles={p.user_id: p for p in LoginProfile.objects.filter(user__account=account)},
        devices=devices, keys=keys,
        serials={d.serial_number: d for d in _in_chunks(
            serials, lambda chunk: MfaDevice.objects.filter(serial_number__in=chunk))},
        key_ids=set(_in_chunks(key_ids, lambda chunk: AccessKey.objects.filter(
            access_key_id__in=chunk).values_list("access_key_id", flat=True))),
    )


def import_credentials(importer: Importer) -> None:
    """Login profiles, MFA devices and access keys as the x-console block describes them.

    Secrets never travel: an imported console password is unusable until an administrator
    sets one, an MFA device gets a fresh seed nobody holds, and an access key keeps AWS's ID
    and dates with a random secret that is never shown. Each change is authorized as the
    operation it is (DeleteLoginProfile, DeactivateMFADevice, UpdateAccessKey...); the new
    rows are inserted together at the end.
    """
    if not importer.details.credentials:
        return
    loaded = _load(importer)
    for name, credentials in importer.details.credentials.items():
        user = importer.users[name]
        importer.source, importer.where = credentials.source, credentials.where
        changed = sync_fields(user, password_last_used_at=credentials.password_last_used)
        changed |= _login_profile(importer, loaded, user, credentials)
        changed |= _mfa_devices(importer, loaded, user, credentials)
        changed |= _access_keys(importer, loaded, user, credentials)
        importer.result.record("user credentials", changed=changed)
    try:
        with transaction.atomic():
            LoginProfile.objects.bulk_create(loaded.new_profiles, batch_size=CHUNK)
            MfaDevice.objects.bulk_create(loaded.new_devices, batch_size=CHUNK)
            AccessKey.objects.bulk_create(loaded.new_keys, batch_size=CHUNK)
    except IntegrityError as exc:  # a racing request took a key ID or device meanwhile
        raise EntityAlreadyExists("A credential of the file was created meanwhile; import "
                                  "again.", field="x-console") from exc


def _login_profile(importer: Importer, loaded: Loaded, user: IamUser,
                   credentials: UserCredentials) -> bool:
    current = loaded.profiles.get(user.pk)
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
        clean(profile, related_known=True)
        loaded.new_profiles.append(profile)
        return True
    changed = False
    if current.password_reset_required != reset_required:
        importer.run(UpdateLoginProfile, user_name=user.name,
                     password_reset_required=reset_required)
        changed = True
    return sync_fields(current, created_at=created_at) or changed


def _mfa_devices(importer: Importer, loaded: Loaded, user: IamUser,
                 credentials: UserCredentials) -> bool:
    wanted = {importer.local_arn(serial): enabled for serial, enabled in credentials.mfa_devices}
    changed = False
    for device in loaded.devices.get(user.pk, []):
        if device.serial_number not in wanted:
            importer.run(DeactivateMFADevice, user_name=user.name,
                         serial_number=device.serial_number)
            importer.run(DeleteVirtualMFADevice, serial_number=device.serial_number)
            loaded.serials.pop(device.serial_number, None)
            changed = True
    for index, (serial, enabled_at) in enumerate(wanted.items()):
        where = f"{credentials.where}.MFADevices[{index}]"
        device = loaded.serials.get(serial)
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
        new = device is None
        device = device or MfaDevice(
            account_id=user.account_id, name=name, path=f"{path}/", serial_number=serial,
            seed_encrypted=encrypt(pyotp.random_base32(32)),
        )
        device.user = user
        device.enabled_at = enabled_at or user.created_at
        with importer.at(where):
            clean(device, related_known=True)
        if new:
            loaded.new_devices.append(device)
        else:
            device.save()
        loaded.serials[serial] = device
        changed = True
    return changed


def _access_keys(importer: Importer, loaded: Loaded, user: IamUser,
                 credentials: UserCredentials) -> bool:
    wanted = {key["id"]: key for key in credentials.access_keys}
    changed = False
    current = {}
    for key in loaded.keys.get(user.pk, []):
        if key.access_key_id not in wanted:
            importer.run(DeleteAccessKey, user_name=user.name, access_key_id=key.access_key_id)
            changed = True
        else:
            current[key.access_key_id] = key
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
        if key_id in loaded.key_ids:
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
            clean(key, related_known=True)
        loaded.new_keys.append(key)
        loaded.key_ids.add(key_id)
        changed = True
    return changed
