"""Wire actions on IAM groups and their members."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from ..operations.groups import CreateGroup, DeleteGroup, GetGroup, ListGroups, UpdateGroup
from ..operations.memberships import AddUserToGroup, RemoveUserFromGroup
from . import shapes


@action("CreateGroup")
def create_group(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateGroup, group_name=call.get("GroupName"),
                       path=call.get("Path", "/"))
    return {"Group": shapes.group(created)}


@action("GetGroup")
def get_group(call: WireCall) -> dict[str, Any]:
    found, members = call.run(GetGroup, group_name=call.get("GroupName"))
    members = members.select_related("permissions_boundary").order_by("name", "pk")
    return {"Group": shapes.group(found), **page(call, members, "Users", shapes.user)}


@action("ListGroups")
def list_groups(call: WireCall) -> dict[str, Any]:
    groups = call.run(ListGroups, path_prefix=call.get("PathPrefix"))
    return page(call, groups.order_by("name", "pk"), "Groups", shapes.group)


forward("UpdateGroup", UpdateGroup, group_name="GroupName", new_group_name="NewGroupName",
        new_path="NewPath")
forward("DeleteGroup", DeleteGroup, group_name="GroupName")
forward("AddUserToGroup", AddUserToGroup, group_name="GroupName", user_name="UserName")
forward("RemoveUserFromGroup", RemoveUserFromGroup, group_name="GroupName",
        user_name="UserName")
