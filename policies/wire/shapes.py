"""Managed and inline policies as the IAM API's output shapes (AWS's member names)."""

from __future__ import annotations

from typing import Any

from accounts.wire.shapes import tag_list

from ..models import InlinePolicy, ManagedPolicy, PolicyVersion


def policy(entity: ManagedPolicy, *, created: bool = False,
           detail: bool = False) -> dict[str, Any]:
    """The Policy shape, from a policy annotated with its usage (`policy_list`), as AWS
    answers: GetPolicy (`detail`) carries the description and the tags (an empty list when
    there are none); CreatePolicy (`created`) the tags it was given but no description;
    ListPolicies neither."""
    default = getattr(entity, "default_version_number", None)
    shape: dict[str, Any] = {
        "PolicyName": entity.name, "PolicyId": entity.unique_id, "Arn": entity.arn,
        "Path": entity.path,
        "DefaultVersionId": f"v{default}" if default is not None else None,
        "AttachmentCount": getattr(entity, "attachment_count", 0),
        "PermissionsBoundaryUsageCount": getattr(entity, "boundary_usage_count", 0),
        "IsAttachable": entity.is_attachable,
        "CreateDate": entity.created_at, "UpdateDate": entity.updated_at,
    }
    if detail:
        shape["Description"] = entity.description or None
        shape["Tags"] = tag_list(entity.tags)
    elif created and entity.tags:
        shape["Tags"] = tag_list(entity.tags)
    return shape


def version(entity: PolicyVersion, *, document: bool = True) -> dict[str, Any]:
    """The PolicyVersion shape (ListPolicyVersions leaves the document out, as AWS does);
    the document is its author's exact text (the protocol URL-encodes it)."""
    return {
        "Document": entity.document_text if document else None,
        "VersionId": f"v{entity.number}", "IsDefaultVersion": entity.is_default,
        "CreateDate": entity.created_at,
    }


def attached(entity: ManagedPolicy) -> dict[str, str]:
    """The AttachedPolicy shape: a managed policy's name and ARN."""
    return {"PolicyName": entity.name, "PolicyArn": entity.arn}


def inline_policy(entity: InlinePolicy) -> dict[str, str]:
    """Get{User,Group,Role}Policy's answer, less the owner's name: the policy's exact text."""
    return {"PolicyName": entity.name, "PolicyDocument": entity.document_text}
