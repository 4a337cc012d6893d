"""Condition operators, set operators, IfExists, Null and variables (spec 2.6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from policies.engine.conditions import Condition, parse_date, parse_number

ARN = "arn:aws:iam::111111111111:role/dev"

TABLE: list[tuple[str, Any, dict[str, Any], bool]] = [
    # (operator, policy value(s), context for key "k", expected)
    ("StringEquals", "a", {"k": "a"}, True),
    ("StringEquals", "a", {"k": "A"}, False),
    ("StringEquals", "a*", {"k": "ab"}, False),
    ("StringEquals", "a*", {"k": "a*"}, True),
    ("StringEquals", ["x", "a"], {"k": "a"}, True),
    ("StringEquals", "a", {}, False),
    ("StringNotEquals", "a", {"k": "b"}, True),
    ("StringNotEquals", ["a", "b"], {"k": "b"}, False),
    ("StringNotEquals", "a", {}, True),
    ("stringequalsignorecase", "ABC", {"k": "abc"}, True),
    ("StringNotEqualsIgnoreCase", "ABC", {"k": "abc"}, False),
    ("StringLike", "a*c", {"k": "abbc"}, True),
    ("StringLike", "a?c", {"k": "abbc"}, False),
    ("StringLike", "A*", {"k": "abc"}, False),
    ("StringLike", "*", {"k": ""}, True),
    ("StringNotLike", ["x*", "y*"], {"k": "abc"}, True),
    ("StringNotLike", ["x*", "a*"], {"k": "abc"}, False),
    ("NumericEquals", "10", {"k": "10.0"}, True),
    ("NumericNotEquals", "10", {"k": "11"}, True),
    ("NumericLessThan", "10", {"k": "9"}, True),
    ("NumericLessThan", "10", {"k": "10"}, False),
    ("NumericLessThanEquals", "10", {"k": "10"}, True),
    ("NumericGreaterThan", "10", {"k": "10.5"}, True),
    ("NumericGreaterThanEquals", "-1", {"k": "-1"}, True),
    ("NumericLessThan", "10", {"k": "abc"}, False),
    ("NumericNotEquals", "10", {"k": "abc"}, False),
    ("NumericNotEquals", "abc", {"k": "5"}, False),
    ("NumericEquals", ["abc", "5"], {"k": "5"}, True),
    ("DateGreaterThan", "2024-01-01T00:00:00Z", {"k": "2025-06-01T12:00:00Z"}, True),
    ("DateLessThan", "2024-01-01", {"k": "2023-12-31T23:59:59Z"}, True),
    ("DateEquals", "2024-01-01T01:00:00+01:00", {"k": "2024-01-01T00:00:00Z"}, True),
    ("DateEquals", "1704067200", {"k": "2024-01-01T00:00:00Z"}, True),
    ("DateEquals", "2024-01-01T00:00", {"k": "1704067200"}, True),
    ("DateGreaterThanEquals", "2024-01-01T00:00:00.5Z", {"k": "2024-01-01T00:00:00.5Z"}, True),
    ("DateNotEquals", "2024-01-01", {"k": "not a date"}, False),
    ("DateLessThan", "2024-13-01", {"k": "2020-01-01"}, False),
    ("Bool", "true", {"k": "TRUE"}, True),
    ("Bool", True, {"k": "true"}, True),
    ("Bool", "false", {"k": "true"}, False),
    ("Bool", "yes", {"k": "yes"}, False),
    ("BoolIfExists", "false", {}, True),
    ("Bool", "false", {}, False),
    ("BinaryEquals", "QmluYXJ5", {"k": "QmluYXJ5"}, True),
    ("BinaryEquals", "QmluYXJ5", {"k": "qmluyxj5"}, False),
    ("IpAddress", "10.0.0.0/8", {"k": "10.1.2.3"}, True),
    ("IpAddress", "10.0.0.0/8", {"k": "11.1.2.3"}, False),
    ("IpAddress", "10.1.2.3", {"k": "10.1.2.3"}, True),
    ("IpAddress", "2001:db8::/32", {"k": "2001:DB8:0:0::1"}, True),
    ("IpAddress", "10.0.0.0/8", {"k": "2001:db8::1"}, False),
    ("NotIpAddress", "10.0.0.0/8", {"k": "2001:db8::1"}, True),
    ("NotIpAddress", "10.0.0.0/8", {"k": "not-an-ip"}, False),
    ("IpAddress", "10.0.0.0/8", {"k": "not-an-ip"}, False),
    ("NotIpAddress", "bad", {"k": "1.2.3.4"}, False),
    ("ArnEquals", "arn:aws:iam::*:role/*", {"k": ARN}, True),
    ("ArnLike", "arn:aws:iam::111111111111:role/d?v", {"k": ARN}, True),
    ("ArnLike", "arn:aws:IAM::*:role/*", {"k": ARN}, False),
    ("ArnLike", "arn:aws:*:role/dev", {"k": ARN}, False),
    ("ArnLike", "arn:aws:iam::*:*", {"k": ARN}, True),
    ("ArnNotLike", "arn:aws:iam::*:user/*", {"k": ARN}, True),
    ("ArnNotEquals", "arn:aws:iam::*:user/*", {"k": "not-an-arn"}, False),
    ("ArnLike", "*", {"k": ARN}, False),
    ("Null", "true", {}, True),
    ("Null", "true", {"k": "x"}, False),
    ("Null", "false", {"k": []}, True),
    ("Null", ["true", "false"], {"k": "x"}, True),
    ("ForAllValues:Null", "false", {"k": "x"}, True),
    ("StringEqualsFooBar", "a", {"k": "a"}, False),
    ("Foo:StringEquals", "a", {"k": "a"}, False),
    ("ForAllValues:Bogus", "a", {}, False),
    # Multi-valued keys need a set operator, even with IfExists or negation.
    ("StringEquals", "a", {"k": ["a"]}, False),
    ("StringNotEqualsIfExists", "a", {"k": ["b"]}, False),
    ("StringEqualsIfExists", "a", {}, True),
    # ForAnyValue / ForAllValues.
    ("ForAnyValue:StringEquals", "a", {}, False),
    ("ForAnyValue:StringEqualsIfExists", "a", {}, False),
    ("ForAnyValue:StringEquals", "a", {"k": []}, False),
    ("ForAnyValue:StringEquals", "a", {"k": "a"}, True),
    ("ForAnyValue:StringEquals", "a", {"k": ["b", "a"]}, True),
    ("ForAllValues:StringEquals", ["a", "b"], {}, True),
    ("ForAllValues:StringEquals", ["a", "b"], {"k": []}, True),
    ("ForAllValues:StringEquals", ["a", "b"], {"k": ["a", "b"]}, True),
    ("ForAllValues:StringEquals", ["a", "b"], {"k": ["a", "c"]}, False),
    ("ForAllValues:StringNotEquals", ["a", "b"], {"k": ["c", "d"]}, True),
    ("ForAllValues:StringNotEquals", ["a", "b"], {"k": ["c", "a"]}, False),
    ("ForAnyValue:StringNotEquals", ["a"], {"k": ["a", "c"]}, True),
    ("forallvalues:stringlike", ["a*"], {"k": ["ab", "ac"]}, True),
    # Policy variables in String*, Arn* and Bool values.
    ("StringEquals", "${aws:username}", {"k": "alice", "aws:username": "alice"}, True),
    ("StringEquals", "${aws:username}", {"k": "alice"}, False),
    ("StringNotEquals", "${aws:username}", {"k": "alice"}, False),
    ("StringEquals", "${aws:username, 'x'}", {"k": "x"}, True),
    ("StringLike", "home/${aws:username}/*", {"k": "home/alice/f", "aws:username": "alice"}, True),
    ("StringLike", "home/${aws:username}/*", {"k": "home/a*/f", "aws:username": "a*"}, True),
    ("StringLike", "home/${aws:username}/*", {"k": "home/ab/f", "aws:username": "a*"}, False),
    ("StringEquals", "${*}", {"k": "*"}, True),
    (
        "ArnLike",
        "arn:aws:iam::${aws:principalaccount}:role/*",
        {"k": ARN, "aws:principalaccount": "111111111111"},
        True,
    ),
    ("Bool", "${aws:flag}", {"k": "true", "aws:flag": "TRUE"}, True),
    ("NumericEquals", "${aws:n}", {"k": "5", "aws:n": "5"}, False),
    ("StringEqualsIgnoreCase", "${aws:username}", {"k": "ALICE", "aws:username": "alice"}, True),
]


@pytest.mark.parametrize(("operator", "values", "context", "expected"), TABLE)
def test_operator(operator: str, values: Any, context: dict[str, Any], expected: bool) -> None:
    """Each operator follows the table in spec 2.6."""
    items = values if isinstance(values, list) else [values]
    texts = [("true" if v else "false") if isinstance(v, bool) else v for v in items]
    condition = Condition(operator, "k", texts, True)
    assert condition(context) is expected


def test_condition_key_lookup_uses_lower_case_key() -> None:
    """The context is stored lower-cased; condition keys match case-insensitively."""
    condition = Condition("StringEquals", "aws:PrincipalTag/Team", ["dev"], True)
    assert condition({"aws:principaltag/team": "dev"}) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", "10"),
        ("-1.5", "-1.5"),
        (".5", "0.5"),
        ("1e3", None),
        ("abc", None),
        ("", None),
        (" 1", None),
    ],
)
def test_parse_number(text: str, expected: str | None) -> None:
    """Numbers are plain decimals: no exponents, blanks or words."""
    assert parse_number(text) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("text", "epoch"),
    [
        ("1970-01-01", 0),
        ("1970-01-01T00:01Z", 60),
        ("1970-01-01T01:00:00+01:00", 0),
        ("1970-01-01T00:00:00-00:30", 1800),
        ("1704067200", 1704067200),
        ("2024-02-30", None),
        ("2024-01-01T25:00:00Z", None),
        ("yesterday", None),
    ],
)
def test_parse_date(text: str, epoch: int | None) -> None:
    """Epoch seconds and W3C ISO-8601 become UTC epoch seconds (no ms mixing)."""
    value = parse_date(text)
    assert (None if value is None else int(value)) == epoch
