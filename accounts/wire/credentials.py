"""Wire actions on long-term credentials: console passwords and access keys."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from ..operations.credentials import (
    ChangePassword,
    CreateAccessKey,
    CreateLoginProfile,
    DeleteAccessKey,
    DeleteLoginProfile,
    GetAccessKeyLastUsed,
    GetLoginProfile,
    ListAccessKeys,
    UpdateAccessKey,
    UpdateLoginProfile,
)
from . import shapes


@action("CreateLoginProfile")
def create_login_profile(call: WireCall) -> dict[str, Any]:
    profile = call.run(CreateLoginProfile, user_name=call.get("UserName"),
                       password=call.get("Password", ""),
                       password_reset_required=call.get("PasswordResetRequired", False))
    return {"LoginProfile": shapes.login_profile(profile)}


@action("GetLoginProfile")
def get_login_profile(call: WireCall) -> dict[str, Any]:
    profile = call.run(GetLoginProfile, user_name=call.get("UserName"))
    return {"LoginProfile": shapes.login_profile(profile)}


forward("UpdateLoginProfile", UpdateLoginProfile, user_name="UserName", password="Password",
        password_reset_required="PasswordResetRequired")
forward("DeleteLoginProfile", DeleteLoginProfile, user_name="UserName")


forward("ChangePassword", ChangePassword, old_password="OldPassword",
        new_password="NewPassword")


@action("CreateAccessKey")
def create_access_key(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateAccessKey, user_name=call.get("UserName"))
    return {"AccessKey": shapes.created_access_key(created)}


@action("ListAccessKeys")
def list_access_keys(call: WireCall) -> dict[str, Any]:
    keys = call.run(ListAccessKeys, user_name=call.get("UserName"))
    return page(call, keys.select_related("user").order_by("created_at", "pk"),
                "AccessKeyMetadata", shapes.access_key)


forward("UpdateAccessKey", UpdateAccessKey, user_name="UserName",
        access_key_id="AccessKeyId", status="Status")
forward("DeleteAccessKey", DeleteAccessKey, user_name="UserName", access_key_id="AccessKeyId")


@action("GetAccessKeyLastUsed")
def get_access_key_last_used(call: WireCall) -> dict[str, Any]:
    key = call.run(GetAccessKeyLastUsed, access_key_id=call.get("AccessKeyId"))
    return shapes.access_key_last_used(key)
