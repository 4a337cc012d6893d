"""AWS's own wording of a refused policy document, for AWS's API (the /aws endpoint).

IAM answers MalformedPolicyDocument with one terse sentence ("Syntax errors in policy.",
"Policy statement must contain actions."...) chosen by the order in which it checks a
document. Our validator decides whether a document is refused and says where and why; this
module only words the refusal as AWS does. The reference for AWS's wording and order is
moto's validator (pinned), which was written against IAM's answers: it words identity and
trust policies; where it finds nothing to say (our validator is stricter, or the document is
of another type) the first of our findings in AWS's order of checks gives the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from moto.iam.exceptions import MalformedPolicyDocument as MotoMalformed
from moto.iam.policy_validation import (
    BaseIAMPolicyValidator,
    IAMPolicyDocumentValidator,
    IAMTrustPolicyDocumentValidator,
)

from .grammar import IAM_STORED

SYNTAX = "Syntax errors in policy."
VERSION = "Policy document must be version 2012-10-17 or greater."
LEGACY = "The policy failed legacy parsing"
ACTIONS = "Policy statement must contain actions."
RESOURCES = "Policy statement must contain resources."

# Our finding codes in the order IAM checks a document, with IAM's sentence for each.
_BY_CODE: tuple[tuple[str, str], ...] = (
    *((code, SYNTAX) for code in (
        "EmptyDocument", "InvalidJson", "InvalidCharacter", "DocumentTooLong", "NotAnObject",
        "DuplicateKey", "UnknownElement", "InvalidId", "MissingStatement", "InvalidStatement",
        "EmptyStatement", "NullElement", "ConflictingElements", "MissingEffect", "InvalidEffect",
        "InvalidType", "InvalidCondition", "InvalidConditionOperator")),
    ("InvalidVersion", VERSION),
    ("MissingVersion", VERSION),
    ("InvalidConditionValue", LEGACY),
    ("DuplicateSid", "Statement IDs (SID) in a single policy must be unique."),
    ("InvalidSid", "Statement IDs (SID) must be alpha-numeric. Check that your input "
                   "satisfies the regular expression [0-9A-Za-z]*"),
    ("MissingAction", ACTIONS),
    ("EmptyList:Action", ACTIONS),
    ("EmptyList:NotAction", ACTIONS),
    ("EmptyString:Action", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, "
                           "ec2, etc."),
    ("EmptyString:NotAction", "Actions/Conditions must be prefaced by a vendor, e.g., iam, "
                              "sdb, ec2, etc."),
    ("EmptyString", 'Resource  must be in ARN format or "*".'),
    ("InvalidResource", LEGACY),
    ("InvalidAction", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, "
                      "etc."),
    ("MissingResource", RESOURCES),
    ("EmptyList", RESOURCES),
    ("PrincipalNotAllowed", "Policy document should not specify a principal."),
    ("MissingPrincipal", "Missing required field Principal"),
    ("InvalidPrincipal", "Invalid principal in policy"),
    ("ResourceNotAllowed", "Has prohibited field Resource."),
    ("InvalidTrustAction", "Trust Policy statement actions can only be sts:AssumeRole, "
                           "sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity"),
)
_RANK = {code: rank for rank, (code, _) in enumerate(_BY_CODE)}
_SENTENCE = dict(_BY_CODE)


def _reference(document: str, policy_type: str | None) -> BaseIAMPolicyValidator | None:
    if policy_type in IAM_STORED:
        return IAMPolicyDocumentValidator(document)
    if policy_type == "trust":
        return IAMTrustPolicyDocumentValidator(document)
    return None


def _referenced(document: str | None, policy_type: str | None) -> str | None:
    """The reference's sentence for a document it refuses, else None."""
    validator = None if document is None else _reference(document, policy_type)
    if validator is None:
        return None
    try:
        validator.validate()
    except MotoMalformed as exc:
        return str(exc.message)
    except Exception:  # the reference trips on input it never expected: use our findings
        return None
    return None


def _key(finding: Mapping[str, Any]) -> str:
    specific = f"{finding.get('code')}:{finding.get('element')}"
    return specific if specific in _RANK else str(finding.get("code"))


def aws_message(document: str | None, policy_type: str | None,
                findings: Iterable[Mapping[str, Any]]) -> str:
    """IAM's sentence for a refused document, from the document or our findings (dicts)."""
    referenced = _referenced(document, policy_type)
    if referenced:
        return referenced
    errors = [f for f in findings if f.get("severity", "error") == "error"]
    if not errors:
        return SYNTAX
    first = min(errors, key=lambda f: _RANK.get(_key(f), len(_RANK)))
    return _SENTENCE.get(_key(first), SYNTAX)


def detail_text(findings: Iterable[Mapping[str, Any]]) -> str:
    """Our findings for people: one refusal a line, with its field, statement, element,
    line and column."""
    lines = []
    for finding in findings:
        if finding.get("severity", "error") != "error":
            continue
        where = [f"line {finding.get('line')}, column {finding.get('column')}"]
        if finding.get("element"):
            where.insert(0, str(finding["element"]))
        if finding.get("statement_index") is not None:
            where.insert(0, f"statement {finding['statement_index'] + 1}")
        if finding.get("field"):
            where.insert(0, str(finding["field"]))
        lines.append(f"{', '.join(where)}: {finding.get('message')}")
    return "\n".join(lines)
