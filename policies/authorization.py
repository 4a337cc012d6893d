"""The one seam between Django and the evaluation engine: may this principal do this?

Every operation (`iamconsole.operations`) states what it needs as `Requirement`s (action,
resource ARN and condition keys, as AWS uses them) and asks `check()` before doing anything.
The policies are loaded by `policy_set_for()`, the same loading the simulator uses, so a
simulated decision equals what the console, the REST API and the import do.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from accounts.models import Account, Role
from accounts.organizations_selectors import OrganizationControls, organization_controls
from iamconsole.cache import principal_policies_version
from iamconsole.exceptions import AccessDenied
from iamconsole.principal import Principal

from .condition_keys import resource_tag_context
from .engine import AuthorizationRequest, EvaluationResult, access_denied_message, evaluate
from .policy_sets import (
    ROOT_POLICY,
    ROOT_POLICY_TEXT,
    PinnedPolicies,
    PolicySet,
    build_policy_set,
    pin_policies,
    policy_set_for,
    principal_policy_set,
)

__all__ = [
    "ROOT_POLICY", "ROOT_POLICY_TEXT", "Decision", "PinnedPolicies", "PolicySet", "Requirement",
    "ResourceGuardrails", "authorization_request", "authorize", "build_policy_set", "check",
    "evaluate_requirement", "pin_policies", "policy_set_for", "principal_policy_set",
    "request_context", "resource_account", "resource_guardrails",
]

_PRINCIPAL_TYPES = {"root": "Account", "user": "User", "assumed-role": "AssumedRole",
                    "federated-user": "FederatedUser"}
_DECISIONS: OrderedDict[tuple[Any, ...], Decision] = OrderedDict()
_DECISIONS_MAX = 20_000
_TRUST_ACTIONS = ("sts:assumerole", "sts:tagsession", "sts:setsourceidentity")
# The services whose resources resource control policies protect (AWS's list); IAM is not one.
RCP_SERVICES = frozenset({"s3", "sts", "kms", "sqs", "secretsmanager", "cognito-identity",
                          "logs", "dynamodb", "ecr", "aoss", "es"})
# Another account's organization controls, by (account ID, generation), in this process.
_CONTROLS: dict[tuple[str, str], OrganizationControls | None] = {}


@dataclass(frozen=True)
class Requirement:
    """An action on a resource ARN (or "*"), with request-specific condition keys."""

    action: str
    resource: str = "*"
    context: Mapping[str, str | Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The outcome of an authorization check, with AWS's denial sentence when denied."""

    allowed: bool
    decision: str  # "allowed" | "implicitDeny" | "explicitDeny"
    message: str = ""
    result: EvaluationResult | None = None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def request_context(
    principal: Principal, policy_set: PolicySet, *, now: datetime | None = None
) -> dict[str, Any]:
    """The global condition keys AWS fills in for this caller (evaluation.md 1.3)."""
    now = now or datetime.now(UTC)
    context: dict[str, Any] = {
        "aws:CurrentTime": _iso(now),
        "aws:EpochTime": str(int(now.timestamp())),
        "aws:SecureTransport": "true" if principal.secure_transport else "false",
        "aws:PrincipalArn": policy_set.principal_arn,
        "aws:PrincipalAccount": principal.account_id,
        "aws:PrincipalType": _PRINCIPAL_TYPES[principal.kind],
        "aws:userid": principal.unique_id,
    }
    if principal.source_ip:
        context["aws:SourceIp"] = principal.source_ip
    if policy_set.org_id:
        context["aws:PrincipalOrgID"] = policy_set.org_id
        context["aws:PrincipalOrgPaths"] = [policy_set.org_path]
    if principal.kind == "user":
        context["aws:username"] = principal.name
    # Console sessions are temporary credentials: the MFA keys exist (true or false);
    # long-term access keys carry no MFA keys at all.
    if principal.via in ("session", "temporary-credentials") or principal.kind == "assumed-role":
        mfa_at = principal.mfa_authenticated_at
        context["aws:MultiFactorAuthPresent"] = "true" if mfa_at else "false"
        if mfa_at is not None:
            context["aws:MultiFactorAuthAge"] = str(max(0, int((now - mfa_at).total_seconds())))
    session_keys = {key.lower() for key, _ in principal.session_tags}
    for key, value in policy_set.tags.items():
        if key.lower() not in session_keys:  # a session tag wins over the role's own
            context[f"aws:PrincipalTag/{key}"] = value
    for key, value in principal.session_tags:
        context[f"aws:PrincipalTag/{key}"] = value
    context.update(principal.session_context)
    return context


def _with_resource_tags(requirement: Requirement, policy_set: PolicySet,
                        loaded: Iterable[Any]) -> Requirement:
    """The requirement with its resource's tags, when a policy of the caller tests them (one
    query then, unless `loaded` has the resource; none otherwise). Keys the requirement sets
    itself win."""
    if not policy_set.tests_resource_tags:
        return requirement
    tags = resource_tag_context(requirement.resource, loaded)
    if not tags:
        return requirement
    return Requirement(requirement.action, requirement.resource, {**tags, **requirement.context})


