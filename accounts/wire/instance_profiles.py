"""Wire actions on instance profiles: create, read, list, delete, the role they hold, and
their tags."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page

from ..models import InstanceProfile
from ..operations.instance_profiles import (
    AddRoleToInstanceProfile,
    CreateInstanceProfile,
    DeleteInstanceProfile,
    GetInstanceProfile,
    ListInstanceProfiles,
    RemoveRoleFromInstanceProfile,
)
from ..operations.tags import ListInstanceProfileTags, TagInstanceProfile, UntagInstanceProfile
from . import role_shapes, shapes


def _name(call: WireCall) -> dict[str, Any]:
    return {"instance_profile_name": call.get("InstanceProfileName")}


def profiles_page(call: WireCall, profiles: QuerySet[InstanceProfile]) -> dict[str, Any]:
    """A page of instance profiles, each with its role shown whole (its trust policy too:
    the lists' own rows leave it out)."""
    return page(call, profiles.defer(None).select_related("role").order_by("name", "pk"),
                "InstanceProfiles", role_shapes.instance_profile)


@action("CreateInstanceProfile")
def create_instance_profile(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateInstanceProfile, **_name(call), path=call.get("Path", "/"),
                       tags=shapes.tag_dict(call.get("Tags")))
    return {"InstanceProfile": role_shapes.instance_profile(created)}


@action("GetInstanceProfile")
def get_instance_profile(call: WireCall) -> dict[str, Any]:
    return {"InstanceProfile": role_shapes.instance_profile(
        call.run(GetInstanceProfile, **_name(call)), detail=True)}


@action("ListInstanceProfiles")
def list_instance_profiles(call: WireCall) -> dict[str, Any]:
    return profiles_page(call, call.run(ListInstanceProfiles,
                                        path_prefix=call.get("PathPrefix")))


@action("DeleteInstanceProfile")
def delete_instance_profile(call: WireCall) -> None:
    call.run(DeleteInstanceProfile, **_name(call))


@action("AddRoleToInstanceProfile")
def add_role_to_instance_profile(call: WireCall) -> None:
    call.run(AddRoleToInstanceProfile, **_name(call), role_name=call.get("RoleName"))


@action("RemoveRoleFromInstanceProfile")
def remove_role_from_instance_profile(call: WireCall) -> None:
    call.run(RemoveRoleFromInstanceProfile, **_name(call), role_name=call.get("RoleName"))


@action("TagInstanceProfile")
def tag_instance_profile(call: WireCall) -> None:
    call.run(TagInstanceProfile, **_name(call), tags=shapes.tag_dict(call.get("Tags")))


@action("UntagInstanceProfile")
def untag_instance_profile(call: WireCall) -> None:
    call.run(UntagInstanceProfile, **_name(call), tag_keys=call.get("TagKeys", []))


@action("ListInstanceProfileTags")
def list_instance_profile_tags(call: WireCall) -> dict[str, Any]:
    return page(call, shapes.tag_list(call.run(ListInstanceProfileTags, **_name(call))), "Tags")
