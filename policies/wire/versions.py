"""Wire actions on the versions of managed policies."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page

from ..operations.versions import (
    CreatePolicyVersion,
    DeletePolicyVersion,
    GetPolicyVersion,
    ListPolicyVersions,
    SetDefaultPolicyVersion,
)
from . import shapes


def _version(call: WireCall) -> dict[str, Any]:
    return {"policy_arn": call.get("PolicyArn"), "version_id": call.get("VersionId")}


@action("CreatePolicyVersion")
def create_policy_version(call: WireCall) -> dict[str, Any]:
    created = call.run(CreatePolicyVersion, policy_arn=call.get("PolicyArn"),
                       policy_document=call.get("PolicyDocument"),
                       set_as_default=call.get("SetAsDefault", False))
    return {"PolicyVersion": shapes.version(created, document=False)}


@action("GetPolicyVersion")
def get_policy_version(call: WireCall) -> dict[str, Any]:
    return {"PolicyVersion": shapes.version(call.run(GetPolicyVersion, **_version(call)))}


@action("ListPolicyVersions")
def list_policy_versions(call: WireCall) -> dict[str, Any]:
    versions = call.run(ListPolicyVersions, policy_arn=call.get("PolicyArn"))
    return page(call, versions.defer("document_text", "document"), "Versions",
                lambda version: shapes.version(version, document=False))


@action("DeletePolicyVersion")
def delete_policy_version(call: WireCall) -> None:
    call.run(DeletePolicyVersion, **_version(call))


@action("SetDefaultPolicyVersion")
def set_default_policy_version(call: WireCall) -> None:
    call.run(SetDefaultPolicyVersion, **_version(call))
