"""The model's constraints on a request (required, length, range, pattern, enum), answered
as AWS does: `ValidationError: 1 validation error detected: Value 'x' at 'userName' failed to
satisfy constraint: Member must have length less than or equal to 64`."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from botocore.model import Shape

from .protocol import WireError

_MAX_REPORTED = 10
# IAM checks an entity's Path itself, with this sentence, rather than with the pattern's.
_PATH_SHAPE = "pathType"
_PATH_MESSAGE = ("The specified value for path is invalid. It must begin and end with / and "
                 "contain only alphanumeric characters and/or / characters.")


_CATEGORY = re.compile(r"\\p\{(\w)\}")


class _CategoryClass:
    """A character class with Unicode categories, which Python's `re` lacks: the tags'
    `[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+` checks each character's category or the rest."""

    def __init__(self, body: str, repeat: str) -> None:
        self.categories = tuple(_CATEGORY.findall(body))
        self.others = re.compile(f"[{_CATEGORY.sub('', body)}]")
        self.minimum = 1 if repeat == "+" else 0

    def fullmatch(self, value: str) -> bool:
        return len(value) >= self.minimum and all(
            unicodedata.category(char)[0] in self.categories or self.others.fullmatch(char)
            for char in value)


@cache
def _pattern(pattern: str) -> re.Pattern[str] | _CategoryClass | None:
    try:
        return re.compile(pattern)
    except re.error:
        # Organizations anchors the same class: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$
        match = re.fullmatch(r"\^?\(?\[(.*)\]([+*])\)?\$?", pattern)
        if match and _CATEGORY.search(match.group(1)):
            return _CategoryClass(match.group(1), match.group(2))
        return None  # another Java-only construct: the service checks it, not the protocol


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _value(value: Any) -> str:
    return "null" if value is None else f"'{value}'"


def _bounds(meta: dict[str, Any], measured: int, value: Any, where: str, noun: str,
            found: list[str]) -> None:
    """The model's min and max on a length or a value, in AWS's words."""
    if "min" in meta and measured < meta["min"]:
        found.append(f"Value {_value(value)} at '{where}' failed to satisfy constraint: "
                     f"Member must have {noun} greater than or equal to {meta['min']}")
    if "max" in meta and measured > meta["max"]:
        found.append(f"Value {_value(value)} at '{where}' failed to satisfy constraint: "
                     f"Member must have {noun} less than or equal to {meta['max']}")


def _check_scalar(shape: Shape, value: Any, where: str, found: list[str]) -> None:
    meta = shape.metadata
    if shape.type_name == "string" and isinstance(value, str):
        _bounds(meta, len(value), value, where, "length", found)
        pattern = _pattern(meta["pattern"]) if "pattern" in meta else None
        if pattern is not None and not pattern.fullmatch(value):
            found.append(f"Value {_value(value)} at '{where}' failed to satisfy constraint: "
                         f"Member must satisfy regular expression pattern: {meta['pattern']}")
        if shape.enum and value not in shape.enum:
            found.append(f"Value {_value(value)} at '{where}' failed to satisfy constraint: "
                         f"Member must satisfy enum value set: [{', '.join(shape.enum)}]")
    elif shape.type_name in ("integer", "long") and isinstance(value, int):
        _bounds(meta, value, value, where, "value", found)


def _check(shape: Shape, value: Any, where: str, found: list[str]) -> None:
    if shape.type_name == "structure":
        members = value if isinstance(value, dict) else {}
        for name in shape.required_members:
            if members.get(name) is None:
                found.append(f"Value null at '{_join(where, name)}' failed to satisfy "
                             "constraint: Member must not be null")
        for name, member in shape.members.items():
            if members.get(name) is not None:
                _check(member, members[name], _join(where, name), found)
    elif shape.type_name == "list" and isinstance(value, list):
        _bounds(shape.metadata, len(value), value, where, "length", found)
        for index, item in enumerate(value, start=1):
            _check(shape.member, item, f"{where}.{index}.member", found)
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            _check(shape.key, key, f"{where}.{key}.key", found)
            _check(shape.value, item, f"{where}.{key}.value", found)
    else:
        _check_scalar(shape, value, where, found)


def _join(where: str, name: str) -> str:
    return f"{where}.{_lower_first(name)}" if where else _lower_first(name)


def _check_paths(input_shape: Shape, params: dict[str, Any]) -> None:
    """AWS's own answer for a Path (of the right length) that is no path."""
    for name, member in input_shape.members.items():
        value = params.get(name)
        if member.name != _PATH_SHAPE or not isinstance(value, str):
            continue
        pattern = _pattern(member.metadata["pattern"])
        if (member.metadata["min"] <= len(value) <= member.metadata["max"]
                and pattern is not None and not pattern.fullmatch(value)):
            raise WireError("ValidationError", _PATH_MESSAGE)


def validate(input_shape: Shape | None, params: dict[str, Any]) -> None:
    """ValidationError naming every constraint the parameters break (AWS lists up to ten)."""
    if input_shape is None:
        return
    _check_paths(input_shape, params)
    found: list[str] = []
    _check(input_shape, params, "", found)
    if not found:
        return
    count = len(found)
    noun = "validation error" if count == 1 else "validation errors"
    raise WireError("ValidationError",
                    f"{count} {noun} detected: {'; '.join(found[:_MAX_REPORTED])}")
