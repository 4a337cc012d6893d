"""The model's entities as the IAM API's output shapes (AWS's member names)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import segno

from iamconsole.validators import check_unique_tag_keys

from ..authorization_details.credentials import PASSWORD_POLICY_FIELDS
from ..models import AccessKey, Account, IamGroup, IamUser, LoginProfile, MfaDevice, PasswordPolicy
from ..services import CreatedAccessKey, CreatedMfaDevice


def tag_list(tags: Mapping[str, str] | None) -> list[dict[str, str]]:
    """A tags dict as IAM's tag list: [{"Key": ..., "Value": ...}]."""
    # By key: the same order on every database (PostgreSQL's jsonb keeps no insertion order).
    return [{"Key": key, "Value": value} for key, value in sorted((tags or {}).items())]


def tag_dict(tags: list[Mapping[str, str]] | None) -> dict[str, str]:
    """IAM's tag list as the operations' tags dict (a key given twice is AWS's
    InvalidInput, not a silent overwrite)."""
    check_unique_tag_keys(tag["Key"] for tag in tags or [])
    return {tag["Key"]: tag.get("Value", "") for tag in tags or []}


def boundary(entity: Any) -> dict[str, str] | None:
    """AttachedPermissionsBoundary of a user or role, or None."""
    policy = entity.permissions_boundary
    if policy is None:
        return None
    return {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
            "PermissionsBoundaryArn": policy.arn}


def user(entity: IamUser, *, detail: bool = False) -> dict[str, Any]:
    """The User shape. GetUser and CreateUser (`detail`) also carry its permissions boundary
    and tags; ListUsers and the other lists return the subset AWS does."""
    shape: dict[str, Any] = {
        "Path": entity.path, "UserName": entity.name, "UserId": entity.unique_id,
        "Arn": entity.arn, "CreateDate": entity.created_at,
        "PasswordLastUsed": entity.password_last_used_at,
    }
    if detail:
        shape["PermissionsBoundary"] = (boundary(entity) if entity.permissions_boundary_id
                                        else None)
        if entity.tags:
            shape["Tags"] = tag_list(entity.tags)
    return shape


def root_user(account: Account) -> dict[str, Any]:
    """The root user as AWS shows it (GetUser): the account ID as UserId, the root ARN, no
    UserName or Path."""
    return {"UserId": account.account_id, "Arn": account.root_arn,
            "CreateDate": account.created_at,
            "PasswordLastUsed": account.root_password_last_used_at}


def group(entity: IamGroup) -> dict[str, Any]:
    """The Group shape."""
    return {"Path": entity.path, "GroupName": entity.name, "GroupId": entity.unique_id,
            "Arn": entity.arn, "CreateDate": entity.created_at}


def login_profile(profile: LoginProfile) -> dict[str, Any]:
    """The LoginProfile shape."""
    return {"UserName": profile.user.name, "CreateDate": profile.created_at,
            "PasswordResetRequired": profile.password_reset_required}


def access_key(key: AccessKey) -> dict[str, Any]:
    """AccessKeyMetadata (the root user's keys have no UserName)."""
    return {"UserName": key.user.name if key.user_id else None,
            "AccessKeyId": key.access_key_id, "Status": key.status,
            "CreateDate": key.created_at}


def created_access_key(created: CreatedAccessKey) -> dict[str, Any]:
    """CreateAccessKey's AccessKey: the metadata and the secret, this once."""
    return {**access_key(created.access_key), "UserName": _owner_name(created.access_key),
            "SecretAccessKey": created.secret_access_key}


def access_key_last_used(key: AccessKey) -> dict[str, Any]:
    """GetAccessKeyLastUsed's answer: N/A for the service and region of an unused key."""
    return {"UserName": _owner_name(key), "AccessKeyLastUsed": {
        "LastUsedDate": key.last_used_at, "ServiceName": key.last_used_service or "N/A",
        "Region": key.last_used_region or "N/A"}}


def _owner_name(key: AccessKey) -> str:
    """The key's user name; AWS names the root user's keys by the account ID."""
    return key.user.name if key.user_id else key.account.account_id


def password_policy(policy: PasswordPolicy) -> dict[str, Any]:
    """The PasswordPolicy shape (MaxPasswordAge and PasswordReusePrevention when set)."""
    shape = {member: getattr(policy, name) for member, name in PASSWORD_POLICY_FIELDS.items()}
    return {**shape, "ExpirePasswords": policy.expire_passwords}


def virtual_mfa_device(device: MfaDevice, *, tags: bool = True) -> dict[str, Any]:
    """The VirtualMFADevice shape: its user when assigned (the root user as AWS names it)."""
    owner = None
    if device.user_id:
        owner = user(device.user)
    elif device.is_root:
        owner = root_user(device.account)
    shape: dict[str, Any] = {"SerialNumber": device.serial_number, "User": owner,
                             "EnableDate": device.enabled_at}
    if tags and device.tags:
        shape["Tags"] = tag_list(device.tags)
    return shape


def created_virtual_mfa_device(created: CreatedMfaDevice) -> dict[str, Any]:
    """CreateVirtualMFADevice's device: the seed as AWS's Base32StringSeed and the QR code
    of its otpauth:// URI as a PNG, this once."""
    png = io.BytesIO()
    segno.make(created.provisioning_uri, error="m").save(png, kind="png", scale=4)
    return {**virtual_mfa_device(created.device), "Base32StringSeed": created.seed.encode(),
            "QRCodePNG": png.getvalue()}


def mfa_device(device: MfaDevice) -> dict[str, Any]:
    """ListMFADevices' MFADevice (the root user's is named by the account ID)."""
    name = device.user.name if device.user_id else device.account.account_id
    return {"UserName": name, "SerialNumber": device.serial_number,
            "EnableDate": device.enabled_at}
