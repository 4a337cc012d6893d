"""Wire actions on managed policies: create, read, list, delete, their tags, and the users,
groups and roles using them."""

from __future__ import annotations

from typing import Any

from accounts.wire.shapes import tag_dict, tag_list
from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page, page_lists

from ..operations.managed import (
    CreatePolicy,
    DeletePolicy,
    GetPolicy,
    ListEntitiesForPolicy,
    ListPolicies,
)
from ..operations.tags import ListPolicyTags, TagPolicy, UntagPolicy
from . import shapes

# ListEntitiesForPolicy's lists: output member, EntityFilter value (also the noun of the
# entries' members), and the operation's keys of the entities attached to the policy and
# bounded by it.
_ENTITY_LISTS = (
    ("PolicyGroups", "Group", "groups", None),
    ("PolicyUsers", "User", "users", "boundary_users"),
    ("PolicyRoles", "Role", "roles", "boundary_roles"),
)
_NOUNS = {noun for _, noun, _, _ in _ENTITY_LISTS}


def _using(found: dict[str, list[Any]], attached: str, bounded: str | None,
           usage: str | None) -> list[Any]:
    """The entities using the policy as the PolicyUsageFilter asks (none: both ways)."""
    keys = [attached] if usage != "PermissionsBoundary" else []
    if bounded is not None and usage != "PermissionsPolicy":
        keys.append(bounded)
    return [entity for key in keys for entity in found[key]]


def _arn(call: WireCall) -> dict[str, Any]:
    return {"policy_arn": call.get("PolicyArn")}


@action("CreatePolicy")
def create_policy(call: WireCall) -> dict[str, Any]:
    created = call.run(CreatePolicy, policy_name=call.get("PolicyName"),
                       path=call.get("Path", "/"), policy_document=call.get("PolicyDocument"),
                       description=call.get("Description", ""),
                       tags=tag_dict(call.get("Tags")))
    return {"Policy": shapes.policy(created, created=True)}


@action("GetPolicy")
def get_policy(call: WireCall) -> dict[str, Any]:
    return {"Policy": shapes.policy(call.run(GetPolicy, **_arn(call)), detail=True)}


@action("ListPolicies")
def list_policies(call: WireCall) -> dict[str, Any]:
    policies = call.run(ListPolicies, scope=call.get("Scope", "All"),
                        only_attached=call.get("OnlyAttached", False),
                        path_prefix=call.get("PathPrefix"),
                        policy_usage_filter=call.get("PolicyUsageFilter"))
    return page(call, policies.order_by("name", "pk"), "Policies", shapes.policy)


@action("DeletePolicy")
def delete_policy(call: WireCall) -> None:
    call.run(DeletePolicy, **_arn(call))


@action("ListEntitiesForPolicy")
def list_entities_for_policy(call: WireCall) -> dict[str, Any]:
    found = call.run(ListEntitiesForPolicy, **_arn(call))
    wanted, prefix = call.get("EntityFilter"), call.get("PathPrefix", "/")
    lists: dict[str, list[dict[str, str]]] = {}
    for member, noun, attached, bounded in _ENTITY_LISTS:
        entries: dict[str, dict[str, str]] = {}
        if wanted not in _NOUNS or wanted == noun:
            for entity in _using(found, attached, bounded, call.get("PolicyUsageFilter")):
                if entity.path.startswith(prefix):
                    entries[entity.unique_id] = {f"{noun}Name": entity.name,
                                                 f"{noun}Id": entity.unique_id}
        lists[member] = sorted(entries.values(), key=lambda entry: entry[f"{noun}Name"].lower())
    return page_lists(call, lists)


@action("TagPolicy")
def tag_policy(call: WireCall) -> None:
    call.run(TagPolicy, **_arn(call), tags=tag_dict(call.get("Tags")))


@action("UntagPolicy")
def untag_policy(call: WireCall) -> None:
    call.run(UntagPolicy, **_arn(call), tag_keys=call.get("TagKeys", []))


@action("ListPolicyTags")
def list_policy_tags(call: WireCall) -> dict[str, Any]:
    return page(call, tag_list(call.run(ListPolicyTags, **_arn(call))), "Tags")
