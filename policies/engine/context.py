"""Request context normalisation (spec 1.3): case-insensitive keys, typing, key filtering."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from policies.engine.service_reference import (
    condition_key_type,
    is_condition_key_valid,
    is_global_condition_key,
)
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


def _typed(key: str, value: str | tuple[str, ...]) -> str | list[str] | None:
    """Shape a value by the key's type; None means the key counts as absent."""
    kind = condition_key_type(key)
    if kind is None:
        return value if isinstance(value, str) else list(value)
    if kind.startswith("ArrayOf"):
        return [value] if isinstance(value, str) else list(value)
    if isinstance(value, str):
        return value
    return value[0] if value else None


class PreparedContext:
    """A validated context, typed once; ``for_action`` drops keys the action cannot have.

    Array-typed keys become lists; scalar-typed keys given a list keep the first element
    (an empty list makes the key absent); keys of unknown type keep their shape. With
    ``filter_keys``, service keys the reference says are not valid for the action are
    dropped; global keys, and all keys of actions missing from the reference, are kept.
    """

    def __init__(self, context: RawContext, filter_keys: bool) -> None:
        #: The context for every action when no key needs an action-specific check.
        self.shared: dict[str, str | list[str]] = {}
        self._checked: list[tuple[str, str, str | list[str] | None]] = []
        for key, value in context:
            typed = _typed(key, value)
            if filter_keys and not is_global_condition_key(key):
                self._checked.append((key, key.lower(), typed))
            elif typed is None:
                self.shared.pop(key.lower(), None)
            else:
                self.shared[key.lower()] = typed

    def for_action(self, action: str) -> dict[str, str | list[str]]:
        """Return the lower-cased context for ``action`` (shared: callers must not mutate it)."""
        if not self._checked:
            return self.shared
        result = dict(self.shared)
        for key, lower, typed in self._checked:
            if not is_condition_key_valid(key, action):
                continue
            if typed is None:
                result.pop(lower, None)
            else:
                result[lower] = typed
        return result


def normalize_context(
    context: RawContext, action: str, filter_keys: bool
) -> dict[str, str | list[str]]:
    """Return the context for one action (see ``PreparedContext``)."""
    return PreparedContext(context, filter_keys).for_action(action)


def check_context(context: object) -> None:
    """Check the request context's shape (what ``validate_context`` checks, without copying)."""
    if not isinstance(context, Mapping):
        raise PolicyEngineError("context must be a mapping of key to value(s)")
    for key, value in context.items():
        if type(key) is not str or not key:
            if not isinstance(key, str) or not key:
                raise PolicyEngineError(f"context keys must be non-empty strings, not {key!r}")
        if type(value) is not str:
            if isinstance(value, list | tuple):
                for item in value:
                    _scalar(item, key)
            else:
                _scalar(value, key)


_UNKNOWN, _ARRAY, _SCALAR = 0, 1, 2
#: Key as written -> (type class, global key?), from the service reference.
_KEYS: dict[str, tuple[int, bool]] = {}
#: The keys of a context, in order -> {lower-cased key: the last spelling of it}.
_SPELLINGS: dict[tuple[str, ...], dict[str, str]] = {}
_SPELLINGS_SIZE = 4096


def _key_info(key: str) -> tuple[int, bool]:
    info = _KEYS.get(key)
    if info is None:
        kind = condition_key_type(key)
        shape = _UNKNOWN if kind is None else _ARRAY if kind.startswith("ArrayOf") else _SCALAR
        info = _KEYS[key] = (shape, is_global_condition_key(key))
    return info


def _spellings(context: Mapping[str, object]) -> dict[str, str]:
    keys = tuple(context)
    found = _SPELLINGS.get(keys)
    if found is None:
        if len(_SPELLINGS) >= _SPELLINGS_SIZE:
            _SPELLINGS.clear()
        found = _SPELLINGS[keys] = {key.lower(): key for key in keys}
    return found


class _Plan(Protocol):
    """What ``request_context`` needs of an action's plan."""

    lower: str
    keys: tuple[str, ...]
    valid: dict[str, bool]


def request_context(
    plan: _Plan, context: Mapping[str, object], filter_keys: bool
) -> dict[str, str | list[str]]:
    """The request's context for ``plan``'s action, as ``PreparedContext.for_action`` gives
    it, but only for the keys the action's candidate statements read (``plan.keys``)."""
    result: dict[str, str | list[str]] = {}
    wanted = plan.keys
    if not wanted or not context:
        return result
    spellings = _spellings(context)
    for lower in wanted:
        key = spellings.get(lower)
        if key is None:
            continue
        shape, is_global = _key_info(key)
        if filter_keys and not is_global:
            valid = plan.valid.get(key)
            if valid is None:
                valid = plan.valid[key] = is_condition_key_valid(key, plan.lower)
            if not valid:
                continue
        value = context[key]
        if type(value) is str:
            result[lower] = [value] if shape == _ARRAY else value
            continue
        if isinstance(value, list | tuple):
            items = [_scalar(item, key) for item in value]
            if shape != _SCALAR:
                result[lower] = items
            elif items:
                result[lower] = items[0]
            continue
        text = _scalar(value, key)
        result[lower] = [text] if shape == _ARRAY else text
    return result
