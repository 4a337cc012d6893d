"""Wire actions on IAM users."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page

from ..operations.users import CreateUser, DeleteUser, GetUser, ListUsers, UpdateUser
from . import shapes


@action("CreateUser")
def create_user(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateUser, user_name=call.get("UserName"), path=call.get("Path", "/"),
                       permissions_boundary=call.get("PermissionsBoundary"),
                       tags=shapes.tag_dict(call.get("Tags")))
    return {"User": shapes.user(created, tags=True)}


@action("GetUser")
def get_user(call: WireCall) -> dict[str, Any]:
    return {"User": shapes.user(call.run(GetUser, user_name=call.get("UserName")), tags=True)}


@action("ListUsers")
def list_users(call: WireCall) -> dict[str, Any]:
    users = call.run(ListUsers, path_prefix=call.get("PathPrefix"))
    return page(call, users.select_related("permissions_boundary").order_by("name", "pk"),
                "Users", shapes.user)


@action("UpdateUser")
def update_user(call: WireCall) -> None:
    call.run(UpdateUser, user_name=call.get("UserName"), new_user_name=call.get("NewUserName"),
             new_path=call.get("NewPath"))


@action("DeleteUser")
def delete_user(call: WireCall) -> None:
    call.run(DeleteUser, user_name=call.get("UserName"))
