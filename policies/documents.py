"""Checking a policy document before it is stored: validation, exact text, parse and size."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iamconsole.exceptions import InvalidInput, MalformedPolicyDocument
from policies.validation import validate_policy


@dataclass(frozen=True)
class CheckedDocument:
    """A valid document: the author's exact text, its parsed JSON and its size.

    `size` counts characters excluding whitespace, as AWS's quotas do; `warnings` are the
    validator's non-blocking findings as dicts.
    """

    text: str
    document: dict[str, Any]
    size: int
    warnings: tuple[dict[str, Any], ...]


def document_text(document: str | Mapping[str, Any]) -> str:
    """The text to store: a string as given, an object serialized with four-space indents."""
    if isinstance(document, str):
        return document
    if isinstance(document, Mapping):
        return json.dumps(document, indent=4)
    raise InvalidInput("A policy document is a JSON text or object.", field="policy_document")


def check_document(
    document: str | Mapping[str, Any],
    *,
    policy_type: str,
    max_size: int | None = None,
    field: str = "policy_document",
) -> CheckedDocument:
    """Validate a document for `policy_type`; raise MalformedPolicyDocument with every finding.

    The exception's `details` carry each finding with its statement, element, line and column.
    """
    text = document_text(document)
    report = validate_policy(text, policy_type, max_size=max_size)  # type: ignore[arg-type]
    try:
        report.raise_if_invalid()
    except MalformedPolicyDocument as exc:
        exc.field = field
        exc.document, exc.policy_type = text, policy_type
        raise
    assert report.document is not None
    return CheckedDocument(
        text=text,
        document=report.document,
        size=report.size,
        warnings=tuple(f.as_dict() for f in report.warnings),
    )
