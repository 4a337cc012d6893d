"""Checks of a simulation's input: documents validated per policy type, safe text, labels."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from iamconsole.exceptions import InvalidInput, MalformedPolicyDocument
from policies.validation import validate_policy

if TYPE_CHECKING:
    from .inputs import SimulationInput

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: Any, path: str = "") -> None:
    """Refuse lone UTF-16 surrogates (JSON "\\ud800"): they are no text and cannot be echoed."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise InvalidInput(f"{path or 'The body'}: contains characters that are not valid "
                               "Unicode text.", field=path or None)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_text(key, path or "body")
            check_text(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_text(item, f"{path}[{index}]")


def printable(text: str) -> str:
    """Text safe to send back: lone UTF-16 surrogates (a "\\ud84b" escape decoded on its own
    inside a document) become visible escapes instead of breaking the UTF-8 response."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def supplied_documents(simulation: SimulationInput) -> list[tuple[str, str, str]]:
    """(input path, text, validator policy type) of every document the caller supplied."""
    docs = [(f"policy_input_list[{i}]", t, "identity")
            for i, t in enumerate(simulation.policy_input_list)]
    docs += [(f"permissions_boundary_policy_input_list[{i}]", t, "boundary")
             for i, t in enumerate(simulation.permissions_boundary_policy_input_list)]
    if simulation.session_policy is not None:
        docs.append(("session_policy", simulation.session_policy, "session"))
    if simulation.resource_policy is not None:
        docs.append(("resource_policy", simulation.resource_policy, "resource"))
    for kind, levels in (("scp", simulation.scp_levels), ("rcp", simulation.rcp_levels)):
        for level, texts in enumerate(levels or ()):
            docs += [(f"{kind}_levels[{level}][{i}]", t, kind) for i, t in enumerate(texts)]
    docs += [(f"endpoint_policies[{i}]", t, "endpoint")
             for i, t in enumerate(simulation.endpoint_policies)]
    return docs


def validate_documents(docs: Sequence[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """Validate each document for its policy type; raise MalformedPolicyDocument on errors.

    The error names the first faulty input (`policy_input_list[1]`) with the validator's
    message, line and column; `details` lists every error of every input. Warnings are
    returned, each with its `field`.
    """
    errors: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for path, text, policy_type in docs:
        report = validate_policy(text, policy_type)  # type: ignore[arg-type]
        for finding in report.findings:
            item = {key: printable(value) if isinstance(value, str) else value
                    for key, value in {"field": path, **finding.as_dict()}.items()}
            (errors if finding.severity == "error" else warnings).append(item)
    if errors:
        first = errors[0]
        raise MalformedPolicyDocument(
            f"{first['field']}: {first['message']} (line {first['line']}, "
            f"column {first['column']})",
            field=first["field"],
            details=errors,
        )
    return warnings


_LABEL_PATTERNS = (
    (re.compile(r"^policy_input_list\[(\d+)\]$"), "Policy {0}"),
    (re.compile(r"^permissions_boundary_policy_input_list\[0\]$"), "Permissions boundary"),
    (re.compile(r"^scp_levels\[(\d+)\]\[(\d+)\]$"), "SCP level {0}, policy {1}"),
    (re.compile(r"^rcp_levels\[(\d+)\]\[(\d+)\]$"), "RCP level {0}, policy {1}"),
    (re.compile(r"^endpoint_policies\[(\d+)\]$"), "VPC endpoint policy {0}"),
    (re.compile(r"^session_policy$"), "Session policy"),
    (re.compile(r"^resource_policy$"), "Resource-based policy"),
)


def document_label(path: str) -> str:
    """`scp_levels[1][0]` -> `SCP level 2, policy 1`: an input path as people count."""
    for pattern, template in _LABEL_PATTERNS:
        match = pattern.match(path)
        if match:
            return template.format(*(int(g) + 1 for g in match.groups()))
    return path


