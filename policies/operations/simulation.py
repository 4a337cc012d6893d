"""The policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy and the context keys
their policies test (GetContextKeysForPrincipalPolicy, GetContextKeysForCustomPolicy).

The simulated actions are the person's data, evaluated by the engine; what the caller needs
is the simulate (or context-key) action: on the principal's ARN for a principal, on * for
custom policies. The inputs are AWS's (policy_source_arn, policy_input_list, action_names,
resource_arns, context_entries...) plus the console's additions (action_resources,
policy_exclusions, policy_overrides, session_policy, scp_levels, rcp_levels,
endpoint_policies), checked as `policies.simulation.parse_simulation` documents them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from accounts.operations.groups import ListGroups
from accounts.operations.users import ListUsers
from iamconsole.exceptions import AccessDenied, InvalidInput
from iamconsole.operations import OPERATIONS, Caller, Operation, register

from ..authorization import Decision, Requirement
from ..models import SimulatorPreset
from ..services import simulator_preset_delete, simulator_preset_save
from ..simulation import (
    ReferencedKey,
    SimulationInput,
    SimulationResult,
    context_keys,
    parse_for_keys,
    parse_simulation,
    run_simulation,
)
from ..simulation.inputs import Mode
from ..simulation.keys import ANY_ACTION
from ..simulation.selectors import (
    simulator_policy_document,
    simulator_policy_names,
    simulator_preset_get,
    simulator_preset_list,
)
from ..simulation.sources import MayRead, PrincipalSnapshot, principal_snapshot


def borrowed(name: str, resource: str = "*") -> Requirement:
    """The own requirement of the IAM read `name` (GetPolicyVersion, GetRole, ListRoles...):
    its registered operation's, or its action on `resource` while the family that owns it
    has not defined it."""
    operation = OPERATIONS.get(f"iam:{name}")
    if operation is not None:
        return operation.primary(resource)
    return Requirement(f"iam:{name}", resource)


def reader(caller: Caller) -> MayRead:
    """Whether the caller may perform a read (by AWS's name) on a resource: what decides if
    the simulator shows a policy's text, a role's trust policy or (DescribePolicy) an SCP's
    or RCP's."""
    def may_read(name: str, arn: str) -> Decision:
        if name == "DescribePolicy":
            return caller.check(OPERATIONS["organizations:DescribePolicy"].primary(arn))
        return caller.check(borrowed(name, arn))
    return may_read


def account_pk(caller: Caller) -> int:
    """The caller's account's primary key, without reading the account."""
    if caller.principal is None:
        raise AccessDenied("You are not signed in.")
    return caller.principal.account_pk


def operation_inputs(operation: type[Operation], data: Any) -> dict[str, Any]:
    """The operation's inputs from a JSON object (the simulate API's body, the simulator
    page's form as JSON, a preset); other keys are ignored."""
    if not isinstance(data, Mapping):
        raise InvalidInput("The request body must be a JSON object.", field=None)
    names = {f.name for f in fields(operation) if f.init and f.name != "caller"}
    return {name: value for name, value in data.items() if name in names}


# A policy document: a JSON object, or its text.
Document = str | dict[str, Any]


@dataclass(kw_only=True, eq=False)
class PolicyDocuments(Operation):
    """The documents a simulation or a context-key listing reads, besides a principal's."""

    read_only = True
    mode: ClassVar[Mode] = "custom"

    # Documents are JSON objects or their text; parse() says what is wrong with a value.
    policy_input_list: list[Document] | None = None
    permissions_boundary_policy_input_list: list[Document] | None = None
    resource_policy: Document | None = None
    # The console's additions: a session policy, SCPs and RCPs by level from the root down,
    # and VPC endpoint policies.
    session_policy: Document | None = None
    scp_levels: list[list[Document]] | None = None
    rcp_levels: list[list[Document]] | None = None
    endpoint_policies: list[Document] | None = None
    simulation: SimulationInput = field(init=False, repr=False)

    def inputs(self) -> dict[str, Any]:
        """The given inputs, as the simulation JSON names them."""
        given = ((f.name, getattr(self, f.name)) for f in fields(self)
                 if f.init and f.name != "caller")
        return {name: value for name, value in given if value is not None}

    def parse(self, data: dict[str, Any]) -> SimulationInput:
        """Check the inputs (InvalidInput naming the input, as the API documents it)."""
        return parse_for_keys(data, self.mode)

    def validate(self) -> None:
        self.simulation = self.parse(self.inputs())


@dataclass(kw_only=True, eq=False)
class Simulation(PolicyDocuments):
    """What a simulation evaluates: actions on resources, in a request context."""

    action_names: list[str] | None = None
    resource_arns: list[str] | None = None
    # The console's addition: the resources of one action, by action name.
    action_resources: dict[str, list[str]] | None = None
    resource_owner: str | None = None
    caller_arn: str | None = None
    # {"key", "values", "type"} objects (AWS's ContextKeyName, ContextKeyValues, ...Type).
    context_entries: list[dict[str, Any]] | None = None

    def parse(self, data: dict[str, Any]) -> SimulationInput:
        return parse_simulation(data, self.mode)

    def evaluate(self, snapshot: PrincipalSnapshot | None = None) -> SimulationResult:
        """The simulation's result, on the console's own engine and policy loading."""
        return run_simulation(self.simulation, account_id=self.caller.account_id,
                              may_read=reader(self.caller), snapshot=snapshot)


def load_principal(caller: Caller, arn: str) -> PrincipalSnapshot:
    """A principal of the caller's account with its policies, loaded once per request (a page
    lists its policies and context keys and runs it); NoSuchEntity when not in the account."""
    key = ("simulated-principal", arn)
    if key not in caller.found:
        caller.found[key] = principal_snapshot(account_pk=account_pk(caller), arn=arn,
                                               may_read=reader(caller))
    return caller.found[key]


@dataclass(kw_only=True, eq=False)
class OfPrincipal(PolicyDocuments):
    """A simulation or listing of a user's, group's or role's policies: authorized on its ARN
    (a principal that does not exist answers NoSuchEntity only to a caller allowed on it)."""

    mode = "principal"

    policy_source_arn: str | None = None
    # The console's additions: policies left out, and edited copies swapped in, by a managed
    # policy's ARN or an inline policy's (qualified) name.
    policy_exclusions: list[str] | None = None
    policy_overrides: dict[str, Document] | None = None
    # The console's addition: false leaves the organization's SCPs and RCPs out.
    apply_organization_policies: bool | None = None
    snapshot: PrincipalSnapshot | None = field(init=False, default=None, repr=False)

    @property
    def source_arn(self) -> str:
        """The principal's ARN, as checked."""
        return self.simulation.policy_source_arn or ""

    def prepare(self) -> None:
        self.snapshot = self.lookup(lambda: load_principal(self.caller, self.source_arn),
                                    self.source_arn)

    def resource(self) -> str:
        return self.source_arn


@register
@dataclass(kw_only=True, eq=False)
class SimulateCustomPolicy(Simulation):
    """SimulateCustomPolicy: the decision of each action on each resource under the given
    identity policies (and boundary, session, resource, SCP, RCP and endpoint policies)."""

    def perform(self) -> SimulationResult:
        return self.evaluate()


@register
@dataclass(kw_only=True, eq=False)
class SimulatePrincipalPolicy(OfPrincipal, Simulation):
    """SimulatePrincipalPolicy: the decision of each action on each resource for a user, a
    group's member or a role, with its policies as console authorization loads them, less
    the excluded ones, with edited copies swapped in for this simulation only."""

    def perform(self) -> SimulationResult:
        return self.evaluate(self.snapshot)


@register
@dataclass(kw_only=True, eq=False)
class GetContextKeysForCustomPolicy(PolicyDocuments):
    """GetContextKeysForCustomPolicy: the condition keys the given policies test, with their
    types and the policies testing each."""

    def perform(self) -> list[ReferencedKey]:
        return context_keys(self.simulation)


@register
@dataclass(kw_only=True, eq=False)
class GetContextKeysForPrincipalPolicy(OfPrincipal):
    """GetContextKeysForPrincipalPolicy: the condition keys a principal's policies (after
    exclusions and edits) and the given ones test."""

    def perform(self) -> list[ReferencedKey]:
        return context_keys(self.simulation, self.snapshot)


# --- presets: the console's own operations -----------------------------------------------------
def preset_requirement(simulation: Mapping[str, Any]) -> Requirement:
    """A preset may be saved or deleted by whoever may run it: SimulatePrincipalPolicy on its
    principal, or SimulateCustomPolicy."""
    if simulation.get("mode") == "principal":
        return SimulatePrincipalPolicy.primary(str(simulation.get("policy_source_arn") or "*"))
    return SimulateCustomPolicy.primary()


@register
@dataclass(kw_only=True, eq=False)
class PutSimulatorPreset(Operation):
    """Save a simulation under a name, replacing the account's preset of that name (names
    ignore case). Replacing a preset deletes what it held, so it needs what deleting it
    needs, too."""

    service = "iamconsole"
    name: str
    simulation: Mapping[str, Any]
    description: str = ""
    replaced: SimulatorPreset | None = field(init=False, default=None, repr=False)

    def validate(self) -> None:
        if not isinstance(self.simulation, Mapping):
            raise InvalidInput("The simulation must be a JSON object.", field="simulation")

    def prepare(self) -> None:
        # Locked, so that the preset authorized is the preset replaced.
        self.replaced = (simulator_preset_list(account_pk=account_pk(self.caller))
                         .select_for_update().filter(name__iexact=self.name.strip()).first())

    def requirements(self) -> Iterable[Requirement]:
        yield preset_requirement(self.simulation)
        if self.replaced is not None:
            yield preset_requirement(self.replaced.simulation)

    def perform(self) -> SimulatorPreset:
        return simulator_preset_save(account=self.caller.account, name=self.name,
                                     description=self.description,
                                     simulation=dict(self.simulation))


@register
@dataclass(kw_only=True, eq=False)
class DeleteSimulatorPreset(Operation):
    """Delete one of the account's presets (NoSuchEntity for another account's)."""

    service = "iamconsole"
    preset_id: int
    preset: SimulatorPreset | None = field(init=False, default=None, repr=False)

    def prepare(self) -> None:
        self.preset = simulator_preset_get(account_pk=account_pk(self.caller), pk=self.preset_id)

    def requirements(self) -> Iterable[Requirement]:
        assert self.preset is not None
        yield preset_requirement(self.preset.simulation)

    def perform(self) -> SimulatorPreset:
        assert self.preset is not None
        simulator_preset_delete(preset=self.preset)
        return self.preset


# --- what the simulator's pages ask ------------------------------------------------------------
@dataclass(frozen=True)
class SimulatorAccess:
    """What the caller may simulate: custom policies, and (some) principals."""

    custom: Decision
    principal: Decision


def simulator_access(caller: Caller) -> SimulatorAccess:
    """Open the simulator to whoever may run a simulation, else AccessDenied: that is
    SimulateCustomPolicy, or SimulatePrincipalPolicy on some principal (asked on *, which an
    Allow naming any principal satisfies; a run is authorized on the principal's ARN)."""
    custom = caller.permits(SimulateCustomPolicy)
    principal = caller.permits(SimulatePrincipalPolicy, "*")
    if not custom.allowed and not principal.allowed:
        raise AccessDenied(principal.message)
    return SimulatorAccess(custom, principal)


def principal_policies(caller: Caller, arn: str) -> PrincipalSnapshot:
    """The principal's policies as a simulation of it loads them (the page lists them to
    leave out or edit): what SimulatePrincipalPolicy on it is authorized for."""
    listing = SimulatePrincipalPolicy(caller=caller, policy_source_arn=arn,
                                      action_names=[ANY_ACTION])
    snapshot = listing.preflight().snapshot
    assert snapshot is not None  # prepare() found it
    return snapshot


def principal_facts_source(caller: Caller, arn: str) -> PrincipalSnapshot | None:
    """The principal whose own context keys (ARN, user name, tags...) the context table fills
    in, when the caller may list its context keys; else None."""
    if not caller.permits(GetContextKeysForPrincipalPolicy, arn).allowed:
        return None
    return load_principal(caller, arn)


def picker_access(caller: Caller) -> dict[str, Decision]:
    """Whether the principal picker may list the account's users, groups and roles."""
    return {"users": caller.permits(ListUsers), "groups": caller.permits(ListGroups),
            "roles": caller.check(borrowed("ListRoles"))}


def managed_policy_text(caller: Caller, name_or_arn: str) -> tuple[str, str]:
    """(ARN, default version's text) of a managed policy an editor starts from, by name or
    ARN: authorized as GetPolicyVersion on it (NoSuchEntity when there is none)."""
    arn, text = simulator_policy_document(account_pk=account_pk(caller), name_or_arn=name_or_arn)
    caller.authorize(borrowed("GetPolicyVersion", arn))
    return arn, text


def managed_policy_names(caller: Caller) -> list[tuple[str, str]]:
    """(name, ARN) of the managed policies an editor can start from: ListPolicies."""
    caller.authorize(borrowed("ListPolicies"))
    return simulator_policy_names(account_pk=account_pk(caller))
