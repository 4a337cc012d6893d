"""Request context normalisation (spec 1.3): case-insensitive keys, typing, key filtering."""

from __future__ import annotations

from collections.abc import Mapping

from policies.engine.service_reference import condition_key_type, is_condition_key_valid
from policies.engine.types import PolicyEngineError

#: Validated context: key as written -> one string or a tuple of strings.
RawContext = tuple[tuple[str, "str | tuple[str, ...]"], ...]


def _scalar(value: object, key: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    raise PolicyEngineError(
        f"context value for {key!r} must be a string, boolean or number, not {type(value).__name__}"
    )


def validate_context(context: object) -> RawContext:
    """Check the request context's shape and freeze it (scalars are converted to strings)."""
    if not isinstance(context, Mapping):
        raise PolicyEngineError("context must be a mapping of key to value(s)")
    items: list[tuple[str, str | tuple[str, ...]]] = []
    for key, value in context.items():
        if not isinstance(key, str) or not key:
            raise PolicyEngineError(f"context keys must be non-empty strings, not {key!r}")
        if isinstance(value, list | tuple):
            items.append((key, tuple(_scalar(item, key) for item in value)))
        else:
            items.append((key, _scalar(value, key)))
    return tuple(items)


def normalize_context(
    context: RawContext, action: str, filter_keys: bool
) -> dict[str, str | list[str]]:
    """Return the context for one action: lower-cased keys, typed values, invalid keys dropped.

    Array-typed keys become lists; scalar-typed keys given a list keep the first element
    (an empty list makes the key absent); keys of unknown type keep their shape. With
    ``filter_keys``, service keys the reference says are not valid for the action are
    dropped; global keys, and all keys of actions missing from the reference, are kept.
    """
    result: dict[str, str | list[str]] = {}
    for key, value in context:
        if filter_keys and not is_condition_key_valid(key, action):
            continue
        kind = condition_key_type(key)
        lower = key.lower()
        if kind is None:
            result[lower] = value if isinstance(value, str) else list(value)
        elif kind.startswith("ArrayOf"):
            result[lower] = [value] if isinstance(value, str) else list(value)
        elif isinstance(value, str):
            result[lower] = value
        elif value:
            result[lower] = value[0]
        else:
            result.pop(lower, None)
    return result
