"""Running a simulation on the console's own engine and policy loading."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from accounts.models import IamGroup, IamUser, Role
from iamconsole.exceptions import InvalidInput
from policies.authorization import PolicySet, Requirement, authorization_request
from policies.engine import (
    AuthorizationRequest,
    EvaluationResult,
    Evaluator,
    PolicyEngineError,
    access_denied_message,
    evaluate,
    prepare,
)
from policies.engine import service_reference as ref
from policies.selectors import PolicySource

from .callers import merged_context, principal_context
from .catalog import level_of
from .checks import printable, supplied_documents, validate_documents
from .explain import explanation
from .guardrails import Guardrails, Level, ResourceSide, outcomes, typed_levels
from .inputs import SimulationInput
from .results import MatchedRef, PolicyRef, ResultRow, SimulationResult
from .sources import MayRead, PrincipalSnapshot, Selection, selection_for

DEFAULT_CALLER_NAME = "SimulatedUser"


def access_level(action: str) -> str:
    """The action's access level as the console groups it (List, Read, Write...)."""
    info = ref.action_info(action)
    return level_of(info.access_level) if info is not None else "Unknown"


# -- running ------------------------------------------------------------------------------------
def _document_source(source_type: str, source_id: str, text: str) -> PolicySource:
    return PolicySource(source_type, source_id, source_id, text, {})


class _Refs:
    """PolicyRefs by engine slot: (policy type, level, index) -> ref."""

    def __init__(self) -> None:
        self.all: list[PolicyRef] = []
        self.slots: dict[tuple[str, int | None, int], PolicyRef] = {}

    def add(self, slot: tuple[str, int | None, int] | None, **kwargs: Any) -> PolicyRef:
        policy = PolicyRef(key=f"p{len(self.all)}", **kwargs)
        self.all.append(policy)
        if slot is not None:
            self.slots[slot] = policy
        return policy


def _label(entity: Any, caller_arn: str) -> str:
    if isinstance(entity, IamUser):
        return f"user {entity.name}"
    if isinstance(entity, Role):
        return f"role {entity.name}"
    if isinstance(entity, IamGroup):
        return f"a member of group {entity.name} (as {caller_arn})"
    return "custom policies"


def _principal_refs(refs: _Refs, selection: Selection, simulation: SimulationInput) -> None:
    """Register the principal's kept policies (and its boundary unless one is supplied)."""
    entries = [(("identity", None, i), entry) for i, entry in enumerate(selection.identity)]
    if selection.boundary is not None and not simulation.permissions_boundary_policy_input_list:
        entries.append((("boundary", None, 0), selection.boundary))
    for slot, entry in entries:
        source = entry.source
        refs.add(slot, source_type="boundary" if entry.is_boundary else source.source_type,
                 source_id=source.source_id, name=source.name, kind=entry.kind, via=entry.via,
                 text=source.document_text if entry.readable else None,
                 edited=entry.key in selection.edited, hidden_reason=entry.denied_message)


def _supplied_refs(refs: _Refs, simulation: SimulationInput, identity: list[PolicySource]
                   ) -> PolicySource | None:
    """Register the documents of the request; returns the supplied boundary, if any."""
    for i, text in enumerate(simulation.policy_input_list):
        source_id = f"policy_input_list[{i}]"
        refs.add(("identity", None, len(identity)), source_type="user", source_id=source_id,
                 name=f"Policy {i + 1}", kind="Custom identity policy", text=text)
        identity.append(_document_source("user", source_id, text))
    boundary = None
    for text in simulation.permissions_boundary_policy_input_list:
        boundary = _document_source("boundary", "permissions_boundary_policy_input_list[0]", text)
        refs.add(("boundary", None, 0), source_type="boundary", source_id=boundary.source_id,
                 name="Boundary for this simulation", kind="Permissions boundary", text=text,
                 edited=True)
    if simulation.session_policy is not None:
        refs.add(("session", None, 0), source_type="session", source_id="session_policy",
                 name="Session policy", kind="Session policy", text=simulation.session_policy)
    if simulation.resource_policy is not None:
        refs.add(("resource", None, 0), source_type="resource", source_id="resource_policy",
                 name="Resource-based policy", kind="Resource-based policy",
                 text=simulation.resource_policy)
    for name, levels in (("scp", simulation.scp_levels), ("rcp", simulation.rcp_levels)):
        kind = "Service control policy" if name == "scp" else "Resource control policy"
        for level, texts in enumerate(levels or ()):
            where = f"Level {level + 1} (root)" if level == 0 else f"Level {level + 1}"
            for i, text in enumerate(texts):
                refs.add((name, level, i), source_type=name,
                         source_id=f"{name}_levels[{level}][{i}]",
                         name=f"{name.upper()} {level + 1}.{i + 1}", kind=kind, via=where,
                         text=text)
    for i, text in enumerate(simulation.endpoint_policies):
        refs.add(("endpoint", None, i), source_type="endpoint",
                 source_id=f"endpoint_policies[{i}]", name=f"Endpoint policy {i + 1}",
                 kind="VPC endpoint policy", text=text)
    return boundary


