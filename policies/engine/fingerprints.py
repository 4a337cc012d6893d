"""Cache keys for policy documents and policy sets, computed once per document object.

A document's key is the text it is parsed from: JSON text is its own key (Python caches a
string's hash, so a string seen before costs nothing to look up), a ``ParsedPolicy`` carries
its text, and a mapping's key is its canonical text (``canonical_text``), which costs a full
re-encoding. So that a caller handing the same dict to every request does not pay that each
time, a mapping's key is remembered per object: the cache holds the dict itself (so its id
cannot be reused) and a copy of its containers (the leaves are shared), and a request
compares the dict with that copy (a fast, C-level comparison that meets the same string
objects) before reusing the key. A dict changed in place since is re-encoded. Scalars other
than strings must keep their type to compare equal (``True`` is not ``1`` here). Reordering
the keys of a dict in place, without changing its content, is not noticed: positions
then refer to the earlier order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from policies.engine.document import ParsedPolicy, canonical_text
from policies.engine.types import AuthorizationRequest, PolicyEngineError

_MAPPINGS: dict[int, tuple[Any, Any, str]] = {}


def remember(cache: dict[Any, Any], key: Any, value: Any, size: int) -> None:
    """Store ``value`` in a bounded cache, dropping the oldest entry when it is full (safe
    when threads share the cache: a lost race only drops another entry, or none)."""
    if len(cache) >= size:
        try:
            del cache[next(iter(cache))]
        except (KeyError, RuntimeError, StopIteration):
            pass
    cache[key] = value
_MAPPINGS_SIZE = 2048


class _Strict:
    """A non-string JSON scalar in a snapshot: equal only to a value of the same type."""

    __slots__ = ("value",)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value: object) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        value = self.value
        return type(other) is type(value) and repr(other) == repr(value)


class _Unsnapshottable(Exception):
    """The document holds something other than JSON-shaped dicts, lists and scalars."""


def _snapshot(value: object) -> object:
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is dict:
        if any(type(key) is not str for key in value):  # type: ignore[attr-defined]
            raise _Unsnapshottable
        return {key: _snapshot(item) for key, item in value.items()}  # type: ignore[attr-defined]
    if kind is list:
        return [_snapshot(item) for item in value]  # type: ignore[attr-defined]
    if kind is tuple:
        return tuple(_snapshot(item) for item in value)  # type: ignore[attr-defined]
    if kind is ParsedPolicy:
        return value  # immutable
    if kind in (bool, int, float):
        return _Strict(value)
    raise _Unsnapshottable


def _mapping_key(document: Mapping[str, Any], field: str) -> str:
    ident = id(document)
    entry = _MAPPINGS.get(ident)
    if entry is not None and entry[0] is document and document == entry[1]:
        return entry[2]
    try:
        text = canonical_text(document)
    except PolicyEngineError as exc:
        raise PolicyEngineError(f"{field}: {exc}") from None
    try:
        snapshot = _snapshot(document)
    except (_Unsnapshottable, RecursionError):
        return text  # other mappings, tuples, custom types: re-encoded each time
    remember(_MAPPINGS, ident, (document, snapshot, text), _MAPPINGS_SIZE)
    return text


def document_key(document: object, field: str) -> str:
    """The text that identifies a document's content (its cache key)."""
    if type(document) is str:
        return document  # type: ignore[return-value]
    if isinstance(document, ParsedPolicy):
        return document.text
    if type(document) is dict:
        return _mapping_key(document, field)  # type: ignore[arg-type]
    if isinstance(document, str):
        return str(document)
    if isinstance(document, Mapping):
        try:
            return canonical_text(document)
        except PolicyEngineError as exc:
            raise PolicyEngineError(f"{field}: {exc}") from None
    raise PolicyEngineError(f"{field}: a policy must be JSON text or a mapping")


def _texts(value: object, field: str) -> tuple[str, ...]:
    """Check that ``value`` is a list of documents (not one document); their keys."""
    if type(value) is not list and type(value) is not tuple:
        if isinstance(value, str | Mapping | ParsedPolicy) or not isinstance(value, Sequence):
            raise PolicyEngineError(f"{field} must be a list of policy documents")
    return tuple(document_key(doc, f"{field}[{i}]") for i, doc in enumerate(value))  # type: ignore[arg-type]


def _levels(value: object, field: str) -> tuple[tuple[str, ...], ...] | None:
    if value is None:
        return None
    if type(value) is not list and type(value) is not tuple:
        if isinstance(value, str | Mapping | ParsedPolicy) or not isinstance(value, Sequence):
            raise PolicyEngineError(f"{field} must be a list of policy documents")
    return tuple(_texts(level, f"{field}[{i}]") for i, level in enumerate(value))  # type: ignore[arg-type]


#: (principal, (identity, boundaries, session or None, resource or None, SCP levels or None,
#: RCP levels or None, endpoint)), every document by its key.
SetKey = tuple[Any, tuple[Any, ...]]

_REQUESTS: dict[tuple[int, ...], tuple[tuple[Any, ...], Any, tuple[Any, ...]]] = {}
_REQUESTS_SIZE = 512


def set_key(request: AuthorizationRequest) -> SetKey:
    """The key of the request's policy set: its principal and every document's key.

    The documents' keys are remembered per combination of field objects (the lists of
    documents a caller hands to each request), checked against a copy of their containers
    as for single mappings.
    """
    principal = request.principal
    if principal is not None and type(principal) is not str:
        if not isinstance(principal, str):
            raise PolicyEngineError(f"principal must be a string or None, not {principal!r}")
        principal = str(principal)
    fields = (
        request.identity_policies,
        request.permissions_boundaries,
        request.session_policy,
        request.resource_policy,
        request.service_control_policies,
        request.resource_control_policies,
        request.endpoint_policies,
    )
    ids = tuple(map(id, fields))
    entry = _REQUESTS.get(ids)
    if entry is not None and fields == entry[1]:
        return principal, entry[2]
    keys = _document_keys(request)
    try:
        snapshot = _snapshot(fields)
    except (_Unsnapshottable, RecursionError):
        return principal, keys
    # The entry holds the field objects, so that their ids are not reused meanwhile.
    remember(_REQUESTS, ids, (fields, snapshot, keys), _REQUESTS_SIZE)
    return principal, keys


def _document_keys(request: AuthorizationRequest) -> tuple[Any, ...]:
    session = request.session_policy
    if session is not None:
        if isinstance(session, str | Mapping | ParsedPolicy):
            session = (document_key(session, "session_policy[0]"),)
        else:
            session = _texts(session, "session_policy") or None
    resource = request.resource_policy
    return (
        _texts(request.identity_policies, "identity_policies"),
        _texts(request.permissions_boundaries, "permissions_boundaries"),
        session,
        None if resource is None else document_key(resource, "resource_policy"),
        _levels(request.service_control_policies, "service_control_policies"),
        _levels(request.resource_control_policies, "resource_control_policies"),
        _texts(request.endpoint_policies, "endpoint_policies"),
    )
