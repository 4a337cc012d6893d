"""A principal's policies for a simulation: loading, leaving out and editing for this run only.

The policies come from `policies.authorization.policy_set_for()`, the loading the console's
own authorization uses; leaving a policy out or editing it only changes the copy handed to
the engine, never the stored policy.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from accounts.models import IamGroup, IamUser, Role
from accounts.organizations_selectors import OrganizationControls, organization_controls
from accounts.selectors import entity_get_by_arn
from iamconsole.exceptions import NoSuchEntity
from policies.authorization import Decision, PolicySet, policy_set_for
from policies.policy_sets import with_organization
from policies.selectors import PolicySource

from .checks import validate_documents
from .inputs import SimulationInput

Entity = IamUser | IamGroup | Role
# may_read(operation name, ARN): whether the caller may perform that read (GetPolicyVersion on
# a managed policy, GetUserPolicy on a user...); the operations layer answers it.
MayRead = Callable[[str, str], Decision]
_MANAGED = ("aws-managed", "user-managed")
# The read that shows an inline policy's text, by the kind of its owner.
_INLINE_READ = {"user": "GetUserPolicy", "group": "GetGroupPolicy", "role": "GetRolePolicy"}
SOURCE_KINDS = {
    "aws-managed": "AWS managed policy",
    "user-managed": "Customer managed policy",
    "user": "Inline policy",
    "group": "Inline policy",
    "role": "Inline policy",
}


def load_principal(account_pk: int, arn: str) -> Entity:
    """The user, group or role with this ARN in the caller's account, else NoSuchEntity."""
    entity = entity_get_by_arn(arn=arn)
    if entity is None or entity.account_id != account_pk:
        raise NoSuchEntity(f"The principal {arn} cannot be found in this account.",
                           field="policy_source_arn")
    return entity


@dataclass(frozen=True)
class SourceEntry:
    """One of a principal's policies as the simulator lists it.

    `key` identifies it in `policy_exclusions` and `policy_overrides`: a managed policy's ARN,
    or `user|group|role/<owner name>/<policy name>` for an inline policy.
    """

    key: str
    source: PolicySource
    is_boundary: bool
    owner_arn: str
    readable: bool
    denied_message: str = ""

    @property
    def kind(self) -> str:
        """`AWS managed policy`, `Inline policy`..."""
        return SOURCE_KINDS.get(self.source.source_type, self.source.source_type)

    @property
    def via(self) -> str:
        """How the policy reaches the principal."""
        if self.is_boundary:
            return "Permissions boundary"
        if self.source.via_group:
            return f"Via group {self.source.via_group}"
        return "Attached directly" if self.source.source_type in _MANAGED else "Embedded"

    @property
    def policy_type(self) -> str:
        """The validator's policy type for an edited copy."""
        return "boundary" if self.is_boundary else "identity"


def _owner_name(entity: Entity, source: PolicySource) -> str:
    return source.via_group or entity.name


def source_key(entity: Entity, source: PolicySource) -> str:
    """The exclusion key of one of the entity's policies."""
    if source.source_type in _MANAGED:
        return source.source_id
    return f"{source.source_type}/{_owner_name(entity, source)}/{source.name}"


def _group_arns(entity: Entity) -> dict[str, str]:
    if isinstance(entity, IamUser):
        return dict(IamGroup.objects.filter(memberships__user=entity).values_list("name", "arn"))
    if isinstance(entity, IamGroup):
        return {entity.name: entity.arn}
    return {}


def principal_entries(may_read: MayRead, entity: Entity,
                      policy_set: PolicySet | None = None) -> list[SourceEntry]:
    """Every policy that applies to the entity, with whether the caller may read its text.

    Reading a managed policy's text is GetPolicyVersion on its ARN; an inline policy's is
    GetUserPolicy, GetGroupPolicy or GetRolePolicy on its owner. Policies the caller may not
    read still take part in the simulation, as in AWS.
    """
    policy_set = policy_set or policy_set_for(entity)
    groups = _group_arns(entity)
    entries = []
    sources = [(s, False) for s in policy_set.identity]
    if policy_set.boundary is not None:
        sources.append((policy_set.boundary, True))
    for source, is_boundary in sources:
        if source.source_type in _MANAGED:
            owner_arn = source.source_id
            decision = may_read("GetPolicyVersion", owner_arn)
        else:
            owner_arn = groups.get(source.via_group or "", entity.arn)
            decision = may_read(_INLINE_READ[source.source_type], owner_arn)
        entries.append(SourceEntry(
            key=source_key(entity, source), source=source, is_boundary=is_boundary,
            owner_arn=owner_arn, readable=decision.allowed, denied_message=decision.message,
        ))
    return entries


