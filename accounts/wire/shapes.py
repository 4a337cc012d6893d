"""The model's entities as the IAM API's output shapes (AWS's member names)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..models import IamUser


def tag_list(tags: Mapping[str, str] | None) -> list[dict[str, str]]:
    """A tags dict as IAM's tag list: [{"Key": ..., "Value": ...}]."""
    return [{"Key": key, "Value": value} for key, value in (tags or {}).items()]


def tag_dict(tags: list[Mapping[str, str]] | None) -> dict[str, str]:
    """IAM's tag list as the operations' tags dict."""
    return {tag["Key"]: tag.get("Value", "") for tag in tags or []}


def boundary(entity: Any) -> dict[str, str] | None:
    """AttachedPermissionsBoundary of a user or role, or None."""
    policy = entity.permissions_boundary
    if policy is None:
        return None
    return {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
            "PermissionsBoundaryArn": policy.arn}


def user(entity: IamUser, *, tags: bool = False) -> dict[str, Any]:
    """The User shape (GetUser and CreateUser also carry its tags; ListUsers does not)."""
    shape: dict[str, Any] = {
        "Path": entity.path, "UserName": entity.name, "UserId": entity.unique_id,
        "Arn": entity.arn, "CreateDate": entity.created_at,
        "PasswordLastUsed": entity.password_last_used_at,
        "PermissionsBoundary": boundary(entity) if entity.permissions_boundary_id else None,
    }
    if tags and entity.tags:
        shape["Tags"] = tag_list(entity.tags)
    return shape
