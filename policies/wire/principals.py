"""Wire actions on the policies of users, groups and roles: managed policies attached to
them, their inline policies, and the permissions boundaries of users and roles.

Each action exists once per kind (AttachUserPolicy, AttachGroupPolicy, AttachRolePolicy...)
and names that kind's operation; the entity is named by `<Noun>Name` (UserName...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from accounts.kinds import KINDS, ROLE, USER, Kind
from iamconsole.operations.registry import operation_named
from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page

from . import shapes

# A wire action of one kind: (kind, its operation, the call) -> the output members.
Shaper = Callable[[Kind, type, WireCall], Mapping[str, Any] | None]


def _entity(kind: Kind, call: WireCall) -> dict[str, Any]:
    """The operation's input naming the entity (user_name=call's UserName...)."""
    return {kind.name_field: call.get(f"{kind.noun}Name")}


def _attach(kind: Kind, operation: type, call: WireCall) -> None:
    call.run(operation, **_entity(kind, call), policy_arn=call.get("PolicyArn"))


def _list_attached(kind: Kind, operation: type, call: WireCall) -> dict[str, Any]:
    policies = call.run(operation, **_entity(kind, call), path_prefix=call.get("PathPrefix"))
    return page(call, policies.order_by("name", "pk"), "AttachedPolicies", shapes.attached)


def _list_inline(kind: Kind, operation: type, call: WireCall) -> dict[str, Any]:
    names = call.run(operation, **_entity(kind, call)).values_list("name", flat=True)
    return page(call, names.order_by("name", "pk"), "PolicyNames")


def _get_inline(kind: Kind, operation: type, call: WireCall) -> dict[str, Any]:
    found = call.run(operation, **_entity(kind, call), policy_name=call.get("PolicyName"))
    return {f"{kind.noun}Name": found.owner.name, **shapes.inline_policy(found)}


def _put_inline(kind: Kind, operation: type, call: WireCall) -> None:
    call.run(operation, **_entity(kind, call), policy_name=call.get("PolicyName"),
             policy_document=call.get("PolicyDocument"))


def _delete_inline(kind: Kind, operation: type, call: WireCall) -> None:
    call.run(operation, **_entity(kind, call), policy_name=call.get("PolicyName"))


def _put_boundary(kind: Kind, operation: type, call: WireCall) -> None:
    call.run(operation, **_entity(kind, call),
             permissions_boundary=call.get("PermissionsBoundary"))


def _delete_boundary(kind: Kind, operation: type, call: WireCall) -> None:
    call.run(operation, **_entity(kind, call))


# (action name pattern, its wire action, the kinds having it)
_ACTIONS: tuple[tuple[str, Shaper, tuple[Kind, ...]], ...] = (
    ("Attach{}Policy", _attach, KINDS),
    ("Detach{}Policy", _attach, KINDS),
    ("ListAttached{}Policies", _list_attached, KINDS),
    ("List{}Policies", _list_inline, KINDS),
    ("Get{}Policy", _get_inline, KINDS),
    ("Put{}Policy", _put_inline, KINDS),
    ("Delete{}Policy", _delete_inline, KINDS),
    ("Put{}PermissionsBoundary", _put_boundary, (USER, ROLE)),
    ("Delete{}PermissionsBoundary", _delete_boundary, (USER, ROLE)),
)


def _register(name: str, kind: Kind, shaper: Shaper) -> None:
    operation = operation_named(name)

    def handler(call: WireCall) -> Mapping[str, Any] | None:
        return shaper(kind, operation, call)

    handler.__name__ = handler.__qualname__ = name
    action(name)(handler)


for _pattern, _shaper, _kinds in _ACTIONS:
    for _kind in _kinds:
        _register(_kind.operation_name(_pattern), _kind, _shaper)