def resource_account(principal_account: str, resource: str) -> str:
    """The account that owns `resource` for a caller of `principal_account`."""
    parts = resource.split(":", 5)
    account = parts[4] if len(parts) == 6 and parts[0] == "arn" else ""
    # AWS-managed policies ("aws" in the account field) and account-less ARNs belong to
    # no other account: the caller's identity policies decide. So do the organization's
    # resources (their ARNs name the management account): a member account's
    # DescribeOrganization or AcceptHandshake needs no resource-based policy.
    if len(parts) == 6 and parts[2] == "organizations":
        return principal_account
    return account if account.isdigit() else principal_account


def _resource_account(principal: Principal, resource: str) -> str:
    return resource_account(principal.account_id, resource)


def _trust_policy(requirement: Requirement) -> tuple[str | None, str]:
    """For sts:AssumeRole* (and the sts:TagSession, sts:SetSourceIdentity that come with
    it), the role's trust policy is the resource-based policy."""
    if not requirement.action.lower().startswith(_TRUST_ACTIONS):
        return None, ""
    found = Role.objects.filter(arn=requirement.resource).only("trust_policy", "account_id").first()
    if found is None:
        return None, ""
    return found.trust_policy, principal_policies_version(found.account_id)


def _denied(principal: Principal, requirement: Requirement, result: EvaluationResult) -> Decision:
    message = access_denied_message(principal.arn, requirement.action, requirement.resource, result)
    arn = denying_policy_arn(result)
    if arn is not None:  # AWS names the SCP or RCP that denied
        message = f"{message}: {arn}"
    return Decision(False, result.decision, message, result)


def authorization_request(
    principal_arn: str,
    policy_set: PolicySet,
    requirement: Requirement,
    context: Mapping[str, Any],
    *,
    resource_account: str | None = None,
    rcp: Sequence[Sequence[str]] | None = None,
) -> AuthorizationRequest:
    """The engine request for `requirement` by a principal whose policies are `policy_set`.

    Console authorization and the policy simulator both build their requests here, so a
    simulated decision is the console's: the set's identity policies and boundary, the
    context with the requirement's own keys on top and, for sts:AssumeRole*, the role's trust
    policy as the resource-based policy.
    """
    trust_text, _ = _trust_policy(requirement)
    return AuthorizationRequest(
        principal=principal_arn,
        action=requirement.action,
        resource=requirement.resource,
        resource_account=resource_account,
        context={**context, **requirement.context},
        identity_policies=policy_set.identity_texts,
        permissions_boundaries=policy_set.boundary_texts,
        session_policy=list(policy_set.session) or None,
        resource_policy=trust_text,
        service_control_policies=policy_set.scp,
        resource_control_policies=rcp,
    )


def evaluate_requirement(
    principal: Principal,
    requirement: Requirement,
    *,
    now: datetime | None = None,
    policy_set: PolicySet | None = None,
) -> EvaluationResult:
    """Run the engine for one requirement with the principal's (cached or given) policy set."""
    policy_set = policy_set or principal_policy_set(principal)
    context = {**request_context(principal, policy_set, now=now), **requirement.context}
    return _evaluate(principal, requirement, policy_set, context)


def resource_controls(account_id: str) -> OrganizationControls | None:
    """The organization controls of another account hosted here (its RCPs), kept in this
    process under the account's generation (one query per request)."""
    row = Account.objects.filter(account_id=account_id).values_list(
        "pk", "policies_generation").first()
    if row is None:
        return None
    key = (account_id, row[1])
    if key not in _CONTROLS:
        if len(_CONTROLS) > 1024:
            _CONTROLS.clear()
        _CONTROLS[key] = organization_controls(row[0])
    return _CONTROLS[key]


def _levels(controls: OrganizationControls | None) -> tuple[Any, Any]:
    if controls is None or controls.rcp is None:
        return None, ()
    return (tuple(tuple(c for _, c in lv) for lv in controls.rcp),
            tuple(tuple(a for a, _ in lv) for lv in controls.rcp))


@dataclass(frozen=True)
class ResourceGuardrails:
    """What the resource's account adds to a request: its RCPs (None when they do not apply:
    no organization, the management account, a service RCPs do not cover) with their ARNs
    level by level, the organization controls they came from (another account's; None for
    the caller's own, whose RCPs are in its policy set) and the resource's condition keys."""

    account: str
    rcp: tuple[tuple[str, ...], ...] | None
    rcp_arns: tuple[tuple[str, ...], ...]
    controls: OrganizationControls | None
    context: Mapping[str, Any]


