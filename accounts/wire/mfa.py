"""Wire actions on virtual MFA devices: create (the seed and its QR code once), enable,
resynchronize, deactivate, delete, list, tag."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from ..operations.credentials import (
    CreateVirtualMFADevice,
    DeactivateMFADevice,
    DeleteVirtualMFADevice,
    EnableMFADevice,
    GetMFADevice,
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


forward("DeleteVirtualMFADevice", DeleteVirtualMFADevice, serial_number="SerialNumber")
_CODES = {"user_name": "UserName", "serial_number": "SerialNumber",
          "authentication_code_1": "AuthenticationCode1",
          "authentication_code_2": "AuthenticationCode2"}
forward("EnableMFADevice", EnableMFADevice, **_CODES)
forward("ResyncMFADevice", ResyncMFADevice, **_CODES)
forward("DeactivateMFADevice", DeactivateMFADevice, user_name="UserName",
        serial_number="SerialNumber")


@action("ListMFADevices")
def list_mfa_devices(call: WireCall) -> dict[str, Any]:
    devices = call.run(ListMFADevices, user_name=call.get("UserName"))
    rows = devices.select_related("account", "user").order_by("enabled_at", "pk")
    return page(call, rows, "MFADevices", shapes.mfa_device)


@action("GetMFADevice")
def get_mfa_device(call: WireCall) -> dict[str, Any]:
    device = call.run(GetMFADevice, user_name=call.get("UserName"),
                      serial_number=call.get("SerialNumber"))
    return shapes.mfa_device(device)


@action("TagMFADevice")
def tag_mfa_device(call: WireCall) -> None:
    call.run(TagMFADevice, serial_number=call.get("SerialNumber"),
             tags=shapes.tag_dict(call.get("Tags")))


forward("UntagMFADevice", UntagMFADevice, serial_number="SerialNumber", tag_keys="TagKeys")


@action("ListMFADeviceTags")
def list_mfa_device_tags(call: WireCall) -> dict[str, Any]:
    tags = call.run(ListMFADeviceTags, serial_number=call.get("SerialNumber"))
    return page(call, shapes.tag_list(tags), "Tags")
