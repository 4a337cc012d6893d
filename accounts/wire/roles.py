"""Wire actions on IAM roles: create, read, list, update, delete, their trust policy, tags
and the instance profiles holding them."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page

from ..operations.roles import (
    CreateRole,
    DeleteRole,
    GetRole,
    ListInstanceProfilesForRole,
    ListRoles,
    UpdateAssumeRolePolicy,
    UpdateRole,
)
from ..operations.tags import ListRoleTags, TagRole, UntagRole
from . import role_shapes, shapes
from .instance_profiles import profiles_page


@action("CreateRole")
def create_role(call: WireCall) -> dict[str, Any]:
    created = call.run(
        CreateRole, role_name=call.get("RoleName"), path=call.get("Path", "/"),
        assume_role_policy_document=call.get("AssumeRolePolicyDocument"),
        description=call.get("Description", ""),
        max_session_duration=call.get("MaxSessionDuration", 3600),
        permissions_boundary=call.get("PermissionsBoundary"),
        tags=shapes.tag_dict(call.get("Tags")),
    )
    return {"Role": role_shapes.role(created, detail=True)}


@action("GetRole")
def get_role(call: WireCall) -> dict[str, Any]:
    return {"Role": role_shapes.role(call.run(GetRole, role_name=call.get("RoleName")),
                                     detail=True)}


@action("ListRoles")
def list_roles(call: WireCall) -> dict[str, Any]:
    roles = call.run(ListRoles, path_prefix=call.get("PathPrefix"))
    return page(call, roles.order_by("name", "pk"), "Roles", role_shapes.role)


@action("UpdateRole")
def update_role(call: WireCall) -> None:
    call.run(UpdateRole, role_name=call.get("RoleName"), description=call.get("Description"),
             max_session_duration=call.get("MaxSessionDuration"))


@action("UpdateAssumeRolePolicy")
def update_assume_role_policy(call: WireCall) -> None:
    call.run(UpdateAssumeRolePolicy, role_name=call.get("RoleName"),
             policy_document=call.get("PolicyDocument"))


@action("DeleteRole")
def delete_role(call: WireCall) -> None:
    call.run(DeleteRole, role_name=call.get("RoleName"))


@action("ListInstanceProfilesForRole")
def list_instance_profiles_for_role(call: WireCall) -> dict[str, Any]:
    return profiles_page(call, call.run(ListInstanceProfilesForRole,
                                        role_name=call.get("RoleName")))


@action("TagRole")
def tag_role(call: WireCall) -> None:
    call.run(TagRole, role_name=call.get("RoleName"), tags=shapes.tag_dict(call.get("Tags")))


@action("UntagRole")
def untag_role(call: WireCall) -> None:
    call.run(UntagRole, role_name=call.get("RoleName"), tag_keys=call.get("TagKeys", []))


@action("ListRoleTags")
def list_role_tags(call: WireCall) -> dict[str, Any]:
    tags = call.run(ListRoleTags, role_name=call.get("RoleName"))
    return page(call, shapes.tag_list(tags), "Tags")
