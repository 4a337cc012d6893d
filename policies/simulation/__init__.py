"""The policy simulator: parse a simulation, run it on the console's engine, shape the result.

One JSON shape describes a simulation everywhere (the simulate API's body, presets, shared
links); `parse_simulation` checks it, `run_simulation` evaluates it with the same policy
loading and engine request as console authorization (`policies.authorization`). Who may
simulate is the operations' to decide (policies.operations.simulation).
"""

from .checks import validate_documents
from .context import CONTEXT_TYPES, ContextKey, context_type_for, describe_key, global_keys
from .inputs import ContextEntry, SimulationInput
from .keys import ReferencedKey, context_keys, parse_for_keys
from .parsing import parse_simulation
from .results import DECISION_LABELS, DECISIONS, MatchedRef, PolicyRef, ResultRow, SimulationResult
from .runner import run_simulation
from .urlstate import decode_state, encode_state, is_shareable

__all__ = [
    "CONTEXT_TYPES",
    "DECISIONS",
    "DECISION_LABELS",
    "ContextEntry",
    "ContextKey",
    "MatchedRef",
    "PolicyRef",
    "ReferencedKey",
    "ResultRow",
    "SimulationInput",
    "SimulationResult",
    "context_keys",
    "context_type_for",
    "decode_state",
    "describe_key",
    "encode_state",
    "global_keys",
    "is_shareable",
    "parse_for_keys",
    "parse_simulation",
    "run_simulation",
    "validate_documents",
]
