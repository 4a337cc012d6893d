"""Enumerate every URL pattern of the project with a concrete sample path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

_SAMPLES = {"int": "1", "str": "sample", "slug": "sample", "path": "sample/x", "uuid": "0" * 32}


@dataclass(frozen=True)
class Route:
    """One URL pattern: its sample path, namespaces, name and view callback."""

    path: str
    namespaces: tuple[str, ...]
    name: str | None
    callback: object

    @property
    def qualified_name(self) -> str:
        return ":".join((*self.namespaces, self.name or "?"))


def _sample(pattern: object) -> str:
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        return re.sub(
            r"<(?:(\w+):)?(\w+)>", lambda m: _SAMPLES.get(m.group(1) or "str", "sample"), route
        )
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.lstrip("^").rstrip("$").replace("\\Z", "")
        regex = re.sub(r"\(\?P<\w+>[^)]*\)", "sample", regex)
        return regex.replace("\\", "")
    return str(pattern)


def walk(patterns=None, prefix: str = "/", namespaces: tuple[str, ...] = ()) -> Iterator[Route]:
    """Yield every leaf pattern of the URLconf with a sample path built from its converters."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        piece = _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, prefix + piece, ns)
        elif isinstance(entry, URLPattern):
            yield Route(prefix + piece, namespaces, entry.name, entry.callback)
