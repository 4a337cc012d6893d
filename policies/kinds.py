"""Managed policies as a kind of resource (see accounts.kinds): found by ARN, taggable when
customer-managed."""

from __future__ import annotations

from accounts.kinds import Kind

from .models import ManagedPolicy
from .selectors import policy_get

POLICY = Kind(
    "policy", "Policy", "policy", ManagedPolicy,
    lambda account, arn: policy_get(account=account, arn=arn), "policy_arn",
    named_by_arn=True, taggable=True,
)
