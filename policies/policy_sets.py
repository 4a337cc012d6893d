"""A principal's policies as the engine sees them: loaded once per account generation, kept
in this process (with the engine's prepared set) and in the shared cache.

`policies.authorization` decides with these sets; the simulator and the access analysis load
theirs the same way, so their decisions are the console's.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import cache

from accounts.models import IamGroup, IamUser, Role
from accounts.organizations_selectors import OrganizationControls, organization_controls
from iamconsole.cache import principal_policies_state
from iamconsole.principal import Principal

from .engine import AuthorizationRequest, PreparedPolicySet, prepare_policy_set
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
RESOURCE_TAG_PREFIXES = ("aws:resourcetag/", "iam:resourcetag/")
# Policy sets this process loaded, by the shared cache's key (it holds the generation token).
_PINNED: dict[str, PolicySet] = {}
_PINNED_MAX = 1024


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
    # The organization's controls (accounts.organizations_selectors): SCP levels that bind
    # the principal (None: not in an organization, the management account, a service-linked
    # role, or SCPs not enabled), the RCP levels of its own account's resources, and the
    # policies' ARNs level by level (the AccessDenied message names the denying one).
    scp: tuple[tuple[str, ...], ...] | None = None
    scp_arns: tuple[tuple[str, ...], ...] = ()
    rcp: tuple[tuple[str, ...], ...] | None = None
    rcp_arns: tuple[tuple[str, ...], ...] = ()
    org_id: str | None = None
    org_path: str | None = None

    @property
    def identity_texts(self) -> list[str]:
        return [source.document_text for source in self.identity]

    @property
    def boundary_texts(self) -> list[str]:
        return [self.boundary.document_text] if self.boundary is not None else []

    @property
    def tests_resource_tags(self) -> bool:
        """Whether a policy of the set has a condition on the resource's tags."""
        return any(key.startswith(RESOURCE_TAG_PREFIXES) for key in self.referenced_keys)

    def engine(self, principal_arn: str, *, with_rcp: bool = False) -> PreparedPolicySet:
        """The engine's prepared set of these policies for the caller `principal_arn` (with
        its own account's RCPs, for the services RCPs apply to): compiled once per process
        (and kept with this object, never in the shared cache), then each request only tests
        the statements that can apply to its action."""
        slot = "_engine_rcp" if with_rcp else "_engine"
        prepared = self.__dict__.get(slot)
        if prepared is None or prepared.principal.value != principal_arn:
            prepared = prepare_policy_set(AuthorizationRequest(
                principal=principal_arn, action="",  # the action is the request's, later
                identity_policies=self.identity_texts,
                permissions_boundaries=self.boundary_texts,
                session_policy=list(self.session) or None,
                service_control_policies=self.scp,
                resource_control_policies=self.rcp if with_rcp else None,
            ))
            object.__setattr__(self, slot, prepared)
        return prepared

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_engine", None)  # compiled matchers stay in their process
        state.pop("_engine_rcp", None)
        return state


def _texts(levels: Any) -> tuple[tuple[str, ...], ...] | None:
    return None if levels is None else tuple(tuple(c for _, c in lv) for lv in levels)


def _arns(levels: Any) -> tuple[tuple[str, ...], ...]:
    return () if levels is None else tuple(tuple(a for a, _ in lv) for lv in levels)


def with_organization(policy_set: PolicySet, controls: OrganizationControls | None, *,
                      exempt_from_scps: bool = False) -> PolicySet:
    """The set with the organization's controls: the SCPs that bind the principal (none for
    the management account and service-linked roles) and its own account's RCPs."""
    if controls is None:
        return policy_set
    scp = None if exempt_from_scps else controls.scp
    rcp = None if exempt_from_scps else controls.rcp
    texts = [t for levels in (_texts(scp), _texts(rcp)) if levels for lv in levels for t in lv]
    keys = frozenset(key.lower() for key in engine_context_keys(texts)) if texts else frozenset()
    return replace(policy_set, scp=_texts(scp), scp_arns=_arns(scp), rcp=_texts(rcp),
                   rcp_arns=_arns(rcp), org_id=controls.org_id, org_path=controls.org_path,
                   referenced_keys=policy_set.referenced_keys | keys)


