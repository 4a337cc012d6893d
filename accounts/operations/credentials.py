"""A user's credentials: console password (login profile), access keys, MFA devices."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.exceptions import NoSuchEntity
from iamconsole.operations import register

from ..kinds import MFA_DEVICE
from ..models import AccessKey, LoginProfile, MfaDevice
from ..selectors import (
    access_key_get,
    access_key_list,
    login_profile_get,
    mfa_device_get,
    mfa_device_list,
)
from ..services import (
    access_key_delete,
    login_profile_create,
    login_profile_delete,
    mfa_device_deactivate,
    mfa_device_delete,
)
from .entities import EntityOperation, UserOperation


@register
@dataclass(kw_only=True, eq=False)
class GetLoginProfile(UserOperation):
    """GetLoginProfile: the user's console password settings (NoSuchEntity without one)."""

    read_only = True

    def perform(self) -> LoginProfile:
        return login_profile_get(self.entity)


@register
@dataclass(kw_only=True, eq=False)
class ListAccessKeys(UserOperation):
    """ListAccessKeys: the user's access keys, oldest first (never their secrets)."""

    read_only = True

    def perform(self) -> QuerySet[AccessKey]:
        return access_key_list(user=self.entity)


@register
@dataclass(kw_only=True, eq=False)
class ListMFADevices(UserOperation):
    """ListMFADevices: the MFA devices assigned to the user."""

    read_only = True

    def perform(self) -> QuerySet[MfaDevice]:
        return mfa_device_list(account=self.caller.account, user=self.entity)


@register
@dataclass(kw_only=True, eq=False)
class CreateLoginProfile(UserOperation):
    """CreateLoginProfile: a console password for the user, checked against the account's
    password policy; with `password_reset_required`, changed at the first sign-in."""

    password: str = field(repr=False)
    password_reset_required: bool = False

    def perform(self) -> LoginProfile:
        return login_profile_create(user=self.entity, password=self.password,
                                    password_reset_required=self.password_reset_required)


@register
@dataclass(kw_only=True, eq=False)
class DeleteLoginProfile(UserOperation):
    """DeleteLoginProfile: remove the user's console password."""

    def perform(self) -> None:
        login_profile_delete(user=self.entity)


@register
@dataclass(kw_only=True, eq=False)
class DeleteAccessKey(UserOperation):
    """DeleteAccessKey: delete one of the user's access keys."""

    access_key_id: str
    access_key: AccessKey | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()

        def find() -> AccessKey:
            key = access_key_get(access_key_id=self.access_key_id, account=self.caller.account)
            if key.user_id != self.entity.pk:
                raise NoSuchEntity(f"The Access Key with id {self.access_key_id} cannot be "
                                   "found.", field="access_key_id")
            return key

        self.access_key = self.lookup(find, self.entity.arn)

    def perform(self) -> None:
        access_key_delete(access_key=self.access_key)


@register
@dataclass(kw_only=True, eq=False)
class DeactivateMFADevice(UserOperation):
    """DeactivateMFADevice: unassign an MFA device from the user (the device remains)."""

    serial_number: str
    device: MfaDevice | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        super().prepare()

        def find() -> MfaDevice:
            device = mfa_device_get(account=self.caller.account, serial_number=self.serial_number)
            if device.user_id != self.entity.pk:
                raise NoSuchEntity(f"MFA device {self.serial_number} is not enabled for user "
                                   f"{self.entity.name}.", field="serial_number")
            return device

        self.device = self.lookup(find, self.entity.arn)

    def perform(self) -> Any:
        return mfa_device_deactivate(device=self.device)


@register
@dataclass(kw_only=True, eq=False)
class DeleteVirtualMFADevice(EntityOperation):
    """DeleteVirtualMFADevice: delete a virtual MFA device that is not assigned to anyone."""

    kind = MFA_DEVICE

    serial_number: str

    def perform(self) -> None:
        mfa_device_delete(device=self.entity)
