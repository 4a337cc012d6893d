"""Credentials of IAM users and of the root user: console passwords (login_profiles), access
keys (access_keys) and MFA devices (mfa), gathered under one name."""

from __future__ import annotations

from .access_keys import (
    CreateAccessKey,
    DeleteAccessKey,
    GetAccessKeyLastUsed,
    ListAccessKeys,
    UpdateAccessKey,
)
from .login_profiles import (
    ChangePassword,
    CreateLoginProfile,
    DeleteLoginProfile,
    GetLoginProfile,
    UpdateLoginProfile,
)
from .mfa import (
    CreateVirtualMFADevice,
    DeactivateMFADevice,
    DeleteVirtualMFADevice,
    EnableMFADevice,
    GetMFADevice,
    ListMFADevices,
    ListVirtualMFADevices,
    ResyncMFADevice,
)
from .owners import CredentialOperation

__all__ = [
    "ChangePassword",
    "CreateAccessKey",
    "CreateLoginProfile",
    "CreateVirtualMFADevice",
    "CredentialOperation",
    "DeactivateMFADevice",
    "DeleteAccessKey",
    "DeleteLoginProfile",
    "DeleteVirtualMFADevice",
    "EnableMFADevice",
    "GetAccessKeyLastUsed",
    "GetLoginProfile",
    "GetMFADevice",
    "ListAccessKeys",
    "ListMFADevices",
    "ListVirtualMFADevices",
    "ResyncMFADevice",
    "UpdateAccessKey",
    "UpdateLoginProfile",
]