def run_simulation(simulation: SimulationInput, *, account_id: str, may_read: MayRead,
                   snapshot: PrincipalSnapshot | None = None) -> SimulationResult:
    """Validate and evaluate a simulation; one row per action and resource.

    `snapshot` is the simulated principal (a principal simulation), `account_id` the caller's
    account and `may_read` whether the caller may read a role's trust policy (GetRole); the
    operations that call this have authorized the caller. Raises MalformedPolicyDocument or
    InvalidInput naming the offending input.
    """
    refs = _Refs()
    entity: Any = None
    warnings: tuple[str, ...] = ()
    boundary: PolicySource | None = None
    identity: list[PolicySource] = []
    loaded = PolicySet("", (), None, {}, frozenset())
    if snapshot is not None:
        entity, selection = snapshot.entity, selection_for(snapshot, simulation)
        warnings = selection.warnings
        loaded = selection.policy_set  # with the organization's levels, as authorized
        identity = list(loaded.identity)
        boundary = loaded.boundary
        _principal_refs(refs, selection, simulation)
    findings = validate_documents(supplied_documents(simulation))
    boundary = _supplied_refs(refs, simulation, identity) or boundary

    default_caller = f"arn:aws:iam::{account_id}:user/{DEFAULT_CALLER_NAME}"
    if simulation.caller_arn:
        principal_arn = simulation.caller_arn
    elif isinstance(entity, IamUser | Role):
        principal_arn = entity.arn
    else:
        principal_arn = default_caller
    if simulation.session_policy is not None and not _takes_session_policy(principal_arn):
        raise InvalidInput(
            "session_policy: session policies apply only to roles, role sessions and federated "
            "users; simulate a role, or set caller_arn to an assumed-role session ARN.",
            field="session_policy",
        )
    policy_set = dataclasses.replace(loaded, principal_arn=principal_arn,
                                     identity=tuple(identity), boundary=boundary,
                                     referenced_keys=frozenset())
    context = merged_context(
        principal_context(entity if not simulation.caller_arn else None,
                          policy_set, principal_arn),
        simulation,
    )
    guard = Guardrails(simulation, snapshot, policy_set,
                       entity.arn.split(":")[4] if entity is not None else account_id,
                       refs.add, may_read)
    scp_levels = guard.scp_levels or typed_levels("scp", refs.slots, simulation.scp_levels or ())
    for level_index, level in enumerate(guard.scp_levels):
        for index, policy in enumerate(level.policies):
            refs.slots[("scp", level_index, index)] = policy
    typed_rcp = typed_levels("rcp", refs.slots, simulation.rcp_levels or ())
    extras = {
        "session_policy": simulation.session_policy,
        "service_control_policies": (
            [list(level) for level in simulation.scp_levels]
            if simulation.scp_levels is not None else guard.scp
        ),
        "resource_control_policies": (
            [list(level) for level in simulation.rcp_levels]
            if simulation.rcp_levels is not None else None
        ),
        "endpoint_policies": list(simulation.endpoint_policies),
    }

    def request_for(action: str, resource: str) -> AuthorizationRequest:
        side = guard.resource_side(action, resource)
        request = authorization_request(
            principal_arn, policy_set, Requirement(action, resource),
            {**side.context, **context} if side else context,
            resource_account=simulation.resource_owner or (side.account if side else None))
        if simulation.resource_policy is not None:
            request = dataclasses.replace(request, resource_policy=simulation.resource_policy)
        request = dataclasses.replace(request, **extras)
        if side is not None and side.rcp is not None:
            request = dataclasses.replace(request, resource_control_policies=side.rcp)
        return request

    def levels_for(action: str, resource: str) -> _Levels:
        side = guard.resource_side(action, resource)
        if side is None or side.rcp is None:
            return _Levels(scp_levels, typed_rcp, {}, side)
        return _Levels(scp_levels, side.levels, side.slots, side)

    pairs = simulation.pairs()
    rows = _evaluate(pairs, request_for, levels_for, refs, account_id, may_read,
                     principal_arn)
    return SimulationResult(
        simulation=simulation,
        principal_arn=principal_arn,
        principal_label=_label(entity, principal_arn),
        policies=tuple(refs.all),
        rows=tuple(rows),
        context=context,
        warnings=warnings,
        findings=tuple(findings),
    )


