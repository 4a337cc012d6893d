"""Wire actions on IAM users."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from ..models import Account
from ..operations.tags import ListUserTags, TagUser, UntagUser
from ..operations.users import (
    CreateUser,
    DeleteUser,
    GetUser,
    ListGroupsForUser,
    ListUsers,
    UpdateUser,
)
from . import shapes


@action("CreateUser")
def create_user(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateUser, user_name=call.get("UserName"), path=call.get("Path", "/"),
                       permissions_boundary=call.get("PermissionsBoundary"),
                       tags=shapes.tag_dict(call.get("Tags")))
    return {"User": shapes.user(created, detail=True)}


@action("GetUser")
def get_user(call: WireCall) -> dict[str, Any]:
    found = call.run(GetUser, user_name=call.get("UserName"))
    if isinstance(found, Account):  # the root user, asking for itself
        return {"User": shapes.root_user(found)}
    return {"User": shapes.user(found, detail=True)}


@action("ListUsers")
def list_users(call: WireCall) -> dict[str, Any]:
    users = call.run(ListUsers, path_prefix=call.get("PathPrefix"))
    return page(call, users.order_by("name", "pk"), "Users", shapes.user)


forward("UpdateUser", UpdateUser, user_name="UserName", new_user_name="NewUserName",
        new_path="NewPath")
forward("DeleteUser", DeleteUser, user_name="UserName")


@action("ListGroupsForUser")
def list_groups_for_user(call: WireCall) -> dict[str, Any]:
    groups = call.run(ListGroupsForUser, user_name=call.get("UserName"))
    return page(call, groups.order_by("name", "pk"), "Groups", shapes.group)


@action("TagUser")
def tag_user(call: WireCall) -> None:
    call.run(TagUser, user_name=call.get("UserName"), tags=shapes.tag_dict(call.get("Tags")))


forward("UntagUser", UntagUser, user_name="UserName", tag_keys="TagKeys")


@action("ListUserTags")
def list_user_tags(call: WireCall) -> dict[str, Any]:
    tags = call.run(ListUserTags, user_name=call.get("UserName"))
    return page(call, shapes.tag_list(tags), "Tags")
