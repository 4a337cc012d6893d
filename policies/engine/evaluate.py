"""Public entry points: evaluate one request or many, with prepared evaluators cached."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from policies.engine.context import validate_context
from policies.engine.evaluator import Evaluator
from policies.engine.runtime import doc_key, documents, levels, session_documents
from policies.engine.types import AuthorizationRequest, EvaluationResult, PolicyEngineError

_CACHE: OrderedDict[tuple[Any, ...], Evaluator] = OrderedDict()
_CACHE_SIZE = 256


def _template_key(request: AuthorizationRequest) -> tuple[Any, ...]:
    def keys(docs: Iterable[object], field: str) -> tuple[str, ...]:
        return tuple(doc_key(doc, f"{field}[{i}]") for i, doc in enumerate(docs))

    scp = levels(request.service_control_policies, "service_control_policies")
    rcp = levels(request.resource_control_policies, "resource_control_policies")
    session = session_documents(request.session_policy)
    resource = request.resource_policy
    principal = request.principal
    if principal is not None and not isinstance(principal, str):
        raise PolicyEngineError(f"principal must be a string or None, not {principal!r}")
    account = request.resource_account
    if account is not None and not isinstance(account, str):
        raise PolicyEngineError("resource_account must be a string or None")
    return (
        principal,
        account,
        validate_context(request.context),
        keys(documents(request.identity_policies, "identity_policies"), "identity_policies"),
        keys(
            documents(request.permissions_boundaries, "permissions_boundaries"),
            "permissions_boundaries",
        ),
        None if session is None else keys(session, "session_policy"),
        None if resource is None else doc_key(resource, "resource_policy"),
        None
        if scp is None
        else tuple(keys(lv, f"service_control_policies[{i}]") for i, lv in enumerate(scp)),
        None
        if rcp is None
        else tuple(keys(lv, f"resource_control_policies[{i}]") for i, lv in enumerate(rcp)),
        keys(documents(request.endpoint_policies, "endpoint_policies"), "endpoint_policies"),
        request.s3_block_public_access is True,
        request.filter_context_keys is not False,
    )


def prepare(request: AuthorizationRequest) -> Evaluator:
    """Return the (cached) evaluator for the request's principal, context and policies.

    The request's action and resource are ignored; call ``Evaluator.evaluate``.
    """
    if not isinstance(request, AuthorizationRequest):
        raise PolicyEngineError("request must be an AuthorizationRequest")
    key = _template_key(request)
    evaluator = _CACHE.get(key)
    if evaluator is not None:
        _CACHE.move_to_end(key)
        return evaluator
    evaluator = Evaluator(request)
    _CACHE[key] = evaluator
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return evaluator


def evaluate(request: AuthorizationRequest) -> EvaluationResult:
    """Evaluate one authorization request (spec 3); raises only ``PolicyEngineError``."""
    evaluator = prepare(request)
    return evaluator.evaluate(request.action, request.resource)


def evaluate_many(
    request_template: AuthorizationRequest, pairs: Iterable[tuple[str, str]]
) -> list[EvaluationResult]:
    """Evaluate many (action, resource) pairs for the template's principal and policies.

    Policies are compiled once and per-action work (candidate statements, context) is
    cached, so this is the fast path for simulators and bulk checks.
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