def _takes_session_policy(arn: str) -> bool:
    resource = arn.split(":", 5)[-1]
    return resource.startswith(("role/", "assumed-role/", "federated-user/"))


def _engine_error(exc: PolicyEngineError) -> InvalidInput:
    return InvalidInput(printable(f"The simulation could not run: {exc}"), field=None)


@dataclass(frozen=True)
class _Levels:
    """The SCP and RCP levels of one request (RCPs by the resource's account)."""

    scp: tuple[Level, ...]
    rcp: tuple[Level, ...]
    rcp_slots: Mapping[tuple[int, int], PolicyRef]
    side: ResourceSide | None


def _evaluate(
    pairs: list[tuple[str, str]],
    request_for: Callable[[str, str], AuthorizationRequest],
    levels_for: Callable[[str, str], _Levels],
    refs: _Refs,
    account_id: str,
    may_read: MayRead,
    principal_arn: str,
) -> list[ResultRow]:
    rows: list[ResultRow] = []
    try:
        # One batch evaluator per resource account (its RCPs and keys differ).
        evaluators: dict[int, Evaluator] = {}
        trust_refs: dict[str, PolicyRef] = {}
        for action, resource in pairs:
            levels = levels_for(action, resource)
            trust: PolicyRef | None = None
            if action.lower().startswith("sts:assumerole") and ("resource", None, 0) not in (
                refs.slots
            ):
                request = request_for(action, resource)
                result = evaluate(request)
                if request.resource_policy is not None:
                    trust = trust_refs.get(resource) or _trust_ref(
                        refs, resource, request.resource_policy, account_id, may_read
                    )
                    trust_refs[resource] = trust
            else:
                evaluator = evaluators.get(id(levels.side))
                if evaluator is None:
                    evaluator = evaluators[id(levels.side)] = prepare(
                        request_for(action, resource))
                result = evaluator.evaluate(action, resource)
            rows.append(_row(action, resource, result, refs, trust, levels, principal_arn))
    except PolicyEngineError as exc:
        raise _engine_error(exc) from None
    return rows


def _trust_ref(refs: _Refs, role_arn: str, text: str, account_id: str,
               may_read: MayRead) -> PolicyRef:
    same_account = role_arn.split(":")[4] == account_id
    readable = same_account and may_read("GetRole", role_arn).allowed
    policy = PolicyRef(key=f"p{len(refs.all)}", source_type="resource", source_id=role_arn,
                       name=f"Trust policy of {role_arn.rsplit('/', 1)[-1]}",
                       kind="Role trust policy", via="Resource-based policy of the role",
                       text=text if readable else None,
                       hidden_reason="" if readable else "You may not read this trust policy.")
    refs.all.append(policy)
    return policy


def _row(action: str, resource: str, result: EvaluationResult, refs: _Refs,
         trust: PolicyRef | None, levels: _Levels, principal_arn: str) -> ResultRow:
    matched: list[MatchedRef] = []
    pairs = []
    for statement in result.matched_statements:
        if statement.policy_type == "resource" and trust is not None:
            policy: PolicyRef | None = trust
        elif statement.policy_type == "rcp" and levels.rcp_slots:
            policy = levels.rcp_slots.get((statement.level_index or 0, statement.policy_index))
        else:
            policy = refs.slots.get(
                (statement.policy_type, statement.level_index, statement.policy_index)
            )
        if policy is None:
            continue
        ours = MatchedRef(policy, statement.statement_index, statement.sid, statement.effect,
                          statement.start, statement.end)
        matched.append(ours)
        pairs.append((statement, ours))
    found = result.matched_statements
    return ResultRow(
        action=action,
        resource=resource,
        access_level=access_level(action),
        decision=result.decision,
        details=result.details,
        matched=tuple(matched),
        missing_context_values=result.missing_context_values,
        explanation=explanation(result, pairs, [lv.label for lv in levels.scp]),
        deciding_policy_type=result.deciding_policy_type,
        levels=(outcomes("scp", levels.scp, found, result.details)
                + outcomes("rcp", levels.rcp, found, result.details)),
        denial_message=_denial(principal_arn, action, resource, result, matched),
    )


def _denial(principal_arn: str, action: str, resource: str, result: EvaluationResult,
            matched: list[MatchedRef]) -> str:
    """AWS's AccessDenied sentence, naming the organization's SCP or RCP that denied (as
    authorization's does)."""
    if result.allowed:
        return ""
    message = access_denied_message(principal_arn, action, resource, result)
    kind = result.deciding_policy_type
    if result.decision == "explicitDeny" and kind in ("scp", "rcp"):
        for m in matched:
            if (m.policy.source_type == kind and m.effect == "Deny"
                    and m.policy.source_id.startswith("arn:")):
                return f"{message}: {m.policy.source_id}"
    return message
