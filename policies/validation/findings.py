"""Findings and the validation report: what is wrong, where, and how bad."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from iamconsole.exceptions import MalformedPolicyDocument

Severity = Literal["error", "warning", "suggestion"]
PolicyType = Literal[
    "identity", "boundary", "session", "trust", "resource", "scp", "rcp", "endpoint"
]
POLICY_TYPES: tuple[str, ...] = (
    "identity", "boundary", "session", "trust", "resource", "scp", "rcp", "endpoint",
)


@dataclass(frozen=True)
class Finding:
    """One problem in a policy document, located by statement, element and text span."""

    severity: Severity
    code: str
    message: str
    statement_index: int | None
    element: str | None
    line: int
    column: int
    end_line: int
    end_column: int

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON responses and templates."""
        return asdict(self)

    @property
    def location(self) -> str:
        """A short human description of where the finding is."""
        parts = [f"line {self.line}, column {self.column}"]
        if self.statement_index is not None:
            parts.insert(0, f"statement {self.statement_index + 1}")
        if self.element:
            parts.insert(1 if self.statement_index is not None else 0, self.element)
        return ", ".join(parts)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one document: findings, the parsed document, its size."""

    policy_type: str
    findings: tuple[Finding, ...]
    document: dict[str, Any] | None
    size: int

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity != "error")

    @property
    def ok(self) -> bool:
        """True when nothing blocks saving the document (warnings are allowed)."""
        return not self.errors

    def raise_if_invalid(self) -> None:
        """Raise MalformedPolicyDocument naming the first error, with every finding attached."""
        if self.ok:
            return

        first = self.errors[0]
        raise MalformedPolicyDocument(
            f"{first.message} ({first.location})",
            field="policy_document",
            details=[f.as_dict() for f in self.findings],
        )
