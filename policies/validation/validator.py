"""Grammar validation of policy documents for every policy type (evaluation.md section 5)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .findings import PolicyType, ValidationReport
from .grammar import allowed_characters_problem
from .jsonpos import JsonSyntaxError, Node, parse
from .lint import DEFAULT_RULES
from .statements import StatementChecker

MAX_DOCUMENT_LENGTH = 131_072


def policy_size(text: str) -> int:
    """Characters counted against AWS's size quotas: everything but whitespace."""
    return sum(1 for ch in text if not ch.isspace())


def validate_policy(
    text: str,
    policy_type: PolicyType,
    *,
    max_size: int | None = None,
    lint_rules: Sequence[Any] | None = None,
) -> ValidationReport:
    """Validate a policy document's text for one policy type; never raises on bad input."""
    if not isinstance(text, str):
        raise TypeError("validate_policy expects the document as text")
    checker = StatementChecker(text, policy_type)
    size = policy_size(text)
    if not text.strip():
        checker.error("EmptyDocument", "The policy document is empty.", None)
        return ValidationReport(policy_type, tuple(checker.findings), None, size)
    if len(text) > MAX_DOCUMENT_LENGTH:
        checker.error("DocumentTooLong", f"The document has {len(text):,} characters; the "
                      f"maximum is {MAX_DOCUMENT_LENGTH:,}.", None)
    bad = allowed_characters_problem(text)
    if bad is not None:
        checker.error("InvalidCharacter", f"The character {text[bad]!r} is not allowed: use "
                      "tab, line feed, carriage return and U+0020 to U+00FF only.",
                      Node("string", None, bad, bad + 1))
    try:
        root = parse(text)
    except JsonSyntaxError as exc:
        checker.error("InvalidJson", f"The document is not valid JSON: {exc.message}",
                      Node("string", None, exc.offset, exc.offset + 1))
        return ValidationReport(policy_type, tuple(checker.findings), None, size)
    if max_size is not None and size > max_size:
        checker.error("PolicySizeExceeded", f"The policy has {size:,} characters excluding "
                      f"whitespace; the maximum is {max_size:,}.", root)
    statements = checker.check_document(root)
    sids: dict[str, int] = {}
    for index, statement in statements:
        checker.check_statement(index, statement, sids)
    for rule in DEFAULT_RULES if lint_rules is None else lint_rules:
        rule.check(checker, root, statements)
    checker.findings.sort(key=lambda f: (f.line, f.column, f.severity != "error"))
    document = root.value if root.kind == "object" else None
    return ValidationReport(policy_type, tuple(checker.findings), document, size)
