"""Wire actions on service-linked roles: create one for a service, delete it by a deletion
task and read the task's status; and UpdateRoleDescription, the one change AWS allows on
such a role (on any role)."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action

from ..operations.roles import UpdateRoleDescription
from ..operations.service_linked_roles import (
    CreateServiceLinkedRole,
    DeleteServiceLinkedRole,
    GetServiceLinkedRoleDeletionStatus,
)
from . import role_shapes


@action("CreateServiceLinkedRole")
def create_service_linked_role(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateServiceLinkedRole, aws_service_name=call.get("AWSServiceName"),
                       description=call.get("Description", ""),
                       custom_suffix=call.get("CustomSuffix"))
    return {"Role": role_shapes.role(created, detail=True)}


@action("DeleteServiceLinkedRole")
def delete_service_linked_role(call: WireCall) -> dict[str, Any]:
    task = call.run(DeleteServiceLinkedRole, role_name=call.get("RoleName"))
    return {"DeletionTaskId": task.task_id}


@action("GetServiceLinkedRoleDeletionStatus")
def get_service_linked_role_deletion_status(call: WireCall) -> dict[str, Any]:
    task = call.run(GetServiceLinkedRoleDeletionStatus,
                    deletion_task_id=call.get("DeletionTaskId"))
    return {"Status": task.status,
            "Reason": {"Reason": task.reason} if task.reason else None}


@action("UpdateRoleDescription")
def update_role_description(call: WireCall) -> dict[str, Any]:
    updated = call.run(UpdateRoleDescription, role_name=call.get("RoleName"),
                       description=call.get("Description"))
    return {"Role": role_shapes.role(updated, detail=True)}
