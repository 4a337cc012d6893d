"""Wire actions on long-term credentials: console passwords and access keys."""

from __future__ import annotations

from typing import Any

from iamconsole.exceptions import IamError
from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from .. import throttle
from ..models import IamUser
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
from .auth import throttling


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


@action("ChangePassword")
def change_password(call: WireCall) -> None:
    """ChangePassword, whose wrong current passwords are throttled as the console's are (an
    access key must not become a way to guess its user's console password)."""
    principal = call.caller.principal
    user = (IamUser.objects.filter(pk=principal.entity_pk).first()
            if principal is not None and principal.kind == "user" else None)
    attempt = None
    if user is not None:
        identity = throttle.known_identity("password", call.caller.account, user)
        try:
            attempt = throttle.reserve(identity, principal.source_ip)
        except throttle.Throttled as wait:
            raise throttling(wait, "the current password") from None
    try:
        call.run(ChangePassword, old_password=call.get("OldPassword"),
                 new_password=call.get("NewPassword"))
    except IamError as exc:
        if attempt is not None and exc.field != "old_password":
            attempt.released()  # refused for another reason: not a wrong guess
        raise
    if attempt is not None:
        attempt.succeeded()


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