def resource_guardrails(principal_account: str, policy_set: PolicySet, action: str,
                        account: str) -> ResourceGuardrails:
    """The RCPs and resource keys of `action` on a resource of `account`, for a caller of
    `principal_account` whose policies are `policy_set`: what authorization applies, and the
    simulator too."""
    context: dict[str, Any] = {}
    controls = None
    if account == principal_account:
        rcp, rcp_arns = policy_set.rcp, policy_set.rcp_arns
        if policy_set.org_id:
            context["aws:ResourceOrgID"] = policy_set.org_id
            context["aws:ResourceOrgPaths"] = [policy_set.org_path]
    else:
        controls = resource_controls(account)
        rcp, rcp_arns = _levels(controls)
        if controls is not None:
            context["aws:ResourceOrgID"] = controls.org_id
            context["aws:ResourceOrgPaths"] = [controls.org_path]
    context["aws:ResourceAccount"] = account
    if action.partition(":")[0].lower() not in RCP_SERVICES:
        rcp, rcp_arns = None, ()
    return ResourceGuardrails(account, rcp, rcp_arns, controls, context)


def _evaluate(principal: Principal, requirement: Requirement, policy_set: PolicySet,
              context: Mapping[str, Any]) -> EvaluationResult:
    """The engine's decision on the set's prepared policies (for sts:AssumeRole*, with the
    role's trust policy as the resource-based policy), with the SCPs that bind the principal
    and, for the services RCPs protect, the RCPs of the resource's account."""
    account = _resource_account(principal, requirement.resource)
    guard = resource_guardrails(principal.account_id, policy_set, requirement.action, account)
    context = {**guard.context, **context}
    rcp, rcp_arns = guard.rcp, guard.rcp_arns
    if requirement.action.lower().startswith(_TRUST_ACTIONS) or (
            account != principal.account_id and rcp is not None):
        result = evaluate(authorization_request(principal.arn, policy_set, requirement,
                                                context, resource_account=account, rcp=rcp))
    else:
        result = policy_set.engine(principal.arn, with_rcp=rcp is not None).evaluate(
            requirement.action, requirement.resource, context, resource_account=account)
    if not result.allowed and result.deciding_policy_type in ("scp", "rcp"):
        object.__setattr__(result, "_policy_arns",
                           policy_set.scp_arns if result.deciding_policy_type == "scp"
                           else rcp_arns)
    return result


def denying_policy_arn(result: EvaluationResult) -> str | None:
    """The ARN of the SCP or RCP whose statement explicitly denied the request, if one did."""
    arns = result.__dict__.get("_policy_arns")
    if not arns or result.decision != "explicitDeny":
        return None
    for statement in result.matched_statements:
        if (statement.policy_type == result.deciding_policy_type and statement.effect == "Deny"
                and statement.level_index is not None
                and statement.level_index < len(arns)
                and statement.policy_index < len(arns[statement.level_index])):
            return arns[statement.level_index][statement.policy_index]
    return None


def _cache_key(principal: Principal, requirement: Requirement, policies: PinnedPolicies,
               context: Mapping[str, Any]) -> tuple[Any, ...]:
    # Only the context keys the policies test can change a decision, so only they are part
    # of the key: a policy without aws:CurrentTime conditions is decided once.
    relevant = tuple(sorted(
        (k, str(v)) for k, v in context.items()
        if k.lower() in policies.policy_set.referenced_keys
    ))
    return (
        policies.version, principal.kind, principal.arn,
        principal.via, requirement.action, requirement.resource, relevant,
        policies.policy_set.session,
    )


def check(
    principal: Principal | None,
    requirement: Requirement,
    *,
    pinned: PinnedPolicies | None = None,
    loaded: Iterable[Any] = (),
) -> Decision:
    """Decide whether `principal` may do `requirement`, without raising.

    With `pinned`, the decision uses that policy set (a run of operations decides with the
    caller's policies as they were when it began); otherwise the current one. `loaded`: the
    entities the request has read, whose tags serve as the resource's.
    """
    if principal is None:
        return Decision(False, "implicitDeny", "You are not signed in.")
    expires = principal.session_expires_at
    if expires is not None and expires <= datetime.now(UTC):
        return Decision(False, "implicitDeny", "Your role session has expired.")
    policies = pinned or pin_policies(principal)
    policy_set = policies.policy_set
    requirement = _with_resource_tags(requirement, policy_set, loaded)
    context = {**request_context(principal, policy_set), **requirement.context}
    key: tuple[Any, ...] | None = None
    # Another account's resources: its RCPs change with its own generation, not ours.
    if not requirement.action.lower().startswith("sts:") and \
            _resource_account(principal, requirement.resource) == principal.account_id:
        key = _cache_key(principal, requirement, policies, context)
        hit = _DECISIONS.get(key)
        if hit is not None:
            _DECISIONS.move_to_end(key)
            return hit
    result = _evaluate(principal, requirement, policy_set, context)
    decision = (
        Decision(True, result.decision, "", result)
        if result.allowed
        else _denied(principal, requirement, result)
    )
    if key is not None:
        _DECISIONS[key] = decision
        if len(_DECISIONS) > _DECISIONS_MAX:
            _DECISIONS.popitem(last=False)
    return decision


def authorize(
    principal: Principal | None,
    requirement: Requirement,
    *,
    pinned: PinnedPolicies | None = None,
) -> None:
    """Raise AccessDenied with AWS's message unless `principal` may do `requirement`."""
    decision = check(principal, requirement, pinned=pinned)
    if not decision.allowed:
        raise AccessDenied(decision.message)
