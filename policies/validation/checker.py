"""The checker's core: findings located by line and column, and string-list elements."""

from __future__ import annotations

from ..engine.positions import LineIndex
from .findings import Finding, PolicyType, Severity
from .jsonpos import Node


class Checker:
    """Collects findings while walking one parsed document."""

    def __init__(self, text: str, policy_type: PolicyType):
        self.text = text
        self.policy_type = policy_type
        self.lines = LineIndex(text)
        self.findings: list[Finding] = []
        self.uses_variables = False

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        node: Node | None,
        statement: int | None = None,
        element: str | None = None,
    ) -> None:
        start, end = (node.start, node.end) if node is not None else (0, len(self.text))
        first, last = self.lines.position(start), self.lines.position(max(end, start))
        self.findings.append(
            Finding(severity, code, message, statement, element, first.line, first.column,
                    last.line, last.column)
        )

    def error(self, code: str, message: str, node: Node | None, statement: int | None = None,
              element: str | None = None) -> None:
        self.add("error", code, message, node, statement, element)

    def warn(self, code: str, message: str, node: Node | None, statement: int | None = None,
             element: str | None = None) -> None:
        self.add("warning", code, message, node, statement, element)

    def string_list(self, index: int, name: str, node: Node, nulls: bool = False) -> list[Node]:
        """The string items of a string-or-list element, reporting anything else.

        With `nulls`, null entries are only warned about: IAM accepts and ignores them in
        Resource and NotResource lists."""
        if node.kind == "string":
            items = [node]
        elif node.kind == "array":
            if all(item.kind == "null" for item in node.items) if nulls else not node.items:
                self.error("EmptyList", f"{name} must not be an empty list.", node, index, name)
            items = node.items
        else:
            self.error("InvalidType", f"{name} must be a string or a list of strings.", node,
                       index, name)
            return []
        good = []
        for item in items:
            if nulls and item.kind == "null":
                self.warn("NullEntry", f"This null {name} entry is ignored: remove it.", item,
                          index, name)
            elif item.kind != "string":
                self.error("InvalidType", f"Every {name} entry must be a string.", item, index,
                           name)
            elif not item.value:
                self.error("EmptyString", f"{name} entries must not be empty.", item, index, name)
            else:
                good.append(item)
        return good

    @staticmethod
    def string_list_quiet(node: Node | None) -> list[Node]:
        if node is None:
            return []
        items = node.items if node.kind == "array" else [node]
        return [i for i in items if i.kind == "string"]
