"""Validation and lint of policy documents, with findings located by statement, line and column.

Django-free: it uses the standard library and the engine's service reference only
(`aws_wording.py`, for AWS's API only, also reads moto's validator as the reference for IAM's
wording; it is not imported here).
"""

from .findings import POLICY_TYPES, Finding, PolicyType, ValidationReport
from .jsonpos import JsonSyntaxError, Node, parse
from .lint import DEFAULT_RULES, LintRule
from .validator import policy_size, validate_policy

__all__ = [
    "DEFAULT_RULES",
    "POLICY_TYPES",
    "Finding",
    "JsonSyntaxError",
    "LintRule",
    "Node",
    "PolicyType",
    "ValidationReport",
    "parse",
    "policy_size",
    "validate_policy",
]
