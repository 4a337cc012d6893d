"""Property tests: the decision is monotonic, deterministic and independent of order."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from policies.engine import AuthorizationRequest, evaluate
from tests.policies.engine.strategies import RANK, SETTINGS, requests, statements


def _decide(fields: dict[str, Any]) -> str:
    return evaluate(AuthorizationRequest(**fields)).decision


def _all_documents(fields: dict[str, Any]) -> list[dict[str, Any]]:
    docs = list(fields["identity_policies"]) + list(fields["permissions_boundaries"])
    docs += list(fields["endpoint_policies"])
    for key in ("session_policy", "resource_policy"):
        if fields[key] is not None:
            docs.append(fields[key])
    for key in ("service_control_policies", "resource_control_policies"):
        for level in fields[key] or ():
            docs.extend(level)
    return docs


@SETTINGS
@given(fields=requests(), data=st.data())
def test_adding_a_deny_never_improves_the_decision(fields: dict[str, Any], data: Any) -> None:
    """Appending a Deny statement to any document never makes the decision better."""
    before = _decide(fields)
    changed = copy.deepcopy(fields)
    docs = _all_documents(changed)
    if not docs:
        return
    target = data.draw(st.sampled_from(docs))
    extra = data.draw(statements(with_principal=target is changed["resource_policy"]))
    extra["Effect"] = "Deny"
    target["Statement"].append(extra)
    assert RANK[_decide(changed)] >= RANK[before]


@SETTINGS
@given(fields=requests(), data=st.data())
def test_removing_an_allow_never_grants(fields: dict[str, Any], data: Any) -> None:
    """Removing an Allow statement never makes the decision better."""
    before = _decide(fields)
    changed = copy.deepcopy(fields)
    candidates = [
        (doc, index)
        for doc in _all_documents(changed)
        for index, statement in enumerate(doc["Statement"])
        if statement["Effect"] == "Allow" and len(doc["Statement"]) > 1
    ]
    if not candidates:
        return
    doc, index = data.draw(st.sampled_from(candidates))
    del doc["Statement"][index]
    assert RANK[_decide(changed)] >= RANK[before]


@SETTINGS
@given(fields=requests(), data=st.data())
def test_deterministic_and_independent_of_order(fields: dict[str, Any], data: Any) -> None:
    """Same input, same result; shuffling statements and documents keeps the decision."""
    first = evaluate(AuthorizationRequest(**fields))
    assert evaluate(AuthorizationRequest(**copy.deepcopy(fields))) == first
    shuffled = copy.deepcopy(fields)
    for doc in _all_documents(shuffled):
        doc["Statement"] = data.draw(st.permutations(doc["Statement"]))
    for key in ("identity_policies", "permissions_boundaries", "endpoint_policies"):
        shuffled[key] = data.draw(st.permutations(shuffled[key]))
    for key in ("service_control_policies", "resource_control_policies"):
        if shuffled[key] is not None:
            shuffled[key] = [data.draw(st.permutations(level)) for level in shuffled[key]]
    result = evaluate(AuthorizationRequest(**shuffled))
    assert (result.decision, result.details) == (first.decision, first.details)
    assert sorted(result.missing_context_values) == sorted(first.missing_context_values)
