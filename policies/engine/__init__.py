"""iamconsole's AWS policy evaluation engine: pure Python, no Django (see README.md)."""

from policies.engine.compiler import (
    CompiledPolicy,
    CompiledStatement,
    compile_policy,
    context_keys_for_policies,
)
from policies.engine.document import ParsedPolicy, ParsedStatement, canonical_text, parse_policy
from policies.engine.evaluate import evaluate, evaluate_many, prepare, prepare_policy_set
from policies.engine.evaluator import Evaluator
from policies.engine.explain import access_denied_message
from policies.engine.prepared import PreparedPolicySet
from policies.engine.types import (
    ALLOWED,
    EXPLICIT_DENY,
    IMPLICIT_DENY,
    AuthorizationRequest,
    Decision,
    EvaluationResult,
    MatchedStatement,
    PolicyEngineError,
    PolicyInput,
    PolicyType,
    Position,
)

__all__ = [
    "ALLOWED",
    "EXPLICIT_DENY",
    "IMPLICIT_DENY",
    "AuthorizationRequest",
    "CompiledPolicy",
    "CompiledStatement",
    "Decision",
    "EvaluationResult",
    "Evaluator",
    "MatchedStatement",
    "ParsedPolicy",
    "ParsedStatement",
    "PolicyEngineError",
    "PolicyInput",
    "PolicyType",
    "Position",
    "PreparedPolicySet",
    "access_denied_message",
    "canonical_text",
    "compile_policy",
    "context_keys_for_policies",
    "evaluate",
    "evaluate_many",
    "parse_policy",
    "prepare",
    "prepare_policy_set",
]
