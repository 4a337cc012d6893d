"""The base of operations on one managed policy, named by its ARN as AWS names it."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.operations.entities import EntityOperation
from iamconsole.exceptions import InvalidInput

from ..kinds import POLICY

ARN_MIN, ARN_MAX = 20, 2048  # AWS's arnType


def validate_policy_arn(arn: object, field: str = "policy_arn") -> None:
    """InvalidInput unless `arn` looks like an ARN of AWS's length (20 to 2,048 characters)."""
    parts = arn.split(":", 5) if isinstance(arn, str) else []
    if len(parts) != 6 or parts[0] != "arn" or not parts[5]:
        raise InvalidInput(f"{arn!r} is not an ARN.", field=field)
    if not ARN_MIN <= len(arn) <= ARN_MAX:  # type: ignore[arg-type]
        raise InvalidInput(f"A policy ARN has {ARN_MIN} to {ARN_MAX} characters.", field=field)


@dataclass(kw_only=True, eq=False)
class PolicyOperation(EntityOperation):
    """An operation on the account's own or an AWS-managed policy, named by policy_arn.

    Writes are authorized on the policy's ARN first: AWS refuses every change to an
    AWS-managed policy there (AccessDenied, even to an administrator), and the services
    refuse it again (UnmodifiableEntity).
    """

    kind = POLICY
    policy_arn: str

    def validate(self) -> None:
        validate_policy_arn(self.policy_arn)
        super().validate()
