"""JSON read from requests and files, within limits: no input nests deeper than MAX_DEPTH or
holds a number longer than MAX_NUMBER_LENGTH, so reading it can never exhaust the stack
(RecursionError) or Python's limit on converting digits (ValueError): every problem is a
`json.JSONDecodeError` with its position, which callers already answer as bad input."""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64
MAX_NUMBER_LENGTH = 64


def _too_long_number(text: str) -> Any:
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueError(f"a number has at most {MAX_NUMBER_LENGTH} characters")
    return int(text)


# JSON strings (skipped whole: brackets inside them do not count; one left open runs to the
# end, so that every match succeeds and no input makes the scan quadratic), brackets, and
# the rest.
_STRING_PATTERN = r'"[^"\\]*(?:\\.?[^"\\]*)*(?:"|\Z)'
_STRING = re.compile(_STRING_PATTERN)
_TOKEN = re.compile(_STRING_PATTERN + r"|[\[\]{}]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _deepest(brackets: str) -> int:
    depth = deepest = 0
    for char in brackets:
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def check_depth(text: str, max_depth: int = MAX_DEPTH) -> None:
    """JSONDecodeError at the first bracket nested deeper than `max_depth`: the regular
    expression engine drops strings and everything but brackets, so a file of megabytes
    costs a loop over its brackets only (the position is looked for only when too deep)."""
    if _deepest(_NOT_BRACKET.sub("", _STRING.sub("", text))) <= max_depth:
        return
    depth = 0
    for match in _TOKEN.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise json.JSONDecodeError(f"nested deeper than {max_depth} levels", text,
                                           match.start())
        elif match.group() in "]}":
            depth -= 1


def loads(text: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """json.loads within the limits above."""
    if isinstance(text, bytes | bytearray):
        text = text.decode("utf-8")
    check_depth(text, max_depth)
    try:
        return json.loads(text, parse_int=_too_long_number)
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError) as exc:
        raise json.JSONDecodeError(str(exc), text, 0) from None
