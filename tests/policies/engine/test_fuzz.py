"""Robustness: arbitrary JSON-shaped policies and requests only ever raise PolicyEngineError."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from policies.engine import AuthorizationRequest, PolicyEngineError, evaluate
from tests.policies.engine.helpers import ROLE, SESSION, USER, A
from tests.policies.engine.strategies import (
    RANK,
    SETTINGS,
    anything,
    documents_or_text,
    json_values,
    loose_documents,
    mutated_documents,
    requests,
)


@SETTINGS
@given(
    principal=st.one_of(
        st.sampled_from([USER, SESSION, ROLE, None, "s3.amazonaws.com"]), json_values
    ),
    action=st.one_of(
        st.sampled_from(["s3:GetObject", "sts:AssumeRole", "kms:Decrypt"]), json_values
    ),
    resource=st.one_of(
        st.sampled_from(["*", "arn:aws:s3:::b/k", "arn:aws:kms:r:1:key/x"]), json_values
    ),
    context=st.one_of(
        st.dictionaries(st.text(max_size=10) | st.just("aws:SourceIp"), json_values, max_size=3),
        json_values,
    ),
    identity=st.one_of(st.lists(documents_or_text, max_size=2), anything),
    boundaries=st.one_of(st.lists(documents_or_text, max_size=1), anything),
    resource_policy=st.one_of(st.none(), documents_or_text),
    session=st.one_of(st.none(), documents_or_text),
    scp=st.one_of(
        st.none(), st.lists(st.lists(documents_or_text, max_size=2), max_size=2), anything
    ),
    account=st.one_of(st.none(), st.just(A), json_values),
)
def test_only_engine_errors_escape(**fields: Any) -> None:
    """Whatever JSON-shaped input arrives, evaluate returns a result or PolicyEngineError."""
    try:
        result = evaluate(
            AuthorizationRequest(
                principal=fields["principal"],
                action=fields["action"],
                resource=fields["resource"],
                context=fields["context"],
                identity_policies=fields["identity"],
                permissions_boundaries=fields["boundaries"],
                resource_policy=fields["resource_policy"],
                session_policy=fields["session"],
                service_control_policies=fields["scp"],
                resource_account=fields["account"],
            )
        )
    except PolicyEngineError:
        return
    assert result.decision in RANK


@SETTINGS
@given(fields=requests(), data=st.data())
def test_arbitrary_documents_only_raise_engine_errors(fields: dict[str, Any], data: Any) -> None:
    """Valid requests carrying mutated or arbitrary documents give a result or the engine error."""
    docs = st.one_of(mutated_documents(), loose_documents, documents_or_text)
    fields["identity_policies"] = data.draw(st.lists(docs, max_size=2))
    fields["resource_policy"] = data.draw(st.none() | mutated_documents(True) | docs)
    fields["context"] = data.draw(
        st.dictionaries(
            st.sampled_from(
                ["aws:SourceIp", "aws:CurrentTime", "aws:TagKeys", "aws:username", "k"]
            ),
            st.one_of(
                st.text(max_size=20),
                st.lists(st.text(max_size=8), max_size=3),
                st.sampled_from(["10.0.0.1", "::1", "2024-01-01", "1.5", "true"]),
            ),
            max_size=3,
        )
    )
    if fields["service_control_policies"] is not None:
        fields["service_control_policies"] = data.draw(
            st.lists(st.lists(docs, max_size=2), max_size=2)
        )
    try:
        result = evaluate(AuthorizationRequest(**fields))
    except PolicyEngineError:
        return
    assert result.decision in RANK
