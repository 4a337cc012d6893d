"""Parsing a simulation's JSON into a `SimulationInput`, checking every field.

Errors are `InvalidInput` naming the offending input the way the API documents it, for
example `action_names[2]` or `context_entries[0].values`.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from typing import Any

from iamconsole.exceptions import InvalidInput
from policies.engine import service_reference as ref

from .checks import check_text
from .context import (
    CONTEXT_TYPES,
    ContextValueError,
    check_type,
    context_type_for,
    typed_values,
)
from .inputs import (
    MAX_ACTIONS,
    MAX_CONTEXT_ENTRIES,
    MAX_EXCLUSIONS,
    MAX_LEVELS,
    MAX_PAIRS,
    MAX_POLICIES,
    MAX_POLICIES_PER_LEVEL,
    MAX_RESOURCES,
    ContextEntry,
    Mode,
    SimulationInput,
    is_source_arn,
)

_ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9]+$")
_ARN = re.compile(r"^arn:[a-z-]+:[^:\s]*:[^:\s]*:[^:\s]*:\S.*$")
_ACCOUNT = re.compile(r"^\d{12}$")
_CALLER = re.compile(
    r"^arn:[a-z-]+:(iam::\d{12}:(root|user/.+|role/.+)"
    r"|sts::\d{12}:(assumed-role/[^/]+/.+|federated-user/.+))$"
)
_POLICY_ARN = re.compile(r"^arn:[a-z-]+:iam::(\d{12}|aws):policy/\S+$")
_INLINE_NAME = re.compile(r"^[\w+=,.@-]{1,128}$")
_QUALIFIED_INLINE = re.compile(r"^(user|group|role)/[\w+=,.@-]{1,128}/[\w+=,.@-]{1,128}$")
_KEY = re.compile(r"^[^\s]+:[^\s]+$")


def _fail(path: str, message: str) -> InvalidInput:
    return InvalidInput(f"{path}: {message}", field=path)


def _list(data: Mapping[str, Any], name: str, limit: int) -> list[Any]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(name, "must be a list.")
    if len(value) > limit:
        raise _fail(name, f"has {len(value)} items; the maximum is {limit}.")
    return value


def _string(value: Any, path: str, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise _fail(path, "is required.")
        return None
    if not isinstance(value, str):
        raise _fail(path, "must be a string.")
    return value


def document_text(value: Any, path: str) -> str:
    """A policy document given as a JSON object or as JSON text, kept as text.

    Objects are written out with 4-space indentation (the engine's canonical text), so the
    line and column of a matched statement refer to the text the simulator shows.
    """
    if isinstance(value, Mapping):
        return json.dumps(value, indent=4)
    if isinstance(value, str) and value.strip():
        return value
    raise _fail(path, "must be a policy document: a JSON object or a JSON string.")


def _documents(data: Mapping[str, Any], name: str, limit: int = MAX_POLICIES) -> tuple[str, ...]:
    return tuple(
        document_text(item, f"{name}[{i}]") for i, item in enumerate(_list(data, name, limit))
    )


def _levels(data: Mapping[str, Any], name: str) -> tuple[tuple[str, ...], ...] | None:
    if data.get(name) is None:
        return None
    levels = []
    for i, level in enumerate(_list(data, name, MAX_LEVELS)):
        if not isinstance(level, list):
            raise _fail(f"{name}[{i}]", "must be a list of policy documents (one level).")
        if len(level) > MAX_POLICIES_PER_LEVEL:
            raise _fail(f"{name}[{i}]", f"has more than {MAX_POLICIES_PER_LEVEL} policies.")
        levels.append(tuple(document_text(d, f"{name}[{i}][{j}]") for j, d in enumerate(level)))
    return tuple(levels)


def normalise_action(value: Any, path: str) -> str:
    """`s3:getobject` -> `s3:GetObject`; unknown services and actions are refused."""
    if not isinstance(value, str) or not _ACTION.match(value) or not 3 <= len(value) <= 128:
        raise _fail(path, f"{value!r} is not an action name like s3:GetObject.")
    info = ref.action_info(value)
    if info is not None:
        return info.full_name
    prefix, _, name = value.partition(":")
    service = ref.get_service(prefix)
    if service is None:
        raise _fail(path, f"{prefix} is not a service prefix in the AWS service reference.")
    names = [a.name for a in service.actions.values()]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" Did you mean {service.prefix}:{close[0]}?" if close else ""
    raise _fail(path, f"{value} is not an action of {service.name}.{hint}")


def _resource(value: Any, path: str) -> str:
    if value == "*" or (isinstance(value, str) and _ARN.match(value) and len(value) <= 2048):
        return str(value)
    raise _fail(path, f"{value!r} is not * or an ARN (arn:partition:service:region:account:...).")


def _resources(value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(path, "must be a non-empty list of resource ARNs or *.")
    if len(value) > MAX_RESOURCES:
        raise _fail(path, f"has more than {MAX_RESOURCES} resources.")
    return tuple(dict.fromkeys(_resource(item, f"{path}[{i}]") for i, item in enumerate(value)))


def _action_resources(data: Mapping[str, Any], actions: tuple[str, ...]) -> dict[str, tuple]:
    raw = data.get("action_resources")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise _fail("action_resources", "must be an object of action name -> resource ARNs.")
    result: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        path = f"action_resources[{key}]"
        action = normalise_action(key, path)
        if action not in actions:
            raise _fail(path, f"{action} is not in action_names.")
        result[action] = _resources(value, path)
    return result


def _context_entries(data: Mapping[str, Any]) -> tuple[ContextEntry, ...]:
    entries: list[ContextEntry] = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(data, "context_entries", MAX_CONTEXT_ENTRIES)):
        path = f"context_entries[{i}]"
        if not isinstance(raw, Mapping):
            raise _fail(path, 'must be an object {"key", "values", "type"}.')
        key = _string(raw.get("key"), f"{path}.key", required=True) or ""
        if not _KEY.match(key) or not 5 <= len(key) <= 256:
            raise _fail(f"{path}.key", f"{key!r} is not a condition key like aws:SourceIp.")
        if key.lower() in seen:
            raise _fail(f"{path}.key", f"{key} is given twice.")
        seen.add(key.lower())
        values = raw.get("values")
        if not isinstance(values, list) or not all(
            isinstance(v, str | int | float | bool) for v in values
        ):
            raise _fail(f"{path}.values", "must be a list of strings.")
        texts = [("true" if v else "false") if isinstance(v, bool) else str(v) for v in values]
        kind = raw.get("type") or context_type_for(key)
        if kind not in CONTEXT_TYPES:
            raise _fail(f"{path}.type", f"{kind!r} is not one of {', '.join(CONTEXT_TYPES)}.")
        try:
            check_type(key, str(kind))
        except ContextValueError as exc:
            raise _fail(f"{path}.type", str(exc)) from None
        try:
            typed = typed_values(key, texts, str(kind))
        except ContextValueError as exc:
            raise _fail(f"{path}.values", str(exc)) from None
        entries.append(ContextEntry(key, typed, str(kind)))
    return tuple(entries)


def _exclusion(value: Any, path: str) -> str:
    if isinstance(value, str):
        text = value.strip()
        if (
            _POLICY_ARN.match(text)
            or _QUALIFIED_INLINE.match(text)
            or _INLINE_NAME.match(text)
        ):
            return text
    raise _fail(
        path,
        f"{value!r} is not a managed policy ARN, an inline policy name, or "
        "user|group|role/<owner name>/<inline policy name>.",
    )


def _overrides(data: Mapping[str, Any]) -> dict[str, str]:
    raw = data.get("policy_overrides")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise _fail("policy_overrides", "must be an object of policy ARN or name -> document.")
    return {
        _exclusion(key, f"policy_overrides[{key}]"): document_text(
            value, f"policy_overrides[{key}]"
        )
        for key, value in raw.items()
    }


def parse_simulation(data: Any, mode: Mode) -> SimulationInput:
    """Parse and check a simulation request body; raises InvalidInput naming the input."""
    if not isinstance(data, Mapping):
        raise InvalidInput("The request body must be a JSON object.", field=None)
    check_text(data)
    names = _list(data, "action_names", MAX_ACTIONS)
    if not names:
        raise _fail("action_names", "give at least one action, e.g. s3:GetObject.")
    actions = tuple(
        dict.fromkeys(normalise_action(n, f"action_names[{i}]") for i, n in enumerate(names))
    )
    resources = (
        _resources(data["resource_arns"], "resource_arns")
        if data.get("resource_arns") is not None
        else ("*",)
    )
    action_resources = _action_resources(data, actions)
    source = None
    if mode == "principal":
        source = _string(data.get("policy_source_arn"), "policy_source_arn", required=True)
        if not is_source_arn(source):
            raise _fail("policy_source_arn", f"{source!r} is not a user, group or role ARN.")
    elif data.get("policy_input_list") is None:
        raise _fail("policy_input_list", "is required: give the identity policies to simulate.")
    caller = _string(data.get("caller_arn"), "caller_arn")
    if caller is not None and not _CALLER.match(caller):
        raise _fail("caller_arn", f"{caller!r} is not a user, role, session or root ARN.")
    owner = _string(data.get("resource_owner"), "resource_owner")
    if owner is not None and not _ACCOUNT.match(owner):
        raise _fail("resource_owner", f"{owner!r} is not a 12-digit account ID.")
    apply_organization = data.get("apply_organization_policies", True)
    if apply_organization is None:
        apply_organization = True
    if not isinstance(apply_organization, bool):
        raise _fail("apply_organization_policies", "must be true or false.")
    boundaries = _documents(data, "permissions_boundary_policy_input_list", 1)
    resource_policy = data.get("resource_policy")
    session_policy = data.get("session_policy")
    simulation = SimulationInput(
        mode=mode,
        action_names=actions,
        resource_arns=resources,
        action_resources=action_resources,
        policy_input_list=_documents(data, "policy_input_list"),
        policy_source_arn=source,
        policy_exclusions=tuple(
            _exclusion(v, f"policy_exclusions[{i}]")
            for i, v in enumerate(_list(data, "policy_exclusions", MAX_EXCLUSIONS))
        ) if mode == "principal" else (),
        policy_overrides=_overrides(data) if mode == "principal" else {},
        resource_policy=None if resource_policy in (None, "") else document_text(
            resource_policy, "resource_policy"
        ),
        resource_owner=owner,
        caller_arn=caller,
        context_entries=_context_entries(data),
        permissions_boundary_policy_input_list=boundaries,
        session_policy=None if session_policy in (None, "") else document_text(
            session_policy, "session_policy"
        ),
        scp_levels=_levels(data, "scp_levels"),
        rcp_levels=_levels(data, "rcp_levels"),
        endpoint_policies=_documents(data, "endpoint_policies"),
        apply_organization_policies=apply_organization,
    )
    count = len(simulation.pairs())
    if count > MAX_PAIRS:
        raise _fail(
            "action_names",
            f"the simulation has {count:,} action-resource pairs; the maximum is {MAX_PAIRS:,}.",
        )
    return simulation