def build_policy_set(effective: EffectivePolicies, tags: Mapping[str, str]) -> PolicySet:
    texts = [s.document_text for s in effective.identity]
    if effective.boundary is not None:
        texts.append(effective.boundary.document_text)
    keys = frozenset(key.lower() for key in engine_context_keys(texts))
    return PolicySet(effective.principal_arn, effective.identity, effective.boundary,
                     dict(tags), keys)


def policy_set_for(entity: IamUser | IamGroup | Role) -> PolicySet:
    """Load a user's, group's or role's policies as the engine will see them (no cache)."""
    if isinstance(entity, IamUser):
        return build_policy_set(user_effective_policies(entity), entity.tags)
    if isinstance(entity, Role):
        return build_policy_set(role_effective_policies(entity), entity.tags)
    return build_policy_set(group_effective_policies(entity), {})


@dataclass(frozen=True)
class PinnedPolicies:
    """A principal's policy set as it was at one version: what a run of operations decides
    with from its first check to its end, even when the run changes the caller's own
    policies (an import that removes the caller's boundary still decides as it began)."""

    policy_set: PolicySet
    version: str


def pin_policies(principal: Principal) -> PinnedPolicies:
    """The principal's policy set now, with the version it was loaded at; a session's own
    policies (STS) are its session level.

    Looked up in this process first (the same object, with its prepared engine set), then in
    the shared cache, then loaded; all three under the account's generation token, read from
    the database each time, so a committed change is seen by every process."""
    pinned, key = _pin_identity_policies(principal)
    if not (principal.session_policies or principal.kind == "federated-user"):
        return pinned
    digest = hashlib.sha256("\0".join(principal.session_policies).encode()).hexdigest()
    session_key = f"{key}:session:{principal.arn}:{digest}"
    policy_set = _PINNED.get(session_key)
    if policy_set is None:
        keys = engine_context_keys(list(principal.session_policies))
        policy_set = replace(
            pinned.policy_set, session=principal.session_policies,
            referenced_keys=pinned.policy_set.referenced_keys | {k.lower() for k in keys},
            principal_arn=(principal.arn if principal.kind == "federated-user"
                           else pinned.policy_set.principal_arn))
        _remember(session_key, policy_set)
    return PinnedPolicies(policy_set, pinned.version)


def _remember(key: str, policy_set: PolicySet) -> None:
    if len(_PINNED) >= _PINNED_MAX:
        _PINNED.clear()  # policy sets of older generations pile up here: start afresh
    _PINNED[key] = policy_set


def _pin_identity_policies(principal: Principal) -> tuple[PinnedPolicies, str]:
    """The identity policies and boundary of the principal (a session's role or user), and
    the key they are kept under."""
    root = principal.kind == "root" or (principal.kind == "federated-user"
                                        and principal.entity_pk is None)
    version, in_organization = principal_policies_state(principal.account_pk)
    key = (f"iam:policy-set:root:{principal.arn}:{version}" if root
           else f"iam:policy-set:{principal.kind}:{principal.entity_pk}:{version}")
    policy_set = _PINNED.get(key)
    if policy_set is not None:
        return PinnedPolicies(policy_set, version), key
    policy_set = cache.get(key)
    if policy_set is None:
        controls = organization_controls(principal.account_pk) if in_organization else None
        if root:  # a member account's root user is bound by SCPs too
            policy_set = with_organization(_root_policy_set(principal.arn), controls)
        else:
            if principal.kind in ("user", "federated-user"):
                entity: IamUser | Role = IamUser.objects.select_related("account").get(
                    pk=principal.entity_pk
                )
            else:
                entity = Role.objects.select_related("account").get(pk=principal.entity_pk)
            policy_set = with_organization(
                policy_set_for(entity), controls,
                exempt_from_scps=isinstance(entity, Role) and entity.service_linked)
        cache.set(key, policy_set, timeout=3600)
    _remember(key, policy_set)
    return PinnedPolicies(policy_set, version), key


@functools.lru_cache(maxsize=256)
def _root_policy_set(principal_arn: str) -> PolicySet:
    return PolicySet(principal_arn, (ROOT_POLICY,), None, {}, frozenset())


def principal_policy_set(principal: Principal) -> PolicySet:
    """The principal's policy set, cached until a service changes the account's policies."""
    return pin_policies(principal).policy_set
