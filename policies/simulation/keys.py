"""The context keys a simulation's policies reference, with their types and who uses them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iamconsole.exceptions import InvalidInput
from policies.engine import PolicyEngineError

from .checks import document_label, printable, supplied_documents, validate_documents
from .context import ContextKey, describe_key, referenced_keys
from .inputs import Mode, SimulationInput
from .parsing import parse_simulation
from .sources import PrincipalSnapshot, selection_for

# parse_simulation wants actions; listing keys needs none, so a harmless one stands in.
ANY_ACTION = "sts:GetCallerIdentity"
_IGNORED = ("action_names", "action_resources", "resource_arns", "context_entries", "caller_arn",
            "resource_owner")


@dataclass(frozen=True)
class ReferencedKey:
    """A context key some of the simulation's policies test, and which policies do."""

    info: ContextKey
    #: Names of the policies that test it, as people read them (`Policy 1`, `ReadOnlyAccess`).
    used_by: tuple[str, ...]
    #: The same policies as the API names them (`policy_input_list[0]`, a policy ARN).
    used_by_ids: tuple[str, ...] = ()


def context_keys_request_mode(data: Mapping[str, Any]) -> str:
    """`principal` when the body names a policy source, else `custom`."""
    return "principal" if isinstance(data, Mapping) and data.get("policy_source_arn") else "custom"


def parse_for_keys(data: Any, mode: Mode) -> SimulationInput:
    """The policies of a context-key listing, checked as a simulation's (its actions,
    resources and context are not read)."""
    body: Any = data
    if isinstance(data, Mapping):
        body = {key: value for key, value in data.items() if key not in _IGNORED}
        body["action_names"] = [ANY_ACTION]
    return parse_simulation(body, mode)


def organization_documents(snapshot: PrincipalSnapshot, simulation: SimulationInput
                           ) -> list[tuple[str, str, str]]:
    """(ARN, name, text) of the organization's SCPs and own-account RCPs that take part in a
    principal simulation (typed levels replace them)."""
    controls, policy_set = snapshot.controls, snapshot.policy_set
    if controls is None or not simulation.apply_organization_policies:
        return []
    found = []
    for typed, texts, arns in ((simulation.scp_levels, policy_set.scp, policy_set.scp_arns),
                               (simulation.rcp_levels, policy_set.rcp, policy_set.rcp_arns)):
        if typed is None and texts is not None:
            found += [(arn, controls.names.get(arn, arn), text)
                      for level_texts, level_arns in zip(texts, arns, strict=True)
                      for arn, text in zip(level_arns, level_texts, strict=True)]
    return list({arn: (arn, name, text) for arn, name, text in found}.values())


def context_keys(simulation: SimulationInput,
                 snapshot: PrincipalSnapshot | None = None) -> list[ReferencedKey]:
    """The keys GetContextKeysForPrincipalPolicy / GetContextKeysForCustomPolicy list, with
    their types: those of the principal's policies (`snapshot`, after exclusions and edits)
    and of every supplied document."""
    named: list[tuple[str, str, str]] = []
    if snapshot is not None:
        selection = selection_for(snapshot, simulation)
        kept = [*selection.identity]
        if selection.boundary is not None and not (
            simulation.permissions_boundary_policy_input_list
        ):
            kept.append(selection.boundary)
        named += [(entry.source.source_id, entry.source.name, entry.source.document_text)
                  for entry in kept]
        named += organization_documents(snapshot, simulation)
    docs = supplied_documents(simulation)
    validate_documents(docs)
    named += [(path, document_label(path), text) for path, text, _kind in docs]
    used: dict[str, dict[str, str]] = {}
    spelling: dict[str, str] = {}
    for identifier, name, text in named:
        try:
            found = referenced_keys([text])
        except PolicyEngineError as exc:
            raise InvalidInput(printable(f"{name}: {exc}"), field=identifier) from None
        for key in found:
            spelling.setdefault(key.lower(), key)
            used.setdefault(key.lower(), {}).setdefault(identifier, name)
    return [
        ReferencedKey(describe_key(spelling[lower]), tuple(used[lower].values()),
                      tuple(used[lower]))
        for lower in sorted(spelling)
    ]
