"""A strict JSON parser that remembers where every value starts and ends in the source text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_MAX_DEPTH = 64
_WHITESPACE = " \t\n\r"
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


# Far beyond any number a policy's grammar compares (IAM compares numbers as decimals), and
# short enough never to reach Python's limit on converting digits.
MAX_NUMBER_LENGTH = 64


class JsonSyntaxError(ValueError):
    """The text is not valid JSON; `offset` is where the parser stopped."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class Node:
    """One JSON value with its span [start, end) as character offsets in the source text."""

    kind: str  # "object" | "array" | "string" | "number" | "bool" | "null"
    value: Any
    start: int
    end: int
    # For objects: (key node, value node) pairs in source order, duplicates kept.
    members: list[tuple[Node, Node]] = field(default_factory=list)
    # For arrays: the item nodes.
    items: list[Node] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        """The value node of the last member named `key` (JSON's usual last-wins rule)."""
        found = None
        for key_node, value_node in self.members:
            if key_node.value == key:
                found = value_node
        return found

    def key_node(self, key: str) -> Node | None:
        """The key node of the last member named `key`."""
        found = None
        for key_node, _ in self.members:
            if key_node.value == key:
                found = key_node
        return found


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def fail(self, message: str, offset: int | None = None) -> JsonSyntaxError:
        return JsonSyntaxError(message, self.pos if offset is None else offset)

    def skip_ws(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in _WHITESPACE:
            pos += 1
        self.pos = pos

    def parse_document(self) -> Node:
        self.skip_ws()
        if self.pos >= len(self.text):
            raise self.fail("The policy document is empty.")
        node = self.parse_value(0)
        self.skip_ws()
        if self.pos < len(self.text):
            raise self.fail("Unexpected text after the end of the JSON document.")
        return node

    def parse_value(self, depth: int) -> Node:
        if depth > _MAX_DEPTH:
            raise self.fail(f"The document nests deeper than {_MAX_DEPTH} levels.")
        if self.pos >= len(self.text):
            raise self.fail("Unexpected end of the document: a value is missing.")
        ch = self.text[self.pos]
        if ch == "{":
            return self.parse_object(depth)
        if ch == "[":
            return self.parse_array(depth)
        if ch == '"':
            return self.parse_string()
        if ch == "-" or ch.isdigit():
            return self.parse_number()
        for literal, kind, value in (("true", "bool", True), ("false", "bool", False),
                                     ("null", "null", None)):
            if self.text.startswith(literal, self.pos):
                start = self.pos
                self.pos += len(literal)
                return Node(kind, value, start, self.pos)
        raise self.fail(f"Unexpected character {ch!r}: expected a JSON value.")

    def parse_object(self, depth: int) -> Node:
        start = self.pos
        self.pos += 1
        node = Node("object", {}, start, start)
        self.skip_ws()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            node.end = self.pos
            return node
        while True:
            self.skip_ws()
            if not self.text.startswith('"', self.pos):
                raise self.fail("Expected a double-quoted property name.")
            key = self.parse_string()
            self.skip_ws()
            if not self.text.startswith(":", self.pos):
                raise self.fail("Expected ':' after the property name.")
            self.pos += 1
            self.skip_ws()
            value = self.parse_value(depth + 1)
            node.members.append((key, value))
            node.value[key.value] = value.value
            self.skip_ws()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                self.skip_ws()
                if self.text.startswith("}", self.pos):
                    raise self.fail("Trailing comma before '}'.")
                continue
            if self.text.startswith("}", self.pos):
                self.pos += 1
                node.end = self.pos
                return node
            raise self.fail("Expected ',' or '}' after a property value.")

    def parse_array(self, depth: int) -> Node:
        start = self.pos
        self.pos += 1
        node = Node("array", [], start, start)
        self.skip_ws()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            node.end = self.pos
            return node
        while True:
            self.skip_ws()
            item = self.parse_value(depth + 1)
            node.items.append(item)
            node.value.append(item.value)
            self.skip_ws()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                self.skip_ws()
                if self.text.startswith("]", self.pos):
                    raise self.fail("Trailing comma before ']'.")
                continue
            if self.text.startswith("]", self.pos):
                self.pos += 1
                node.end = self.pos
                return node
            raise self.fail("Expected ',' or ']' after an array item.")

    def parse_string(self) -> Node:
        start = self.pos
        text = self.text
        pos = start + 1
        chunks: list[str] = []
        while True:
            if pos >= len(text):
                raise self.fail("Unterminated string.", start)
            ch = text[pos]
            if ch == '"':
                self.pos = pos + 1
                return Node("string", "".join(chunks), start, self.pos)
            if ch == "\\":
                escape = text[pos + 1 : pos + 2]
                if escape in _ESCAPES:
                    chunks.append(_ESCAPES[escape])
                    pos += 2
                    continue
                if escape == "u":
                    code = self.hex4(pos)
                    pos += 6
                    if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", pos):
                        low = self.hex4(pos)
                        if 0xDC00 <= low <= 0xDFFF:
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            pos += 6
                    if 0xD800 <= code <= 0xDFFF:
                        # A lone surrogate is no character at all; nothing could display it.
                        raise self.fail("Invalid \\u escape: a lone UTF-16 surrogate.", pos - 6)
                    if code < 0x20 and chr(code) not in "\t\n\r":
                        # AWS accepts only tab, line feed and carriage return below U+0020,
                        # and databases refuse NUL in text.
                        raise self.fail(f"Invalid \\u escape: control character U+{code:04X} "
                                        "is not allowed in a policy.", pos - 6)
                    chunks.append(chr(code))
                    continue
                raise self.fail("Invalid escape sequence in a string.", pos)
            if ch < " ":
                raise self.fail("Control characters must be escaped inside strings.", pos)
            chunks.append(ch)
            pos += 1

    def hex4(self, pos: int) -> int:
        """The value of the four hex digits of a \\u escape starting at `pos`."""
        digits = self.text[pos + 2 : pos + 6]
        if len(digits) != 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            raise self.fail("Invalid \\u escape in a string.", pos)
        return int(digits, 16)

    def parse_number(self) -> Node:
        start = self.pos
        text = self.text
        pos = start
        if text.startswith("-", pos):
            pos += 1
        if text.startswith("0", pos):
            pos += 1
        elif pos < len(text) and text[pos].isdigit():
            while pos < len(text) and text[pos].isdigit():
                pos += 1
        else:
            raise self.fail("Invalid number.", start)
        is_float = False
        if text.startswith(".", pos):
            is_float = True
            pos += 1
            if not (pos < len(text) and text[pos].isdigit()):
                raise self.fail("Invalid number: digits expected after '.'.", start)
            while pos < len(text) and text[pos].isdigit():
                pos += 1
        if pos < len(text) and text[pos] in "eE":
            is_float = True
            pos += 1
            if pos < len(text) and text[pos] in "+-":
                pos += 1
            if not (pos < len(text) and text[pos].isdigit()):
                raise self.fail("Invalid number: digits expected in the exponent.", start)
            while pos < len(text) and text[pos].isdigit():
                pos += 1
        raw = text[start:pos]
        if len(raw) > MAX_NUMBER_LENGTH:
            raise self.fail(f"Invalid number: a number has at most {MAX_NUMBER_LENGTH} "
                            "characters.", start)
        self.pos = pos
        return Node("number", float(raw) if is_float else int(raw), start, pos)


def parse(text: str) -> Node:
    """Parse strict JSON text into a Node tree; raises JsonSyntaxError with an offset."""
    return _Parser(text).parse_document()
