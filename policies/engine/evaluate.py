"""Public entry points: evaluate one request or many, with prepared policy sets cached."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from policies.engine.context import validate_context
from policies.engine.evaluator import Evaluator
from policies.engine.fingerprints import SetKey, remember, set_key
from policies.engine.prepared import PreparedPolicySet
from policies.engine.types import AuthorizationRequest, EvaluationResult, PolicyEngineError

_SETS: dict[SetKey, PreparedPolicySet] = {}
_SETS_SIZE = 256
_EVALUATORS: OrderedDict[tuple[Any, ...], Evaluator] = OrderedDict()
_EVALUATORS_SIZE = 256


def _check(request: object) -> AuthorizationRequest:
    if not isinstance(request, AuthorizationRequest):
        raise PolicyEngineError("request must be an AuthorizationRequest")
    return request


def _policy_set(key: SetKey) -> PreparedPolicySet:
    found = _SETS.get(key)
    if found is None:
        found = PreparedPolicySet(key)
        remember(_SETS, key, found, _SETS_SIZE)
    return found


def prepare_policy_set(request: AuthorizationRequest) -> PreparedPolicySet:
    """Return the (cached) prepared policy set of the request's principal and policies.

    The request's action, resource, context and flags are ignored: pass them to
    ``PreparedPolicySet.evaluate``. Sets are cached by content (``fingerprints``), so equal
    policies give the same set whatever their form.
    """
    return _policy_set(set_key(_check(request)))


def prepare(request: AuthorizationRequest) -> Evaluator:
    """Return the (cached) batch evaluator for the request's principal, context and policies.

    The request's action and resource are ignored; call ``Evaluator.evaluate``.
    """
    key = set_key(_check(request))
    account = request.resource_account
    if account is not None and not isinstance(account, str):
        raise PolicyEngineError("resource_account must be a string or None")
    full = (
        key,
        account,
        validate_context(request.context),
        request.s3_block_public_access is True,
        request.filter_context_keys is not False,
    )
    evaluator = _EVALUATORS.get(full)
    if evaluator is not None:
        _EVALUATORS.move_to_end(full)
        return evaluator
    evaluator = Evaluator(request, _policy_set(key))
    _EVALUATORS[full] = evaluator
    if len(_EVALUATORS) > _EVALUATORS_SIZE:
        _EVALUATORS.popitem(last=False)
    return evaluator


def evaluate(request: AuthorizationRequest) -> EvaluationResult:
    """Evaluate one authorization request (spec 3); raises only ``PolicyEngineError``.

    The policies are prepared once per content (``prepare_policy_set``) and reused by every
    request, whatever its context: a request costs what its action's statements cost.
    """
    policies = _policy_set(set_key(_check(request)))
    return policies.evaluate(
        request.action,
        request.resource,
        request.context,
        resource_account=request.resource_account,
        s3_block_public_access=request.s3_block_public_access,
        filter_context_keys=request.filter_context_keys,
    )


def evaluate_many(
    request_template: AuthorizationRequest, pairs: Iterable[tuple[str, str]]
) -> list[EvaluationResult]:
    """Evaluate many (action, resource) pairs for the template's principal and policies.

    Policies are prepared once and, the context being fixed, each action's conditions are
    resolved once, so this is the fast path for simulators and bulk checks.
    """
    evaluator = prepare(request_template)
    results: list[EvaluationResult] = []
    try:
        iterator = iter(pairs)
    except TypeError:
        raise PolicyEngineError("pairs must be an iterable of (action, resource)") from None
    for pair in iterator:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise PolicyEngineError(f"each pair must be (action, resource), not {pair!r}")
        results.append(evaluator.evaluate(pair[0], pair[1]))
    return results
