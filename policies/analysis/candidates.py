"""A quick, conservative pre-check before the engine: could any Allow statement of these
documents apply to an action on a resource at all?

It reads only Action/NotAction and Resource/NotResource (never conditions), matching
case-insensitively, so it answers True whenever the engine might allow; a False means no
Allow statement can apply, so the engine would answer an implicit deny. It saves building
and asking evaluators for principals whose policies are about something else.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any


@dataclass(frozen=True)
class Allow:
    """An Allow statement's patterns, lower-cased; None means "any" (NotAction,
    NotResource, a missing or unreadable element). Action globs are kept by service prefix
    ("*" for those whose prefix has a wildcard)."""

    exact: frozenset[str] | None
    globs: dict[str, tuple[str, ...]]
    resources: tuple[str, ...] | None

    def matches_action(self, action: str) -> bool:
        if self.exact is None or action in self.exact:
            return True
        prefix = action.split(":", 1)[0]
        return any(_glob(p, action) for p in (*self.globs.get(prefix, ()),
                                              *self.globs.get("*", ())))

    def matches_resource(self, resource: str) -> bool:
        return resource == "*" or self.resources is None or any(
            _glob(p, resource) for p in self.resources)


def _strings(value: Any) -> tuple[str, ...] | None:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        return None
    return tuple(v.lower() for v in values)


def _allow(statement: dict[str, Any]) -> Allow:
    actions = None if "NotAction" in statement else _strings(statement.get("Action"))
    resources = (None if "NotResource" in statement or "Resource" not in statement
                 else _strings(statement.get("Resource")))
    if actions is None:
        return Allow(None, {}, resources)
    globs: dict[str, list[str]] = {}
    for pattern in actions:
        if "*" in pattern or "?" in pattern:
            prefix = pattern.split(":", 1)[0]
            key = "*" if "*" in prefix or "?" in prefix or ":" not in pattern else prefix
            globs.setdefault(key, []).append(pattern)
    exact = frozenset(p for p in actions if "*" not in p and "?" not in p)
    return Allow(exact, {k: tuple(v) for k, v in globs.items()}, resources)


@functools.lru_cache(maxsize=8192)
def allow_statements(text: str) -> tuple[Allow, ...]:
    """The Allow statements of a policy document, as patterns."""
    anything = (Allow(None, {}, None),)
    try:
        document = json.loads(text)
    except ValueError:
        return anything
    statements = document.get("Statement") if isinstance(document, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list):
        return anything
    return tuple(_allow(s) for s in statements
                 if isinstance(s, dict) and s.get("Effect") == "Allow")


def _glob(pattern: str, value: str) -> bool:
    if "${" in pattern:
        return True  # a policy variable: the engine decides
    if "*" not in pattern and "?" not in pattern:
        return pattern == value
    if pattern.endswith("*") and "*" not in pattern[:-1] and "?" not in pattern:
        return value.startswith(pattern[:-1])
    return fnmatchcase(value, pattern.replace("[", "[[]"))


@functools.lru_cache(maxsize=65536)
def _document_may_allow(text: str, action: str, resource: str) -> bool:
    return any(s.matches_action(action) and s.matches_resource(resource)
               for s in allow_statements(text))


def may_allow(texts: Iterable[str], action: str, resource: str) -> bool:
    """False only when no Allow statement of the documents can apply to the action on the
    resource (`*` matches every resource pattern, as the engine's optimistic rule does)."""
    action, resource = action.lower(), resource.lower()
    return any(_document_may_allow(text, action, resource) for text in texts)
