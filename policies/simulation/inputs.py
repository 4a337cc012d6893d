"""The simulator's input: one value for the API body, presets and shared links, and its limits.

The same JSON describes a simulation everywhere: the body of `POST /api/v1/simulate/custom`
or `/principal`, a saved preset (plus `"mode"`) and the state a shared link carries;
`parsing.parse_simulation` reads it into a `SimulationInput`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from iamconsole import jsontext
from policies.engine import service_reference as ref

from ..validation.validator import MAX_DOCUMENT_LENGTH

Mode = Literal["custom", "principal"]
MODES: tuple[Mode, ...] = ("principal", "custom")
MAX_ACTIONS = 3000
MAX_RESOURCES = 100
MAX_PAIRS = 5000
MAX_POLICIES = 50
MAX_LEVELS = 7
MAX_POLICIES_PER_LEVEL = 10
MAX_CONTEXT_ENTRIES = 200
MAX_EXCLUSIONS = 256
_SOURCE = re.compile(r"^arn:[a-z-]+:iam::\d{12}:(user|group|role)/.+$")


@dataclass(frozen=True)
class ContextEntry:
    """One context key with its typed values (AWS's ContextEntries item)."""

    key: str
    values: tuple[str, ...]
    type: str


@dataclass(frozen=True)
class SimulationInput:
    """Everything a simulation needs; documents are kept as the text the caller gave.

    `action_resources` (resources per action) and `policy_overrides` (a principal's policy
    replaced for this simulation only, keyed like an exclusion) are iamconsole's additions to
    AWS's request; the other fields mirror SimulateCustomPolicy/SimulatePrincipalPolicy.
    """

    mode: Mode
    action_names: tuple[str, ...]
    resource_arns: tuple[str, ...] = ("*",)
    action_resources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    policy_input_list: tuple[str, ...] = ()
    policy_source_arn: str | None = None
    policy_exclusions: tuple[str, ...] = ()
    policy_overrides: Mapping[str, str] = field(default_factory=dict)
    resource_policy: str | None = None
    resource_owner: str | None = None
    caller_arn: str | None = None
    context_entries: tuple[ContextEntry, ...] = ()
    permissions_boundary_policy_input_list: tuple[str, ...] = ()
    session_policy: str | None = None
    scp_levels: tuple[tuple[str, ...], ...] | None = None
    rcp_levels: tuple[tuple[str, ...], ...] | None = None
    endpoint_policies: tuple[str, ...] = ()
    #: Principal mode: the organization's SCPs (of the principal's account) and RCPs (of
    #: each resource's account) take part, as in authorization; typed levels replace them.
    apply_organization_policies: bool = True

    def resources_for(self, action: str) -> tuple[str, ...]:
        """The resources this action is simulated on."""
        return self.action_resources.get(action) or self.resource_arns

    def pairs(self) -> list[tuple[str, str]]:
        """Every (action, resource) to evaluate, in input order, without duplicates.

        Wildcard-only actions (no resource types, e.g. s3:ListAllMyBuckets) are evaluated on
        `*` once, as AWS does, whatever resources were given.
        """
        seen: set[tuple[str, str]] = set()
        result: list[tuple[str, str]] = []
        for action in self.action_names:
            resources = ("*",) if ref.is_wildcard_only_action(action) else self.resources_for(
                action
            )
            for resource in resources:
                if (action, resource) not in seen:
                    seen.add((action, resource))
                    result.append((action, resource))
        return result

    def as_json(self) -> dict[str, Any]:
        """The JSON body that reproduces this simulation (with `mode`), omitting defaults."""
        data: dict[str, Any] = {"mode": self.mode, "action_names": list(self.action_names)}
        if self.resource_arns != ("*",):
            data["resource_arns"] = list(self.resource_arns)
        if self.action_resources:
            data["action_resources"] = {a: list(r) for a, r in self.action_resources.items()}
        if self.mode == "principal":
            data["policy_source_arn"] = self.policy_source_arn
        if self.policy_input_list or self.mode == "custom":
            data["policy_input_list"] = list(self.policy_input_list)
        optional: dict[str, Any] = {
            "policy_exclusions": list(self.policy_exclusions),
            "policy_overrides": dict(self.policy_overrides),
            "resource_policy": self.resource_policy,
            "resource_owner": self.resource_owner,
            "caller_arn": self.caller_arn,
            "context_entries": [
                {"key": e.key, "values": list(e.values), "type": e.type}
                for e in self.context_entries
            ],
            "permissions_boundary_policy_input_list": list(
                self.permissions_boundary_policy_input_list
            ),
            "session_policy": self.session_policy,
            "endpoint_policies": list(self.endpoint_policies),
        }
        data.update({k: v for k, v in optional.items() if v})
        if self.scp_levels is not None:
            data["scp_levels"] = [list(level) for level in self.scp_levels]
        if self.rcp_levels is not None:
            data["rcp_levels"] = [list(level) for level in self.rcp_levels]
        if self.mode == "principal" and not self.apply_organization_policies:
            data["apply_organization_policies"] = False
        return data


def is_source_arn(value: object) -> bool:
    """True for a user, group or role ARN (what a principal simulation can load)."""
    return isinstance(value, str) and _SOURCE.match(value) is not None


def editable_copy(text: str) -> str:
    """The text an editor of the simulator starts from, when it copies an existing policy.

    The policy as written, unless that is longer than a simulation accepts: AWS-managed
    ReadOnlyAccess, written with 4-space indentation, is 146,474 characters against a limit of
    131,072. Then it is the same document with the widest indentation that fits (2 spaces,
    1, or none), so that running the copy unchanged simulates the policy instead of refusing it.
    """
    if len(text) <= MAX_DOCUMENT_LENGTH:
        return text
    try:
        document = jsontext.loads(text)
    except ValueError:
        return text  # the validator reports what is wrong with it
    for indent, separators in ((2, None), (1, None), (None, (",", ":"))):
        fitted = json.dumps(document, indent=indent, separators=separators, ensure_ascii=False)
        if len(fitted) <= MAX_DOCUMENT_LENGTH:
            return fitted
    return text
