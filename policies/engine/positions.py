"""Locate each statement of a policy document in its JSON source text (1-based line/column)."""

from __future__ import annotations

import bisect
import json.decoder
import re
from collections.abc import Callable

from policies.engine.types import Position

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")
_STRUCTURAL = re.compile(r'["{}\[\]]')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Span = tuple[Position, Position]
# The stdlib's string scanner (C-accelerated); typeshed does not declare it.
scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")  # noqa: B009


class LineIndex:
    """Maps character offsets of a text to 1-based (line, column) positions.

    CRLF, LF and a bare CR each end a line, as in JSON's grammar and in editors.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> Position:
        """Return the position of the character at ``offset``."""
        line = bisect.bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1)


def _skip_ws(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


def _skip_value(text: str, index: int) -> int:
    """Return the offset just past the JSON value starting at ``index``."""
    char = text[index]
    if char == '"':
        return scanstring(text, index + 1)[1]
    if char not in "{[":
        match = _SCALAR.match(text, index)
        if match is None:
            raise ValueError(f"unexpected character at offset {index}")
        return match.end()
    # Containers are skipped by counting brackets; strings are skipped whole because
    # they may contain brackets themselves.
    depth = 0
    position = index
    while True:
        match = _STRUCTURAL.search(text, position)
        if match is None:
            raise ValueError("unterminated container")
        position = match.start()
        token = text[position]
        if token == '"':
            position = scanstring(text, position + 1)[1]
            continue
        depth += 1 if token in "{[" else -1
        position += 1
        if depth == 0:
            return position


def _object_members(text: str, index: int) -> list[tuple[str, int, int]]:
    """Return (key, value start, value end) for the members of the object at ``index``."""
    members: list[tuple[str, int, int]] = []
    position = _skip_ws(text, index + 1)
    if text[position] == "}":
        return members
    while True:
        key, position = scanstring(text, position + 1)
        position = _skip_ws(text, position)
        position = _skip_ws(text, position + 1)  # the colon
        end = _skip_value(text, position)
        members.append((key, position, end))
        position = _skip_ws(text, end)
        if text[position] == "}":
            return members
        position = _skip_ws(text, position + 1)  # the comma


def _array_elements(text: str, index: int) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the elements of the array at ``index``."""
    elements: list[tuple[int, int]] = []
    position = _skip_ws(text, index + 1)
    if text[position] == "]":
        return elements
    while True:
        end = _skip_value(text, position)
        elements.append((position, end))
        position = _skip_ws(text, end)
        if text[position] == "]":
            return elements
        position = _skip_ws(text, position + 1)


def statement_spans(text: str) -> list[Span] | None:
    """Return the (start, end) span of every statement in valid JSON policy ``text``.

    ``start`` is the statement's opening brace and ``end`` its closing brace (inclusive).
    Returns None when the text has no top-level object with a ``Statement`` member.
    """
    try:
        start = _skip_ws(text, 0)
        if text[start] != "{":
            return None
        statement = None
        for key, value_start, value_end in _object_members(text, start):
            if key == "Statement":  # the last duplicate wins, as in json.loads
                statement = (value_start, value_end)
        if statement is None:
            return None
        lines = LineIndex(text)
        value_start, value_end = statement
        if text[value_start] == "{":
            offsets = [(value_start, value_end)]
        elif text[value_start] == "[":
            offsets = _array_elements(text, value_start)
        else:
            return None
        return [(lines.position(first), lines.position(last - 1)) for first, last in offsets]
    except (ValueError, IndexError):
        # The text was already decoded successfully, so this is unreachable in practice;
        # positions are a convenience and must never make evaluation fail.
        return None
