"""The one seam between Django and the evaluation engine: may this principal do this?

Every operation (`iamconsole.operations`) states what it needs as `Requirement`s (action,
resource ARN and condition keys, as AWS uses them) and asks `check()` before doing anything.
The policies are loaded by `policy_set_for()`, the same loading the simulator uses, so a
simulated decision equals what the console, the REST API and the import do.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache

from accounts.models import IamGroup, IamUser, Role
from iamconsole.cache import principal_policies_version
from iamconsole.exceptions import AccessDenied
from iamconsole.principal import Principal

from .condition_keys import resource_tag_context
from .engine import (
    AuthorizationRequest,
    EvaluationResult,
    PreparedPolicySet,
    access_denied_message,
    evaluate,
    prepare_policy_set,
)
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
_PRINCIPAL_TYPES = {"root": "Account", "user": "User", "assumed-role": "AssumedRole"}
_RESOURCE_TAG_PREFIXES = ("aws:resourcetag/", "iam:resourcetag/")
_DECISIONS: OrderedDict[tuple[Any, ...], Decision] = OrderedDict()
_DECISIONS_MAX = 20_000
# Policy sets this process loaded, by the shared cache's key (it holds the generation token).
_PINNED: dict[str, PolicySet] = {}
_PINNED_MAX = 1024


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

    def engine(self, principal_arn: str) -> PreparedPolicySet:
        """The engine's prepared set of these policies for the caller `principal_arn`:
        compiled once per process (and kept with this object, never in the shared cache),
        then each request only tests the statements that can apply to its action."""
        prepared = self.__dict__.get("_engine")
        if prepared is None or prepared.principal.value != principal_arn:
            prepared = prepare_policy_set(AuthorizationRequest(
                principal=principal_arn, action="",  # the action is the request's, later
                identity_policies=self.identity_texts,
                permissions_boundaries=self.boundary_texts,
            ))
            object.__setattr__(self, "_engine", prepared)
        return prepared

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_engine", None)  # compiled matchers stay in their process
        return state


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
    """The principal's policy set now, with the version it was loaded at.

    Looked up in this process first (the same object, with its prepared engine set), then in
    the shared cache, then loaded; all three under the account's generation token, read from
    the database each time, so a committed change is seen by every process."""
    if principal.kind == "root":
        return PinnedPolicies(_root_policy_set(principal.arn), "root")
    version = principal_policies_version(principal.account_pk)
    key = f"iam:policy-set:{principal.kind}:{principal.entity_pk}:{version}"
    policy_set = _PINNED.get(key)
    if policy_set is not None:
        return PinnedPolicies(policy_set, version)
    policy_set = cache.get(key)
    if policy_set is None:
        if principal.kind == "user":
            entity: IamUser | Role = IamUser.objects.select_related("account").get(
                pk=principal.entity_pk
            )
        else:
            entity = Role.objects.select_related("account").get(pk=principal.entity_pk)
        policy_set = policy_set_for(entity)
        cache.set(key, policy_set, timeout=3600)
    if len(_PINNED) >= _PINNED_MAX:
        _PINNED.clear()  # policy sets of older generations pile up here: start afresh
    _PINNED[key] = policy_set
    return PinnedPolicies(policy_set, version)


@functools.lru_cache(maxsize=256)
def _root_policy_set(principal_arn: str) -> PolicySet:
    return PolicySet(principal_arn, (ROOT_POLICY,), None, {}, frozenset())


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
    if principal.via == "session" or principal.kind == "assumed-role":
        mfa_at = principal.mfa_authenticated_at
        context["aws:MultiFactorAuthPresent"] = "true" if mfa_at else "false"
        if mfa_at is not None:
            context["aws:MultiFactorAuthAge"] = str(max(0, int((now - mfa_at).total_seconds())))
    for key, value in policy_set.tags.items():
        context[f"aws:PrincipalTag/{key}"] = value
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
    """For sts:AssumeRole*, the role's trust policy is the resource-based policy."""
    if not requirement.action.lower().startswith("sts:assumerole"):
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
    context = {**request_context(principal, policy_set, now=now), **requirement.context}
    return _evaluate(principal, requirement, policy_set, context)


def _evaluate(principal: Principal, requirement: Requirement, policy_set: PolicySet,
              context: Mapping[str, Any]) -> EvaluationResult:
    """The engine's decision on the set's prepared policies (for sts:AssumeRole*, with the
    role's trust policy as the resource-based policy)."""
    account = _resource_account(principal, requirement.resource)
    if requirement.action.lower().startswith("sts:assumerole"):
        return evaluate(authorization_request(principal.arn, policy_set, requirement, context,
                                              resource_account=account))
    return policy_set.engine(principal.arn).evaluate(
        requirement.action, requirement.resource, context, resource_account=account
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
    policy_set = policies.policy_set
    requirement = _with_resource_tags(requirement, policy_set)
    context = {**request_context(principal, policy_set), **requirement.context}
    key: tuple[Any, ...] | None = None
    if not requirement.action.lower().startswith("sts:"):
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
