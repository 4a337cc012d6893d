"""Public value types of the evaluation engine: the request, the result and the engine error."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

if TYPE_CHECKING:
    from policies.engine.document import ParsedPolicy

Decision: TypeAlias = Literal["allowed", "implicitDeny", "explicitDeny"]
PolicyType: TypeAlias = Literal[
    "identity", "session", "boundary", "resource", "scp", "rcp", "endpoint"
]
Effect: TypeAlias = Literal["Allow", "Deny"]

ALLOWED: Final = "allowed"
IMPLICIT_DENY: Final = "implicitDeny"
EXPLICIT_DENY: Final = "explicitDeny"
# Extra outcomes that only the resource-based policy can have (spec 3.1).
ALLOWED_FOR_ACCOUNT: Final = "allowedForAccount"
DENIED_FOR_ACCOUNT: Final = "deniedForAccount"
NOT_APPLICABLE: Final = "notApplicable"

POLICY_TYPES: Final[tuple[PolicyType, ...]] = (
    "identity",
    "session",
    "boundary",
    "resource",
    "scp",
    "rcp",
    "endpoint",
)

#: A policy document: JSON text, an already decoded mapping, or a ``ParsedPolicy``.
PolicyInput: TypeAlias = "str | Mapping[str, Any] | ParsedPolicy"
#: A context value: one string or a list of strings (booleans and numbers are converted).
ContextValue: TypeAlias = "str | bool | int | float | Sequence[str | bool | int | float]"


class PolicyEngineError(ValueError):
    """The one error the engine raises: malformed documents or invalid request fields.

    The message names the input (e.g. ``identity_policies[1]``), the statement and the
    element at fault.
    """


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a policy's source text."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class MatchedStatement:
    """A statement that applied to the request (action, resource, condition, principal)."""

    policy_type: PolicyType
    policy_index: int
    level_index: int | None
    statement_index: int
    sid: str | None
    effect: Effect
    start: Position | None
    end: Position | None


@dataclass(frozen=True)
class EvaluationResult:
    """The decision for one (action, resource) with everything needed to explain it."""

    decision: Decision
    details: Mapping[str, str]
    matched_statements: tuple[MatchedStatement, ...]
    missing_context_values: tuple[str, ...]
    explanation: str
    deciding_policy_type: PolicyType | None
    action: str = ""
    resource: str = "*"

    @property
    def allowed(self) -> bool:
        """True when the decision is ``allowed``."""
        return self.decision == ALLOWED


_new = object.__new__


def make_result(**fields: Any) -> EvaluationResult:
    """``EvaluationResult(**fields)`` without the frozen dataclass's per-field
    ``object.__setattr__`` calls (every field given): the engine builds one per decision."""
    result = _new(EvaluationResult)
    result.__dict__.update(fields)
    return result


@dataclass(frozen=True, kw_only=True)
class AuthorizationRequest:
    """One authorization request plus every policy that takes part in it.

    ``principal`` is an ARN, a service principal such as ``ec2.amazonaws.com``, or None for
    an anonymous caller. ``service_control_policies`` and ``resource_control_policies`` are
    None when there is no organization, else one list of documents per level, root first.
    """

    principal: str | None
    action: str
    resource: str = "*"
    resource_account: str | None = None
    context: Mapping[str, ContextValue] = field(default_factory=dict)
    identity_policies: Sequence[PolicyInput] = ()
    permissions_boundaries: Sequence[PolicyInput] = ()
    session_policy: PolicyInput | Sequence[PolicyInput] | None = None
    resource_policy: PolicyInput | None = None
    service_control_policies: Sequence[Sequence[PolicyInput]] | None = None
    resource_control_policies: Sequence[Sequence[PolicyInput]] | None = None
    endpoint_policies: Sequence[PolicyInput] = ()
    #: S3 Block Public Access (spec 4): deny cross-account grants of public bucket policies.
    s3_block_public_access: bool = False
    #: Drop context keys that the service reference says are not valid for the action.
    filter_context_keys: bool = True
