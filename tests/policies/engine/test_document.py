"""Document parsing: validation errors, positions in source text and compile caching."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.engine import (
    AuthorizationRequest,
    PolicyEngineError,
    Position,
    canonical_text,
    compile_policy,
    evaluate,
    parse_policy,
)
from policies.engine.variables import _compile
from tests.documents import allow, document
from tests.policies.engine.helpers import USER, run
from tests.policies.engine.strategies import documents

GOOD = {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"Statement": NaN}', "NaN is not allowed"),
        ("[]", "must be a JSON object"),
        ({"Statement": []}, "non-empty list"),
        ({"Version": "2012-10-17"}, "no Statement"),
        ({"Version": "2020-01-01", "Statement": GOOD["Statement"]}, "Version must be"),
        ({"Statement": GOOD["Statement"], "Extra": 1}, "unknown top-level"),
        ({"Statement": [{"Effect": "allow", "Action": "*"}]}, "Effect must be"),
        ({"Statement": [{"Effect": "Allow"}]}, "exactly one of Action and NotAction"),
        ({"Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "*"}]}, "exactly one"),
        ({"Statement": [{"Effect": "Allow", "Action": []}]}, "Action must be"),
        ({"Statement": [{"Effect": "Allow", "Action": [1]}]}, "Action must be"),
        ({"Statement": [{"Effect": "Allow", "Action": None}]}, "Action must be"),
        (
            {
                "Statement": [
                    {"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}
                ]
            },
            "cannot both",
        ),
        ({"Statement": [{"Effect": "Allow", "Action": "*", "Principal": "me"}]}, "Principal must"),
        (
            {"Statement": [{"Effect": "Allow", "Action": "*", "Principal": {"Aws": "*"}}]},
            "unknown principal type",
        ),
        ({"Statement": [{"Effect": "Allow", "Action": "*", "Condition": []}]}, "Condition must"),
        (
            {"Statement": [{"Effect": "Allow", "Action": "*", "Condition": {"Bool": "x"}}]},
            "must map to an object",
        ),
        (
            {"Statement": [{"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"k": [[]]}}}]},
            "values must be",
        ),
        (
            {"Statement": [{"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"k": None}}}]},
            "values must be",
        ),
        ({"Statement": [{"Sid": 1, "Effect": "Allow", "Action": "*"}]}, "Sid must be"),
        (
            {"Statement": [{"Sid": "S1", "Effect": "Allow", "Action": "*", "Actions": "*"}]},
            "statement 0 (Sid 'S1'): unknown element",
        ),
        ({"Statement": {"Effect": "Allow", "Action": "*"}, "Id": 5}, "Id must be"),
    ],
)
def test_invalid_documents(document: Any, message: str) -> None:
    """Malformed documents raise PolicyEngineError naming the statement and element."""
    with pytest.raises(PolicyEngineError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_policy(document)


def test_request_errors_name_the_input() -> None:
    """Errors from evaluate say which policy input was at fault."""
    with pytest.raises(PolicyEngineError, match=r"identity_policies\[1\]: statement 0"):
        run(
            identity_policies=[
                document(allow()),
                {"Statement": [{"Effect": "Maybe", "Action": "*"}]},
            ]
        )
    with pytest.raises(PolicyEngineError, match=r"service_control_policies\[0\]\[0\]"):
        run(service_control_policies=[["{"]])


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "s3"},
        {"action": "s3:Get Object"},
        {"action": 5},
        {"resource": "bucket"},
        {"resource": "arn:aws:s3"},
        {"resource": None},
        {"principal": 5},
        {"context": {"k": {"nested": 1}}},
        {"context": [("k", "v")]},
        {"context": {1: "v"}},
        {"identity_policies": document(allow())},
        {"identity_policies": [5]},
        {"service_control_policies": [document(allow())]},
        {"resource_account": 5},
        {"principal": None, "identity_policies": [document(allow())]},
        {"principal": None, "service_control_policies": [[document(allow())]]},
        {"session_policy": document(allow())},
        {"resource_policy": [document(allow())]},
    ],
)
def test_invalid_requests(fields: dict[str, Any]) -> None:
    """Bad request fields raise PolicyEngineError, never anything else."""
    with pytest.raises(PolicyEngineError):
        run(**fields)


TEXT = """{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "First", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
    {
      "Sid": "Second",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::bkt/*",
      "Condition": {"StringLikeIfExists": {"s3:prefix": ["a}", "{b"]}}
    }
  ]
}"""


def test_positions_of_statements_in_text() -> None:
    """Statements carry 1-based line/column of their opening and closing braces."""
    statements = parse_policy(TEXT).statements
    assert (statements[0].start, statements[0].end) == (Position(4, 5), Position(4, 83))
    assert (statements[1].start, statements[1].end) == (Position(5, 5), Position(11, 5))


def test_positions_in_matched_statements() -> None:
    """MatchedStatement reports the span of the statement in the caller's text."""
    result = evaluate(
        AuthorizationRequest(
            principal=USER,
            action="s3:GetObject",
            resource="arn:aws:s3:::bkt/x",
            identity_policies=[TEXT],
        )
    )
    (match,) = result.matched_statements
    assert (match.sid, match.start, match.end) == ("Second", Position(5, 5), Position(11, 5))


def test_positions_with_crlf_unicode_and_single_statement_object() -> None:
    """CRLF line ends, non-ASCII text and a single statement object are all handled."""
    text = '{\r\n"Id": "caf\\u00e9 ü",\r\n  "Statement": {"Effect": "Deny", "Action": "*"}\r\n}'
    (statement,) = parse_policy(text).statements
    assert (statement.start, statement.end) == (Position(3, 16), Position(3, 48))


def test_duplicate_statement_key_uses_last_like_json() -> None:
    """With duplicate Statement keys, positions follow the value json.loads keeps."""
    text = (
        '{"Statement": {"Effect": "Allow", "Action": "a:b"},\n'
        '"Statement": {"Effect": "Deny", "Action": "*"}}'
    )
    (statement,) = parse_policy(text).statements
    assert statement.effect == "Deny"
    assert statement.start == Position(2, 14)


def test_dict_input_positions_refer_to_canonical_text() -> None:
    """For mappings, positions are those of json.dumps(document, indent=4)."""
    mapping = document(allow("s3:*"))
    text = canonical_text(mapping)
    assert text == json.dumps(mapping, indent=4)
    (statement,) = parse_policy(mapping).statements
    lines = text.splitlines()
    assert lines[statement.start.line - 1][statement.start.column - 1] == "{"
    assert lines[statement.end.line - 1][statement.end.column - 1] == "}"


def test_null_resource_entries_are_ignored_as_iam_ignores_them() -> None:
    text = '{"Statement": {"Effect": "Allow", "Action": "*", "Resource": ["arn:aws:s3:::b", null]}}'
    assert parse_policy(text).statements[0].resources == ("arn:aws:s3:::b",)
    with pytest.raises(PolicyEngineError, match="Resource must be"):
        parse_policy('{"Statement": {"Effect": "Allow", "Action": "*", "Resource": [null]}}')


def test_numbers_and_booleans_in_conditions_become_strings() -> None:
    """JSON numbers keep their source text; booleans become 'true'/'false'."""
    text = (
        '{"Statement": {"Effect": "Allow", "Action": "*", "Condition": '
        '{"NumericEquals": {"k": 1.50}, "Bool": {"b": true}}}}'
    )
    conditions = parse_policy(text).statements[0].conditions
    assert conditions == (("NumericEquals", "k", ("1.50",)), ("Bool", "b", ("true",)))


def test_each_document_is_parsed_and_compiled_once() -> None:
    """Parsing and compiling are cached by the document's text (and policy type)."""
    text = json.dumps(document(allow("s3:Get*", "arn:aws:s3:::cache-test/*")))
    assert parse_policy(text) is parse_policy(text)
    assert compile_policy(text, "identity") is compile_policy(json.loads(text) and text)
    assert compile_policy(text, "identity") is not compile_policy(text, "resource")


def test_requests_do_not_build_regular_expressions() -> None:
    """Evaluating again reuses compiled patterns: the variable-pattern cache is not missed."""
    doc = document(allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"))
    fields = {
        "identity_policies": [doc],
        "context": {"aws:username": "alice"},
        "resource": "arn:aws:s3:::home/alice/x",
    }
    run(**fields)
    misses = _compile.cache_info().misses
    for _ in range(5):
        assert run(**fields).decision == "allowed"
    assert _compile.cache_info().misses == misses


@settings(max_examples=150, deadline=None)
@given(
    document=documents(),
    indent=st.one_of(st.none(), st.integers(0, 4), st.just("\t")),
    crlf=st.booleans(),
)
def test_statement_spans_cover_exactly_each_statement(
    document: dict[str, Any], indent: int | str | None, crlf: bool
) -> None:
    """For any layout, each span's text decodes to exactly that statement."""
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    if crlf:
        text = text.replace("\n", "\r\n")
    lines = text.splitlines(keepends=True)
    starts = [sum(len(line) for line in lines[:index]) for index in range(len(lines))]
    for statement, parsed in zip(document["Statement"], parse_policy(text).statements, strict=True):
        assert parsed.start is not None and parsed.end is not None
        first = starts[parsed.start.line - 1] + parsed.start.column - 1
        last = starts[parsed.end.line - 1] + parsed.end.column - 1
        assert json.loads(text[first : last + 1]) == statement
