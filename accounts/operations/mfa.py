"""Virtual MFA devices: created unassigned (the seed shown once), enabled for a user or the
root user with two consecutive codes, resynchronized, deactivated, deleted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.exceptions import InvalidInput, NoSuchEntity
from iamconsole.operations import Operation, register
from iamconsole.validators import validate_name, validate_path, validate_tags
from policies.authorization import Requirement
from policies.condition_keys import tag_context

from ..kinds import MFA_DEVICE
from ..models import MfaDevice
from ..selectors import mfa_device_get, mfa_device_list
from ..services import (
    CreatedMfaDevice,
    mfa_device_create_virtual,
    mfa_device_deactivate,
    mfa_device_delete,
    mfa_device_enable,
    mfa_device_resync,
)
from .entities import EntityOperation
from .owners import CredentialOperation
from .tags import TagMFADevice

ASSIGNMENT_STATUSES = ("Assigned", "Unassigned", "Any")


@register
@dataclass(kw_only=True, eq=False)
class ListMFADevices(CredentialOperation):
    """ListMFADevices: the MFA devices assigned to the owner."""

    read_only = True

    def perform(self) -> QuerySet[MfaDevice]:
        devices = mfa_device_list(account=self.caller.account, user=self.entity)
        return devices.filter(is_root=True) if self.on_root else devices


@register
@dataclass(kw_only=True, eq=False)
class ListVirtualMFADevices(Operation):
    """ListVirtualMFADevices: the account's virtual devices, assigned, unassigned or any."""

    read_only = True
    assignment_status: str = "Any"

    def validate(self) -> None:
        if self.assignment_status not in ASSIGNMENT_STATUSES:
            raise InvalidInput("AssignmentStatus is Assigned, Unassigned or Any.",
                               field="assignment_status")

    def perform(self) -> QuerySet[MfaDevice]:
        return mfa_device_list(account=self.caller.account,
                               assignment_status=self.assignment_status)


@register
@dataclass(kw_only=True, eq=False)
class CreateVirtualMFADevice(Operation):
    """CreateVirtualMFADevice: a new unassigned device and its seed, in the output only.

    With tags it also needs TagMFADevice, as AWS requires, each with aws:RequestTag/... and
    aws:TagKeys.
    """

    virtual_mfa_device_name: str
    path: str = "/"
    tags: Mapping[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        validate_name(self.virtual_mfa_device_name, "MFA device", field="name")
        validate_path(self.path)
        validate_tags(self.tags)

    def resource(self) -> str:
        return self.arn("mfa", self.path, self.virtual_mfa_device_name)

    def context(self) -> Mapping[str, Any]:
        return tag_context(self.tags)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield TagMFADevice.primary(self.resource(), tag_context(self.tags))

    def perform(self) -> CreatedMfaDevice:
        return mfa_device_create_virtual(account=self.caller.account,
                                         name=self.virtual_mfa_device_name, path=self.path,
                                         tags=self.tags)


@dataclass(kw_only=True, eq=False)
class DeviceOperation(CredentialOperation):
    """An operation on the owner (authorized) about one virtual device, by serial number."""

    serial_number: str
    device: MfaDevice | None = field(init=False, default=None, repr=False)

    def find_device(self) -> MfaDevice:
        """The device, else NoSuchEntity (the operation is authorized on the owner first)."""
        return mfa_device_get(account=self.caller.account, serial_number=self.serial_number)

    def prepare(self) -> None:
        super().prepare()
        self.device = self.lookup(self.find_device, self.resource())


@dataclass(kw_only=True, eq=False)
class AssignedDeviceOperation(DeviceOperation):
    """An operation on a device assigned to the owner: another's is as absent as a missing
    one."""

    def find_device(self) -> MfaDevice:
        device = super().find_device()
        if not (device.is_root if self.on_root else device.user_id == self.entity.pk):
            raise NoSuchEntity(f"MFA device {self.serial_number} is not enabled for "
                               f"{self.owner_label}.", field="serial_number")
        return device


@register
@dataclass(kw_only=True, eq=False)
class GetMFADevice(AssignedDeviceOperation):
    """GetMFADevice: one of the owner's MFA devices (serial number, owner, enable date; a
    virtual device has no certifications), authorized on the owner."""

    read_only = True

    def perform(self) -> MfaDevice:
        return self.device


@dataclass(kw_only=True, eq=False)
class CodesOperation(DeviceOperation):
    """An operation proving the device's seed with two consecutive codes."""

    authentication_code_1: str
    authentication_code_2: str

    def codes(self) -> dict[str, str]:
        return {"authentication_code_1": self.authentication_code_1,
                "authentication_code_2": self.authentication_code_2}


@register
@dataclass(kw_only=True, eq=False)
class EnableMFADevice(CodesOperation):
    """EnableMFADevice: assign an unassigned virtual device to the owner with two consecutive
    codes (a user has a few, the root user one)."""

    def perform(self) -> MfaDevice:
        return mfa_device_enable(device=self.device, user=self.entity, root=self.on_root,
                                 **self.codes())


@register
@dataclass(kw_only=True, eq=False)
class ResyncMFADevice(CodesOperation, AssignedDeviceOperation):
    """ResyncMFADevice: resynchronize the owner's device with two consecutive codes."""

    def perform(self) -> MfaDevice:
        return mfa_device_resync(device=self.device, **self.codes())


@register
@dataclass(kw_only=True, eq=False)
class DeactivateMFADevice(AssignedDeviceOperation):
    """DeactivateMFADevice: unassign a device from the owner (the device remains)."""

    def perform(self) -> MfaDevice:
        return mfa_device_deactivate(device=self.device)


@register
@dataclass(kw_only=True, eq=False)
class DeleteVirtualMFADevice(EntityOperation):
    """DeleteVirtualMFADevice: delete a virtual MFA device that is not assigned to anyone."""

    kind = MFA_DEVICE

    serial_number: str

    def perform(self) -> None:
        mfa_device_delete(device=self.entity)
