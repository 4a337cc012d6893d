"""The one seam between Django and the evaluation engine: may this principal do this?

Every operation (`iamconsole.operations`) states what it needs as `Requirement`s (action,
resource ARN and condition keys, as AWS uses them) and asks `check()` before doing anything.
The policies are loaded by `policy_set_for()`, the same loading the simulator uses, so a
simulated decision equals what the console, the REST API and the import do.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache

from accounts.models import IamGroup, IamUser, Role
from iamconsole.cache import principal_policies_version
from iamconsole.exceptions import AccessDenied
from iamconsole.principal import Principal

from .condition_keys import resource_tag_context
from .engine import AuthorizationRequest, EvaluationResult, access_denied_message, evaluate
from .engine import context_keys_for_policies as engine_context_keys
from .selectors import (
    EffectivePolicies,
    PolicySource,
    group_effective_policies,
    role_effective_policies,
    user_effective_policies,
)

# The root user's implicit full access to its own account (evaluation.md 3.5), given to the
# engine as an ordinary identity policy so that the engine needs no special case.
ROOT_POLICY_TEXT = (
    '{"Version": "2012-10-17", "Statement": [{"Sid": "RootUserFullAccess", '
    '"Effect": "Allow", "Action": "*", "Resource": "*"}]}'
)
ROOT_POLICY = PolicySource(
    source_type="root",
    source_id="root",
    name="Root user (implicit full access)",
    document_text=ROOT_POLICY_TEXT,
    document={},
)
_PRINCIPAL_TYPES = {"root": "Account", "user": "User", "assumed-role": "AssumedRole",
                    "federated-user": "FederatedUser"}
_RESOURCE_TAG_PREFIXES = ("aws:resourcetag/", "iam:resourcetag/")
_DECISIONS: OrderedDict[tuple[Any, ...], Decision] = OrderedDict()
_DECISIONS_MAX = 20_000
_TRUST_ACTIONS = ("sts:assumerole", "sts:tagsession", "sts:setsourceidentity")


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


@dataclass(frozen=True)
class PolicySet:
    """Everything about a principal that its decisions depend on, loaded once and cached."""

    principal_arn: str
    identity: tuple[PolicySource, ...]
    boundary: PolicySource | None
    tags: Mapping[str, str]
    referenced_keys: frozenset[str]
    # A session's policies (STS temporary credentials): the engine's session level.
    session: tuple[str, ...] = ()

    @property
    def identity_texts(self) -> list[str]:
        return [source.document_text for source in self.identity]

    @property
    def boundary_texts(self) -> list[str]:
        return [self.boundary.document_text] if self.boundary is not None else []

    @property
    def tests_resource_tags(self) -> bool:
        """Whether a policy of the set has a condition on the resource's tags."""
        return any(key.startswith(_RESOURCE_TAG_PREFIXES) for key in self.referenced_keys)


def _policy_set(effective: EffectivePolicies, tags: Mapping[str, str]) -> PolicySet:
    texts = [s.document_text for s in effective.identity]
    if effective.boundary is not None:
        texts.append(effective.boundary.document_text)
    keys = frozenset(key.lower() for key in engine_context_keys(texts))
    return PolicySet(effective.principal_arn, effective.identity, effective.boundary,
                     dict(tags), keys)


def policy_set_for(entity: IamUser | IamGroup | Role) -> PolicySet:
    """Load a user's, group's or role's policies as the engine will see them (no cache)."""
    if isinstance(entity, IamUser):
        return _policy_set(user_effective_policies(entity), entity.tags)
    if isinstance(entity, Role):
        return _policy_set(role_effective_policies(entity), entity.tags)
    return _policy_set(group_effective_policies(entity), {})


@dataclass(frozen=True)
class PinnedPolicies:
    """A principal's policy set as it was at one version: what a run of operations decides
    with from its first check to its end, even when the run changes the caller's own
    policies (an import that removes the caller's boundary still decides as it began)."""

    policy_set: PolicySet
    version: str


