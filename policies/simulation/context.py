"""Context keys of a simulation: AWS's value types, validation of typed values, key discovery."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policies.engine import context_keys_for_policies
from policies.engine import service_reference as ref
from policies.engine.global_keys import GLOBAL_CONDITION_KEYS

# AWS's ContextKeyType values (SimulatePrincipalPolicy's ContextEntries).
SCALAR_TYPES = ("string", "numeric", "boolean", "date", "ip", "binary")
CONTEXT_TYPES = tuple(t for base in SCALAR_TYPES for t in (base, f"{base}List"))
# The service reference's condition-key types, as AWS's context types.
_REFERENCE_TYPES = {
    "String": "string",
    "ARN": "string",
    "Numeric": "numeric",
    "Bool": "boolean",
    "Date": "date",
    "IPAddress": "ip",
    "Binary": "binary",
}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_EPOCH = re.compile(r"^\d+$")
_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$"
)
MAX_VALUE_LENGTH = 1024


class ContextValueError(ValueError):
    """A context entry's type or value is not acceptable; the message says why."""


def base_type(context_type: str) -> str:
    """`stringList` -> `string`."""
    return context_type[:-4] if context_type.endswith("List") else context_type


def is_list_type(context_type: str) -> bool:
    """True for the `...List` types, which take any number of values."""
    return context_type.endswith("List")


def reference_type(key: str) -> str | None:
    """The key's type in the service reference (`String`, `ArrayOfString`, ...), or None."""
    return ref.condition_key_type(key)


def context_type_for(key: str) -> str:
    """The AWS context type that fits a key: `ip` for aws:SourceIp, `stringList` for
    aws:TagKeys, and `string` for keys the reference does not know."""
    kind = reference_type(key)
    if kind is None:
        return "string"
    array = kind.startswith("ArrayOf")
    base = _REFERENCE_TYPES.get(kind.removeprefix("ArrayOf"), "string")
    return f"{base}List" if array else base


def check_type(key: str, context_type: str) -> None:
    """Refuse a type that contradicts the reference (e.g. `numeric` for aws:SourceIp)."""
    if context_type not in CONTEXT_TYPES:
        raise ContextValueError(
            f"{context_type!r} is not a context key type; use one of {', '.join(CONTEXT_TYPES)}."
        )
    kind = reference_type(key)
    if kind is None:
        return
    expected = context_type_for(key)
    if base_type(expected) != base_type(context_type):
        raise ContextValueError(
            f"{key} is a {kind} key: give its value as type {expected}, not {context_type}."
        )
    if is_list_type(context_type) and not is_list_type(expected):
        raise ContextValueError(
            f"{key} takes a single value: use type {expected}, not {context_type}."
        )


def _check_value(value: str, kind: str) -> str:
    if len(value) > MAX_VALUE_LENGTH:
        raise ContextValueError(f"A value is longer than {MAX_VALUE_LENGTH} characters.")
    if kind == "numeric" and not _NUMBER.match(value.strip()):
        raise ContextValueError(f"{value!r} is not a number.")
    if kind == "boolean":
        if value.strip().lower() not in ("true", "false"):
            raise ContextValueError(f"{value!r} is not true or false.")
        return value.strip().lower()
    if kind == "date" and not (_EPOCH.match(value.strip()) or _ISO_DATE.match(value.strip())):
        raise ContextValueError(
            f"{value!r} is not a date: use ISO 8601 (2025-06-01T12:00:00Z) or epoch seconds."
        )
    if kind == "ip":
        try:
            ipaddress.ip_address(value.strip())
        except ValueError:
            raise ContextValueError(f"{value!r} is not an IPv4 or IPv6 address.") from None
    if kind == "binary":
        try:
            base64.b64decode(value.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise ContextValueError(f"{value!r} is not base64 text.") from None
    return value.strip() if kind != "string" else value


def typed_values(key: str, values: Sequence[str], context_type: str) -> tuple[str, ...]:
    """Check the values against the type and normalise them (booleans lower-cased)."""
    check_type(key, context_type)
    if not is_list_type(context_type) and len(values) != 1:
        raise ContextValueError(
            f"{key} has type {context_type}: give exactly one value "
            f"(use {context_type}List for several)."
        )
    return tuple(_check_value(value, base_type(context_type)) for value in values)


def engine_value(values: Sequence[str], context_type: str) -> str | list[str]:
    """The engine's form: one string for scalar types, a list for the `...List` types."""
    return list(values) if is_list_type(context_type) else values[0]


@dataclass(frozen=True)
class ContextKey:
    """A condition key a simulation can set: its type and what it means."""

    key: str
    type: str
    reference_type: str | None
    description: str
    is_global: bool


def describe_key(key: str) -> ContextKey:
    """Type and description of a key, from AWS's global keys table or the service reference."""
    description = ""
    for name, (_kind, text) in GLOBAL_CONDITION_KEYS.items():
        if name.lower() == key.lower() or (
            "${" in name and key.lower().startswith(name.split("${")[0].lower())
        ):
            description = text
            break
    else:
        prefix = key.partition(":")[0]
        service = ref.get_service(prefix) if ":" in key else None
        info = service.condition_keys.get(key.lower()) if service is not None else None
        if info is None and service is not None and "/" in key:
            stem = key.split("/", 1)[0].lower() + "/"
            info = next(
                (i for k, i in service.condition_keys.items() if k.startswith(stem)), None
            )
        description = info.description if info is not None else ""
    return ContextKey(
        key=key,
        type=context_type_for(key),
        reference_type=reference_type(key),
        description=description,
        is_global=ref.is_global_condition_key(key),
    )


def referenced_keys(texts: Iterable[str]) -> list[str]:
    """Condition keys and policy-variable keys the documents use (sorted, case-insensitive)."""
    return list(context_keys_for_policies(list(texts)))


def global_keys() -> list[ContextKey]:
    """AWS's global condition keys, for the simulator's "add a key" choice."""
    return [describe_key(name) for name in sorted(GLOBAL_CONDITION_KEYS, key=str.lower)]
