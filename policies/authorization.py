"""The one seam between Django and the evaluation engine: may this principal do this?

Every console view and API endpoint declares the IAM operation it performs as an `Operation`
(action and resource ARN, as AWS uses them) and calls `authorize()` before doing it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from accounts.principal import Principal
from iamconsole.exceptions import AccessDenied


@dataclass(frozen=True)
class Operation:
    """An IAM action on a resource ARN (or "*"), with request-specific context keys."""

    action: str
    resource: str = "*"
    context: Mapping[str, str | Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The outcome of an authorization check, with AWS's denial sentence when denied."""

    allowed: bool
    decision: str  # "allowed" | "implicitDeny" | "explicitDeny"
    message: str = ""


def _resource_account(resource: str) -> str | None:
    parts = resource.split(":", 5)
    return parts[4] if len(parts) == 6 and parts[0] == "arn" else None


def check(principal: Principal | None, operation: Operation) -> Decision:
    """Decide whether `principal` may perform `operation`, without raising.

    The account's root user has implicit full access to its own account's resources
    (evaluation.md 3.5); no organization policies apply here, so nothing can deny it there.
    """
    if principal is None:
        return Decision(False, "implicitDeny", "You are not signed in.")
    account = _resource_account(operation.resource)
    own = account in (None, "", principal.account_id)
    if principal.is_root and own:
        return Decision(True, "allowed")
    return Decision(
        False,
        "implicitDeny",
        f"User: {principal.arn} is not authorized to perform: "
        f"{operation.action} on resource: {operation.resource} because no identity-based "
        f"policy allows the {operation.action} action",
    )


def authorize(principal: Principal | None, operation: Operation) -> None:
    """Raise AccessDenied with AWS's message unless `principal` may perform `operation`."""
    decision = check(principal, operation)
    if not decision.allowed:
        raise AccessDenied(decision.message)
