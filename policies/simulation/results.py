"""What a simulation produces: the policies that took part, one row per action and resource."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from policies.engine import Position

from .inputs import SimulationInput

DECISIONS = ("allowed", "implicitDeny", "explicitDeny")
DECISION_LABELS = {
    "allowed": "Allowed",
    "implicitDeny": "Implicitly denied",
    "explicitDeny": "Explicitly denied",
}
POLICY_TYPE_LABELS = {
    "identity": "Identity-based policy",
    "session": "Session policy",
    "boundary": "Permissions boundary",
    "resource": "Resource-based policy",
    "scp": "Service control policy",
    "rcp": "Resource control policy",
    "endpoint": "VPC endpoint policy",
}

DETAIL_LABELS = {
    "identity": "Identity policies",
    "session": "Session policy",
    "boundary": "Boundary",
    "resource": "Resource policy",
    "scp": "SCPs",
    "rcp": "RCPs",
    "endpoint": "Endpoint policy",
}
DETAIL_WORDS = {
    "allowed": "allow",
    "implicitDeny": "do not allow",
    "explicitDeny": "deny",
    "allowedForAccount": "allow the account",
    "deniedForAccount": "deny the account",
    "notApplicable": "none",
}


@dataclass(frozen=True)
class PolicyRef:
    """One policy document that took part in a simulation.

    `key` is short and unique within the simulation (HTML ids, links to statements);
    `source_type`/`source_id` are what the API reports (`aws-managed` and the ARN,
    `group` and the inline policy's name, `scp` and `scp_levels[0][1]`...). `text` is the
    evaluated text, or None when the caller may not read the policy.
    """

    key: str
    source_type: str
    source_id: str
    name: str
    kind: str
    via: str = ""
    text: str | None = None
    edited: bool = False
    hidden_reason: str = ""

    @property
    def lines(self) -> list[str]:
        """The text's lines (LF, CRLF or CR), as positions count them."""
        return (self.text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")


@dataclass(frozen=True)
class MatchedRef:
    """A statement that applied, in the policy it belongs to."""

    policy: PolicyRef
    statement_index: int
    sid: str | None
    effect: str
    start: Position | None
    end: Position | None

    @property
    def label(self) -> str:
        """`ReadOnlyAccess · statement 2 (Sid ReadAll)`: 1-based, as people count."""
        sid = f" ({self.sid})" if self.sid else ""
        name = self.policy.name
        if self.policy.via.startswith("attached to "):  # the organization's: which level
            name += f" ({self.policy.via.removeprefix('attached to ')})"
        return f"{name} · statement {self.statement_index + 1}{sid}"

    def as_api(self) -> dict[str, Any]:
        """The API's matched statement."""

        def position(value: Position | None) -> dict[str, int] | None:
            return None if value is None else {"line": value.line, "column": value.column}

        return {
            "source_policy_id": self.policy.source_id,
            "source_policy_type": self.policy.source_type,
            "statement_index": self.statement_index,
            "sid": self.sid,
            "start": position(self.start),
            "end": position(self.end),
        }


LEVEL_WORDS = {"allowed": "allows", "implicitDeny": "does not allow",
               "explicitDeny": "denies"}
LEVEL_TITLES = {"scp": "Service control policies", "rcp": "Resource control policies"}


@dataclass(frozen=True)
class LevelOutcome:
    """One SCP or RCP level of a request and what it decided on its own."""

    policy_type: str  # "scp" | "rcp"
    label: str  # "Root (r-ab12)", "OU Workloads (ou-ab12-cdefgh12)", "Level 2"...
    target_id: str | None  # the organization's root, OU or account ID; None when typed
    policies: tuple[PolicyRef, ...]
    outcome: str

    @property
    def words(self) -> str:
        """`allows`, `does not allow`, `denies`."""
        return LEVEL_WORDS.get(self.outcome, self.outcome)

    @property
    def summary(self) -> str:
        """`OU Workloads (ou-…): FullAWSAccess, DenyRegions`."""
        names = ", ".join(p.name for p in self.policies) or "no policies"
        return f"{self.label}: {names}"

    def as_api(self) -> dict[str, Any]:
        """One level of the API's `organization_policies`."""
        return {"level": self.label, "target_id": self.target_id, "decision": self.outcome,
                "policies": [{"id": p.source_id, "name": p.name} for p in self.policies]}


@dataclass(frozen=True)
class ResultRow:
    """The decision for one action on one resource, with why."""

    action: str
    resource: str
    access_level: str
    decision: str
    details: Mapping[str, str]
    matched: tuple[MatchedRef, ...]
    missing_context_values: tuple[str, ...]
    explanation: str
    deciding_policy_type: str | None
    #: The SCP and RCP levels that took part, root first, each with its own outcome.
    levels: tuple[LevelOutcome, ...] = ()
    #: AWS's AccessDenied sentence for a denial ("" when allowed).
    denial_message: str = ""

    @property
    def level_groups(self) -> list[tuple[str, list[LevelOutcome]]]:
        """(title, levels) for the SCPs, then the RCPs, that took part."""
        return [(title, [lv for lv in self.levels if lv.policy_type == kind])
                for kind, title in LEVEL_TITLES.items()
                if any(lv.policy_type == kind for lv in self.levels)]

    @property
    def reported(self) -> tuple[MatchedRef, ...]:
        """The statements the API reports: the explicit denies for an explicit deny (as AWS
        does), else the allows that applied."""
        effect = "Deny" if self.decision == "explicitDeny" else "Allow"
        return tuple(m for m in self.matched if m.effect == effect)

    @property
    def decision_label(self) -> str:
        """`Allowed`, `Implicitly denied`, `Explicitly denied`."""
        return DECISION_LABELS.get(self.decision, self.decision)

    @property
    def detail_items(self) -> list[tuple[str, str, str]]:
        """(policy type, outcome in words, outcome) for each type that took part; a resource
        policy that was not supplied is left out."""
        return [
            (DETAIL_LABELS.get(kind, kind), DETAIL_WORDS.get(outcome, outcome), outcome)
            for kind, outcome in self.details.items()
            if not (kind == "resource" and outcome == "notApplicable")
        ]

    @property
    def deciding_label(self) -> str:
        """The deciding policy type in words, or an em dash."""
        if self.deciding_policy_type is None:
            return "—"
        return POLICY_TYPE_LABELS.get(self.deciding_policy_type, self.deciding_policy_type)

    def as_api(self) -> dict[str, Any]:
        """One item of the API's `evaluation_results`."""
        return {
            "action": self.action,
            "resource": self.resource,
            "decision": self.decision,
            "matched_statements": [m.as_api() for m in self.reported],
            "missing_context_values": list(self.missing_context_values),
            "decision_details": dict(self.details),
            "explanation": self.explanation,
            **({"organization_policies": {
                key: [lv.as_api() for lv in self.levels if lv.policy_type == kind]
                for kind, key in (("scp", "service_control_policies"),
                                  ("rcp", "resource_control_policies"))
            }} if self.levels else {}),
            **({"denial_message": self.denial_message} if self.denial_message else {}),
        }


@dataclass(frozen=True)
class SimulationResult:
    """A finished simulation: its input, who was simulated, the policies and the rows."""

    simulation: SimulationInput
    principal_arn: str
    principal_label: str
    policies: tuple[PolicyRef, ...]
    rows: tuple[ResultRow, ...]
    context: Mapping[str, str | list[str]]
    warnings: tuple[str, ...] = ()
    findings: tuple[dict[str, Any], ...] = field(default=())

    @property
    def counts(self) -> dict[str, int]:
        """How many rows have each decision (every decision present, possibly 0)."""
        counted = Counter(row.decision for row in self.rows)
        return {decision: counted.get(decision, 0) for decision in DECISIONS}

    def as_api(self) -> dict[str, Any]:
        """The API response body."""
        return {"evaluation_results": [row.as_api() for row in self.rows]}
