"""ValidatePolicy (IAM Access Analyzer): a policy document's findings for its policy type,
with line and column, as the policy editor shows them while you type."""

from __future__ import annotations

from dataclasses import dataclass

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, register

from ..validation import POLICY_TYPES, ValidationReport, validate_policy


@register
@dataclass(kw_only=True, eq=False)
class ValidatePolicy(Operation):
    """ValidatePolicy: the errors, warnings and suggestions of a document, by the rules of its
    policy type (identity, boundary, session, resource, scp, rcp, endpoint). A document that
    is not valid JSON or too long is a finding, not an error."""

    service = "access-analyzer"
    read_only = True
    policy_document: str
    policy_type: str = "identity"

    def validate(self) -> None:
        if self.policy_type not in POLICY_TYPES:
            raise InvalidInput(f"policy_type must be one of {', '.join(POLICY_TYPES)}.",
                               field="policy_type")
        if not isinstance(self.policy_document, str):
            raise InvalidInput("policy_document must be the document's text.",
                               field="policy_document")

    def perform(self) -> ValidationReport:
        return validate_policy(self.policy_document, self.policy_type)  # type: ignore[arg-type]
