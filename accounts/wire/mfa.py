"""Wire actions on virtual MFA devices: create (the seed and its QR code once), enable,
resynchronize, deactivate, delete, list, tag."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page

from ..operations.credentials import (
    CreateVirtualMFADevice,
    DeactivateMFADevice,
    DeleteVirtualMFADevice,
    EnableMFADevice,
    ListMFADevices,
    ListVirtualMFADevices,
    ResyncMFADevice,
)
from ..operations.tags import ListMFADeviceTags, TagMFADevice, UntagMFADevice
from . import shapes

_DEVICE_RELATIONS = ("account", "user", "user__permissions_boundary")


@action("CreateVirtualMFADevice")
def create_virtual_mfa_device(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateVirtualMFADevice,
                       virtual_mfa_device_name=call.get("VirtualMFADeviceName"),
                       path=call.get("Path", "/"), tags=shapes.tag_dict(call.get("Tags")))
    return {"VirtualMFADevice": shapes.created_virtual_mfa_device(created)}


@action("ListVirtualMFADevices")
def list_virtual_mfa_devices(call: WireCall) -> dict[str, Any]:
    devices = call.run(ListVirtualMFADevices,
                       assignment_status=call.get("AssignmentStatus", "Any"))
    rows = devices.select_related(*_DEVICE_RELATIONS).order_by("serial_number", "pk")
    return page(call, rows, "VirtualMFADevices",
                lambda device: shapes.virtual_mfa_device(device, tags=False))


@action("DeleteVirtualMFADevice")
def delete_virtual_mfa_device(call: WireCall) -> None:
    call.run(DeleteVirtualMFADevice, serial_number=call.get("SerialNumber"))


def _codes(call: WireCall) -> dict[str, Any]:
    return {"user_name": call.get("UserName"), "serial_number": call.get("SerialNumber"),
            "authentication_code_1": call.get("AuthenticationCode1"),
            "authentication_code_2": call.get("AuthenticationCode2")}


@action("EnableMFADevice")
def enable_mfa_device(call: WireCall) -> None:
    call.run(EnableMFADevice, **_codes(call))


@action("ResyncMFADevice")
def resync_mfa_device(call: WireCall) -> None:
    call.run(ResyncMFADevice, **_codes(call))


@action("DeactivateMFADevice")
def deactivate_mfa_device(call: WireCall) -> None:
    call.run(DeactivateMFADevice, user_name=call.get("UserName"),
             serial_number=call.get("SerialNumber"))


@action("ListMFADevices")
def list_mfa_devices(call: WireCall) -> dict[str, Any]:
    devices = call.run(ListMFADevices, user_name=call.get("UserName"))
    rows = devices.select_related("account", "user").order_by("enabled_at", "pk")
    return page(call, rows, "MFADevices", shapes.mfa_device)


@action("TagMFADevice")
def tag_mfa_device(call: WireCall) -> None:
    call.run(TagMFADevice, serial_number=call.get("SerialNumber"),
             tags=shapes.tag_dict(call.get("Tags")))


@action("UntagMFADevice")
def untag_mfa_device(call: WireCall) -> None:
    call.run(UntagMFADevice, serial_number=call.get("SerialNumber"),
             tag_keys=call.get("TagKeys", []))


@action("ListMFADeviceTags")
def list_mfa_device_tags(call: WireCall) -> dict[str, Any]:
    tags = call.run(ListMFADeviceTags, serial_number=call.get("SerialNumber"))
    return page(call, shapes.tag_list(tags), "Tags")