@dataclass(frozen=True)
class PrincipalSnapshot:
    """A principal with its policy set and listed policies, loaded once.

    The policy set holds the organization's SCP and RCP levels as authorization loads them
    (none for the management account or a service-linked role); `controls` names their
    levels and policies (None outside an organization).
    """

    entity: Entity
    policy_set: PolicySet
    entries: tuple[SourceEntry, ...]
    controls: OrganizationControls | None = None


def principal_snapshot(*, account_pk: int, arn: str, may_read: MayRead) -> PrincipalSnapshot:
    """Load the principal, its policy set and entries (NoSuchEntity if not in the account)."""
    entity = load_principal(account_pk, arn)
    controls = organization_controls(entity.account_id)
    policy_set = with_organization(
        policy_set_for(entity), controls,
        exempt_from_scps=isinstance(entity, Role) and entity.service_linked)
    return PrincipalSnapshot(entity, policy_set,
                             tuple(principal_entries(may_read, entity, policy_set)), controls)


def _matches(pattern: str, entry: SourceEntry, entity: Entity) -> bool:
    source = entry.source
    if pattern.startswith("arn:"):
        return source.source_type in _MANAGED and fnmatch.fnmatchcase(source.source_id, pattern)
    if source.source_type in _MANAGED:
        return False
    if "/" in pattern:
        owner_type, owner, name = pattern.split("/", 2)
        return (
            owner_type == source.source_type
            and owner.lower() == _owner_name(entity, source).lower()
            and name.lower() == source.name.lower()
        )
    return pattern.lower() == source.name.lower()


@dataclass(frozen=True)
class Selection:
    """The principal's policies after exclusions and edits: what the engine will see."""

    policy_set: PolicySet
    identity: tuple[SourceEntry, ...]
    boundary: SourceEntry | None
    edited: frozenset[str]
    excluded: tuple[SourceEntry, ...]
    warnings: tuple[str, ...]
    #: Override key -> the validator's policy type of the policy it replaced.
    override_types: Mapping[str, str] = dataclasses.field(default_factory=dict)


def select_policies(
    entity: Entity,
    entries: Sequence[SourceEntry],
    policy_set: PolicySet,
    exclusions: Sequence[str],
    overrides: Mapping[str, str],
) -> Selection:
    """Leave out the excluded policies and swap in edited texts, in a copy of the set."""
    kept: list[SourceEntry] = []
    excluded: list[SourceEntry] = []
    boundary: SourceEntry | None = None
    edited: set[str] = set()
    used: dict[str, str] = {}
    for entry in entries:
        if any(_matches(pattern, entry, entity) for pattern in exclusions):
            excluded.append(entry)
            continue
        for pattern, text in overrides.items():
            if _matches(pattern, entry, entity):
                used[pattern] = entry.policy_type
                edited.add(entry.key)
                entry = dataclasses.replace(
                    entry, source=dataclasses.replace(entry.source, document_text=text)
                )
                break
        if entry.is_boundary:
            boundary = entry
        else:
            kept.append(entry)
    warnings = tuple(
        f"The edited policy {pattern} is not one of this principal's policies; it was ignored."
        for pattern in overrides
        if pattern not in used and not any(_matches(pattern, e, entity) for e in excluded)
    )
    selected = dataclasses.replace(
        policy_set,
        identity=tuple(entry.source for entry in kept),
        boundary=boundary.source if boundary else None,
    )
    return Selection(selected, tuple(kept), boundary, frozenset(edited), tuple(excluded),
                     warnings, used)


def selection_for(snapshot: PrincipalSnapshot, simulation: SimulationInput) -> Selection:
    """The principal's policies with the simulation's exclusions and edits; the edited texts
    are validated for the policy type they replace (MalformedPolicyDocument naming them)."""
    selection = select_policies(snapshot.entity, snapshot.entries, snapshot.policy_set,
                                simulation.policy_exclusions, simulation.policy_overrides)
    validate_documents([
        (f"policy_overrides[{pattern}]", simulation.policy_overrides[pattern], policy_type)
        for pattern, policy_type in selection.override_types.items()
    ])
    return selection