def pin_policies(principal: Principal) -> PinnedPolicies:
    """The principal's policy set now, with the version it was loaded at; a session's own
    policies (STS) are its session level."""
    pinned = _pin_identity_policies(principal)
    if principal.session_policies or principal.kind == "federated-user":
        keys = engine_context_keys(list(principal.session_policies))
        policy_set = replace(
            pinned.policy_set, session=principal.session_policies,
            referenced_keys=pinned.policy_set.referenced_keys | {k.lower() for k in keys},
            principal_arn=(principal.arn if principal.kind == "federated-user"
                           else pinned.policy_set.principal_arn))
        pinned = PinnedPolicies(policy_set, pinned.version)
    return pinned


def _pin_identity_policies(principal: Principal) -> PinnedPolicies:
    if principal.kind == "root" or (principal.kind == "federated-user"
                                    and principal.entity_pk is None):
        return PinnedPolicies(_root_policy_set(principal), "root")
    version = principal_policies_version(principal.account_pk)
    key = f"iam:policy-set:{principal.kind}:{principal.entity_pk}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return PinnedPolicies(cached, version)
    if principal.kind in ("user", "federated-user"):
        entity: IamUser | Role = IamUser.objects.select_related("account").get(
            pk=principal.entity_pk
        )
    else:
        entity = Role.objects.select_related("account").get(pk=principal.entity_pk)
    policy_set = policy_set_for(entity)
    cache.set(key, policy_set, timeout=3600)
    return PinnedPolicies(policy_set, version)


def _root_policy_set(principal: Principal) -> PolicySet:
    return PolicySet(principal.arn, (ROOT_POLICY,), None, {}, frozenset())


def principal_policy_set(principal: Principal) -> PolicySet:
    """The principal's policy set, cached until a service changes the account's policies."""
    return pin_policies(principal).policy_set


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


def _with_resource_tags(requirement: Requirement, policy_set: PolicySet) -> Requirement:
    """The requirement with its resource's tags, when a policy of the caller tests them (one
    query then; none otherwise). Keys the requirement sets itself win."""
    if not policy_set.tests_resource_tags:
        return requirement
    tags = resource_tag_context(requirement.resource)
    if not tags:
        return requirement
    return Requirement(requirement.action, requirement.resource, {**tags, **requirement.context})


def _resource_account(principal: Principal, resource: str) -> str:
    parts = resource.split(":", 5)
    account = parts[4] if len(parts) == 6 and parts[0] == "arn" else ""
    # AWS-managed policies ("aws" in the account field) and account-less ARNs belong to
    # no other account: the caller's identity policies decide.
    return account if account.isdigit() else principal.account_id


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
    return Decision(False, result.decision, message, result)


def authorization_request(
    principal_arn: str,
    policy_set: PolicySet,
    requirement: Requirement,
    context: Mapping[str, Any],
    *,
    resource_account: str | None = None,
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
    context = request_context(principal, policy_set, now=now)
    return evaluate(
        authorization_request(
            principal.arn,
            policy_set,
            requirement,
            context,
            resource_account=_resource_account(principal, requirement.resource),
        )
    )


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
) -> Decision:
    """Decide whether `principal` may do `requirement`, without raising.

    With `pinned`, the decision uses that policy set (a run of operations decides with the
    caller's policies as they were when it began); otherwise the current one.
    """
    if principal is None:
        return Decision(False, "implicitDeny", "You are not signed in.")
    expires = principal.session_expires_at
    if expires is not None and expires <= datetime.now(UTC):
        return Decision(False, "implicitDeny", "Your role session has expired.")
    policies = pinned or pin_policies(principal)
    requirement = _with_resource_tags(requirement, policies.policy_set)
    cacheable = not requirement.action.lower().startswith("sts:")
    key: tuple[Any, ...] | None = None
    if cacheable:
        context = {**request_context(principal, policies.policy_set), **requirement.context}
        key = _cache_key(principal, requirement, policies, context)
        hit = _DECISIONS.get(key)
        if hit is not None:
            _DECISIONS.move_to_end(key)
            return hit
    result = evaluate_requirement(principal, requirement, policy_set=policies.policy_set)
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
