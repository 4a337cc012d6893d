"""Typed reading of an authorization-details file, each value knowing its JSON path."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, NoReturn
from urllib.parse import unquote

from iamconsole import jsontext
from iamconsole.exceptions import IamError, InvalidInput


class MalformedAuthorizationDetails(InvalidInput):
    """A file that is not GetAccountAuthorizationDetails output; `field` is the JSON path.

    `details` is {"file": <file name or "">, "path": "$.RoleDetailList[3]..."}.
    """


def refuse(source: str, path: str, problem: str) -> NoReturn:
    """Raise MalformedAuthorizationDetails naming the file and the JSON path of the problem."""
    where = f"{path} in {source}" if source else path
    error = MalformedAuthorizationDetails(
        f"{where}: {problem}", field=path, details={"file": source, "path": path}
    )
    error.json_path = path  # type: ignore[attr-defined]
    raise error


def located(exc: IamError, source: str, path: str) -> IamError:
    """A copy of a service's domain error (same class and code) that names the file's entry.

    `field` becomes the JSON path; the service's own field and details move into `details`.
    """
    if getattr(exc, "json_path", None):
        return exc
    where = f"{path} in {source}" if source else path
    error = type(exc)(
        f"{where}: {exc.message}",
        field=path,
        details={"file": source, "path": path, "field": exc.field, "details": exc.details},
    )
    error.json_path = path  # type: ignore[attr-defined]
    return error


_MISSING = object()


class Node:
    """A value of the file with its JSON path; accessors check types and refuse with the path."""

    __slots__ = ("path", "source", "value")

    def __init__(self, value: Any, path: str = "$", source: str = "") -> None:
        self.value = value
        self.path = path
        self.source = source

    def fail(self, problem: str) -> NoReturn:
        """Refuse the file at this node."""
        refuse(self.source, self.path, problem)

    def has(self, key: str) -> bool:
        """True when this object has `key` (even with a null value)."""
        return isinstance(self.value, dict) and key in self.value

    def get(self, key: str, *, required: bool = True) -> Node | None:
        """The member `key` of this object; refuses when a required member is absent or null."""
        if not isinstance(self.value, dict):
            self.fail("expected a JSON object")
        value = self.value.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                refuse(self.source, f"{self.path}.{key}", "this member is required")
            return None
        return Node(value, f"{self.path}.{key}", self.source)

    def items(self, key: str) -> list[Node]:
        """The elements of the list member `key` (absent or null: no elements)."""
        node = self.get(key, required=False)
        if node is None:
            return []
        if not isinstance(node.value, list):
            node.fail("expected a list")
        return [Node(v, f"{node.path}[{i}]", self.source) for i, v in enumerate(node.value)]

    def text(self) -> str:
        """This value as a string."""
        if not isinstance(self.value, str):
            self.fail("expected a string")
        return self.value

    def str_of(self, key: str, *, required: bool = True, default: str = "") -> str:
        """The string member `key`."""
        node = self.get(key, required=required)
        return default if node is None else node.text()

    def bool_of(self, key: str, *, default: bool = False) -> bool:
        """The boolean member `key`."""
        node = self.get(key, required=False)
        if node is None:
            return default
        if not isinstance(node.value, bool):
            node.fail("expected true or false")
        return node.value

    def int_of(self, key: str) -> int | None:
        """The integer member `key`, or None."""
        node = self.get(key, required=False)
        if node is None:
            return None
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            node.fail("expected a whole number")
        return node.value

    def date_of(self, key: str, *, required: bool = False) -> datetime | None:
        """The ISO-8601 time member `key` (`Z` or an offset; none means UTC), whole seconds."""
        node = self.get(key, required=required)
        if node is None:
            return None
        try:
            moment = datetime.fromisoformat(node.text())
        except ValueError:
            node.fail("expected an ISO-8601 time such as 2021-03-02T21:06:13+00:00")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        # AWS's dates have whole seconds; keeping them so makes re-imports compare equal.
        return moment.astimezone(UTC).replace(microsecond=0)

    def tags_of(self, key: str = "Tags") -> dict[str, str]:
        """Tags given as [{"Key": ..., "Value": ...}] (absent: none)."""
        tags: dict[str, str] = {}
        for tag in self.items(key):
            tags[tag.str_of("Key")] = tag.str_of("Value", required=False)
        return tags

    def document_of(self, key: str) -> str:
        """A policy document member: a JSON object, or its text plain or URL-encoded.

        Returns the text to store: the decoded text as given, or an object serialized with
        four-space indents (the AWS CLI prints decoded documents as objects).
        """
        node = self.get(key)
        assert node is not None
        value = node.value
        if isinstance(value, dict):
            return json.dumps(value, indent=4)
        if not isinstance(value, str) or not value.strip():
            node.fail("expected a policy document: a JSON object, or its text plain or "
                      "URL-encoded")
        text = value if value.lstrip().startswith("{") else unquote(value)
        try:
            parsed = jsontext.loads(text)
        except ValueError as exc:
            detail = getattr(exc, "msg", str(exc))
            where = (
                f" at line {exc.lineno}, column {exc.colno}"
                if isinstance(exc, json.JSONDecodeError) else ""
            )
            node.fail(f"the policy document is not JSON ({detail}{where})")
        if not isinstance(parsed, dict):
            node.fail("a policy document is a JSON object")
        return text


def load_json(raw: bytes | str, source: str = "") -> Node:
    """Parse a file's bytes as JSON into the root node, refusing with line and column."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            refuse(source, "$", "the file is not UTF-8 text")
    try:
        value = jsontext.loads(raw)
    except json.JSONDecodeError as exc:
        refuse(source, "$", f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    root = Node(value, "$", source)
    if not isinstance(value, dict):
        root.fail("expected the JSON object that get-account-authorization-details prints")
    return root
