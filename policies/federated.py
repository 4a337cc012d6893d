"""Deciding a federated sign-in (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): the caller
is an identity provider's user, not an IAM principal, so the role's trust policy alone
decides, with the provider as the principal (`"Federated": "<provider ARN>"`, or a web
identity provider's name such as `cognito-identity.amazonaws.com`) and the token's claims
as condition keys."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from accounts.models import Role

from .authorization import Decision, Requirement
from .engine import AuthorizationRequest, evaluate


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_federated(
    provider: str,
    requirement: Requirement,
    context: Mapping[str, Any],
    *,
    now: datetime | None = None,
) -> Decision:
    """Whether the role named by `requirement.resource` trusts `provider` for the action,
    with `context` (the claims' keys, aws:FederatedProvider...) and the requirement's own
    keys. The claims' keys are kept whatever the service reference lists (a provider's
    `<host>:sub` is named after the provider), as AWS sets them."""
    now = now or datetime.now(UTC)
    denied = Decision(False, "implicitDeny", f"Not authorized to perform {requirement.action}")
    role = Role.objects.filter(arn=requirement.resource).only(
        "trust_policy", "account__account_id").select_related("account").first()
    if role is None or not role.trust_policy:
        return denied
    result = evaluate(AuthorizationRequest(
        principal=provider, action=requirement.action, resource=requirement.resource,
        resource_account=role.account.account_id,
        context={"aws:CurrentTime": _iso(now), "aws:EpochTime": str(int(now.timestamp())),
                 **context, **requirement.context},
        resource_policy=role.trust_policy, filter_context_keys=False,
    ))
    if not result.allowed:
        return Decision(False, result.decision, denied.message, result)
    return Decision(True, result.decision, "", result)
