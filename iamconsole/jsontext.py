"""JSON read from requests and files, within limits: no input nests deeper than MAX_DEPTH or
holds a number longer than MAX_NUMBER_LENGTH, so reading it can never exhaust the stack
(RecursionError) or Python's limit on converting digits (ValueError): every problem is a
`json.JSONDecodeError` with its position, which callers already answer as bad input."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64
MAX_NUMBER_LENGTH = 64


def _too_long_number(text: str) -> Any:
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueError(f"a number has at most {MAX_NUMBER_LENGTH} characters")
    return int(text)


def check_depth(text: str, max_depth: int = MAX_DEPTH) -> None:
    """JSONDecodeError at the first bracket nested deeper than `max_depth` (one linear pass,
    skipping strings)."""
    depth = 0
    in_string = escaped = False
    for position, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                raise json.JSONDecodeError(f"nested deeper than {max_depth} levels", text,
                                           position)
        elif char in "]}":
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
