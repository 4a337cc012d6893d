"""Roles and instance profiles as the IAM API's output shapes (AWS's member names)."""

from __future__ import annotations

from typing import Any

from ..models import InstanceProfile, Role
from .shapes import boundary, tag_list


def role(entity: Role, *, detail: bool = False) -> dict[str, Any]:
    """The Role shape. GetRole, CreateRole and UpdateRoleDescription (`detail`) also carry
    its permissions boundary, tags and RoleLastUsed; lists and instance profiles do not, as
    AWS answers."""
    shape: dict[str, Any] = {
        "Path": entity.path, "RoleName": entity.name, "RoleId": entity.unique_id,
        "Arn": entity.arn, "CreateDate": entity.created_at,
        "AssumeRolePolicyDocument": entity.trust_policy,
        "Description": entity.description or None,
        "MaxSessionDuration": entity.max_session_duration,
    }
    if detail:
        shape["PermissionsBoundary"] = (boundary(entity) if entity.permissions_boundary_id
                                        else None)
        if entity.tags:
            shape["Tags"] = tag_list(entity.tags)
        last_used: dict[str, Any] = {}
        if entity.last_used_at is not None:
            last_used["LastUsedDate"] = entity.last_used_at
            if entity.last_used_region:
                last_used["Region"] = entity.last_used_region
        shape["RoleLastUsed"] = last_used
    return shape


def instance_profile(profile: InstanceProfile, *, detail: bool = False) -> dict[str, Any]:
    """The InstanceProfile shape, with the role it holds (if any) and its tags (GetInstanceProfile,
    `detail`, lists them even when there are none, as AWS does)."""
    shape: dict[str, Any] = {
        "Path": profile.path, "InstanceProfileName": profile.name,
        "InstanceProfileId": profile.unique_id, "Arn": profile.arn,
        "CreateDate": profile.created_at,
        "Roles": [role(profile.role)] if profile.role_id is not None else [],
    }
    if detail or profile.tags:
        shape["Tags"] = tag_list(profile.tags)
    return shape
