"""Independent requests (each with its own context) decide exactly as the batch path does.

The per-request path (`evaluate`, `PreparedPolicySet.evaluate`) tests only the statements that
can apply to the action against the request's own context; the batch path (`Evaluator`,
`evaluate_many`) resolves a fixed context once per action. Over the benchmark's generated
workloads (bench/engine_workloads.py) every result is identical, field by field.
"""

from __future__ import annotations

import copy
import dataclasses

import pytest

from bench.engine_workloads import (
    CONTEXT,
    PRINCIPAL,
    policy_objects,
    policy_texts,
    template,
    workload_a,
    workload_b,
)
from policies.engine import (
    AuthorizationRequest,
    Evaluator,
    evaluate,
    evaluate_many,
    prepare_policy_set,
)
from tests.documents import allow, deny, document

FORMS = {"dict": policy_objects, "text": policy_texts}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_workload_a_per_request_equals_the_batch_path(form: str) -> None:
    """Each request with its own context: the same result as a new batch evaluator for it."""
    forms = FORMS[form]()
    for action, resource, context in workload_a(400, seed=7):
        request = AuthorizationRequest(principal=PRINCIPAL, action=action, resource=resource,
                                       context=context, **forms.fields())
        reference = Evaluator(request).evaluate(action, resource)
        assert evaluate(request) == reference, (action, resource, context)


def test_workload_b_per_request_equals_the_batch_path() -> None:
    """Every action of the service reference, one request each, as `evaluate_many` decides."""
    forms = policy_objects()
    actions = workload_b()
    batch = evaluate_many(template(policy_texts()), [(action, "*") for action in actions])
    fields = forms.fields()
    for action, expected in zip(actions, batch, strict=True):
        result = evaluate(AuthorizationRequest(principal=PRINCIPAL, action=action,
                                               context=CONTEXT, **fields))
        # The dict form's positions refer to its canonical text, the batch's to the JSON text.
        assert (result.decision, result.details, result.explanation,
                result.missing_context_values) == (expected.decision, expected.details,
                                                   expected.explanation,
                                                   expected.missing_context_values), action
        assert [dataclasses.replace(m, start=None, end=None) for m in result.matched_statements
                ] == [dataclasses.replace(m, start=None, end=None)
                      for m in expected.matched_statements]


def test_a_prepared_set_answers_as_evaluate_does() -> None:
    forms = policy_texts()
    prepared = prepare_policy_set(template(forms))
    assert prepare_policy_set(template(policy_texts())) is prepared  # same content, same set
    for action, resource, context in workload_a(50, seed=3):
        request = AuthorizationRequest(principal=PRINCIPAL, action=action, resource=resource,
                                       context=context, **forms.fields())
        assert prepared.evaluate(action, resource, context) == evaluate(request)


def _run(identity: list, context: dict | None = None) -> str:
    return evaluate(AuthorizationRequest(principal=PRINCIPAL, action="s3:GetObject",
                                         resource="arn:aws:s3:::b/k", context=context or {},
                                         identity_policies=identity)).decision


def test_a_dict_changed_in_place_is_seen_by_the_next_request() -> None:
    """Keys are remembered per dict object, but a change to its content is never missed."""
    policy = document(allow("s3:GetObject"))
    identity = [policy]
    assert _run(identity) == "allowed"
    policy["Statement"][0]["Action"] = "s3:PutObject"
    assert _run(identity) == "implicitDeny"
    policy["Statement"][0]["Action"] = ["s3:PutObject", "s3:GetObject"]
    assert _run(identity) == "allowed"
    policy["Statement"][0]["Action"][1] = "s3:ListBucket"
    assert _run(identity) == "implicitDeny"
    identity.append(document(allow("s3:*")))
    assert _run(identity) == "allowed"
    identity.append(document(deny("s3:Get*")))
    assert _run(identity) == "explicitDeny"


def test_a_condition_value_changing_type_in_place_is_seen() -> None:
    """JSON true and 1 differ even though Python finds them equal."""
    policy = document(allow("s3:GetObject"))
    policy["Statement"][0]["Condition"] = {"Bool": {"aws:SecureTransport": True}}
    context = {"aws:SecureTransport": "true"}
    assert _run([policy], context) == "allowed"
    policy["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"] = 1
    assert _run([policy], context) == "implicitDeny"


def test_fresh_dicts_each_time_decide_the_same() -> None:
    """Callers that decode their policies for every request get the same answers."""
    forms = policy_objects()
    action, resource, context = workload_a(1, seed=11)[0]
    first, *others = [
        evaluate(AuthorizationRequest(
            principal=PRINCIPAL, action=action, resource=resource, context=context,
            **dataclasses.replace(forms, identity=copy.deepcopy(forms.identity)).fields(),
        ))
        for _ in range(3)
    ]
    assert others == [first, first]
