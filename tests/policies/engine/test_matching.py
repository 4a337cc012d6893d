"""Action/NotAction and Resource/NotResource matching rules (spec 2.1-2.4)."""

from __future__ import annotations

import pytest

from policies.engine.matching import ActionMatcher, ResourceMatcher
from policies.engine.variables import Escaped, Variable, tokenize
from tests.documents import allow, document, statement
from tests.policies.engine.helpers import decide

OBJ = "arn:aws:s3:::bkt/key"
INSTANCE = "arn:aws:ec2:us-east-1:111111111111:instance/i-123"


@pytest.mark.parametrize(
    ("entry", "action", "expected"),
    [
        ("*", "s3:GetObject", True),
        ("***", "iam:ListUsers", True),
        ("s3:*", "s3:GetObject", True),
        ("S3:getobject", "s3:GetObject", True),
        ("s3:Get*", "S3:GETOBJECT", True),
        ("s3:Get?bject", "s3:GetObject", True),
        ("s3:Get?bject", "s3:GetObjects", False),
        ("s3*:GetObject", "s3:GetObject", False),
        ("s3:", "s3:GetObject", False),
        ("s3", "s3:GetObject", False),
        ("s3:Get Object", "s3:GetObject", False),
        ("s3:*Object", "s3:PutObject", True),
        ("ec2:*", "s3:GetObject", False),
        ("s3:List*", "s3:GetObject", False),
    ],
)
def test_action_entries(entry: str, action: str, expected: bool) -> None:
    """Service part exact (case-insensitive); name a case-insensitive anchored glob."""
    service, _, name = action.partition(":")
    assert ActionMatcher([entry]).matches(service.lower(), name) is expected


def test_not_action_matches_when_no_entry_matches() -> None:
    """NotAction applies to every action it does not list."""
    doc = document(allow(NotAction=["iam:*", "s3:Delete*"]))
    assert decide(identity_policies=[doc], action="s3:GetObject") == "allowed"
    assert decide(identity_policies=[doc], action="s3:DeleteObject") == "implicitDeny"


RES = [
    # (entry, policy type, request resource, expected)
    ("*", "identity", OBJ, True),
    ("**", "resource", OBJ, True),
    ("arn:aws:s3:::bkt/*", "identity", OBJ, True),
    ("arn:aws:s3:::bkt/*", "identity", "arn:aws:s3:::bkt2/key", False),
    ("arn:aws:s3:::bkt*", "identity", "arn:aws:s3:::bkt-logs/a/b", True),
    ("arn:aws:s3:::b?t/key", "identity", OBJ, True),
    ("ARN:AWS:S3:::bkt/key", "identity", OBJ, True),
    ("arn:aws:s3:::BKT/key", "identity", OBJ, False),
    ("arn:aws:ec2:*:*:instance/*", "identity", INSTANCE, True),
    ("arn:aws:ec2:us-*:111111111111:instance/i-*", "identity", INSTANCE, True),
    ("arn:aws:ec2:*:*:INSTANCE/*", "identity", INSTANCE, False),
    # The type prefix is literal: its wildcards are not honoured.
    ("arn:aws:ec2:*:*:inst*/i-123", "identity", INSTANCE, False),
    ("arn:aws:ec2:*:*:*", "identity", INSTANCE, True),
    ("arn:aws:ec2:*:*:instance/I-123", "identity", INSTANCE, False),
    # Field wildcards stay inside their field.
    ("arn:aws:ec2:*:instance/i-123", "identity", INSTANCE, False),
    ("arn:aws:iam::111111111111:user*", "identity", "arn:aws:iam::111111111111:user/a", True),
    (
        "arn:aws:sns:us-east-1:111111111111:topic:sub",
        "identity",
        "arn:aws:sns:us-east-1:111111111111:topic:sub",
        True,
    ),
    # Short ARNs per policy type.
    ("arn:aws:s3", "identity", OBJ, True),
    ("arn:aws:s3", "boundary", OBJ, True),
    ("arn:aws:s3", "session", OBJ, True),
    ("arn:aws:ec2", "identity", OBJ, False),
    ("arn:aws:s3", "resource", OBJ, False),
    ("arn:aws:s3*", "resource", OBJ, True),
    ("arn:aws:s3*", "endpoint", OBJ, True),
    ("arn:aws:s3", "endpoint", OBJ, False),
    ("arn:aws:s3*", "scp", OBJ, True),
    ("arn:aws:*:us", "scp", OBJ, False),
    ("arn:aws:s3*", "rcp", OBJ, False),
]


@pytest.mark.parametrize(("entry", "policy_type", "resource", "expected"), RES)
def test_resource_entries(entry: str, policy_type: str, resource: str, expected: bool) -> None:
    """Field-by-field ARN matching with per-policy-type short-ARN rules."""
    matcher = ResourceMatcher([entry], False, policy_type, True)
    assert matcher.matches(resource, False, False, False, {}) is expected


STAR = [
    # (entries, negated, wildcard_only, deny, expected) for request resource "*"
    (["*"], False, True, False, True),
    (["arn:aws:s3:::*"], False, True, False, False),
    (["arn:aws:s3:::bkt/*"], False, False, False, True),
    (["arn:aws:s3:::bkt/*"], False, False, True, False),
    (["arn:aws:s3:::bkt/*"], True, False, False, True),
    (["arn:aws:s3:::bkt/*"], True, False, True, False),
    (["arn:aws:s3:::bkt/*"], True, True, True, True),
    (["*"], True, False, False, False),
]


@pytest.mark.parametrize(("entries", "negated", "wildcard_only", "deny", "expected"), STAR)
def test_request_resource_star(
    entries: list[str], negated: bool, wildcard_only: bool, deny: bool, expected: bool
) -> None:
    """Request ``*``: only ``*`` for wildcard-only actions; optimistic Allow, strict Deny."""
    matcher = ResourceMatcher(entries, negated, "identity", True)
    assert matcher.matches("*", True, wildcard_only, deny, {}) is expected


@pytest.mark.parametrize(
    ("entries", "policy_type", "resource", "context", "expected"),
    [
        (["arn:aws:s3:::secret/*"], "identity", "arn:aws:s3:::pub/x", {}, True),
        (["arn:aws:s3:::secret/*"], "identity", "arn:aws:s3:::secret/x", {}, False),
        # An invalid short ARN is not inverted: the statement does not apply.
        (["arn:aws:s3:::secret/*", "arn:aws:s3"], "resource", "arn:aws:s3:::pub/x", {}, False),
        # A padded short ARN that does not match is invalid too.
        (["arn:aws:ec2"], "identity", "arn:aws:s3:::pub/x", {}, False),
        # An unresolvable variable is invalid.
        (["arn:aws:s3:::${aws:username}/*"], "identity", "arn:aws:s3:::pub/x", {}, False),
        (
            ["arn:aws:s3:::${aws:username}/*"],
            "identity",
            "arn:aws:s3:::pub/x",
            {"aws:username": "bob"},
            True,
        ),
    ],
)
def test_not_resource(
    entries: list[str], policy_type: str, resource: str, context: dict[str, str], expected: bool
) -> None:
    """NotResource matches when no entry matches and no entry failed for invalid reasons."""
    matcher = ResourceMatcher(entries, True, policy_type, True)
    assert matcher.matches(resource, False, False, False, context) is expected


def test_statement_without_resource_always_matches() -> None:
    """Trust-policy style statements have no Resource element."""
    doc = document(statement("Allow", "s3:GetObject", None))
    assert decide(identity_policies=[doc]) == "allowed"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("plain", ["plain"]),
        ("a/${aws:username}/b", ["a/", Variable("aws:username", "aws:username", None), "/b"]),
        ("${aws:username, 'guest'}", [Variable("aws:username", "aws:username", "guest")]),
        (
            "${aws:username,'guest'}",
            [Variable("aws:username,'guest'", "aws:username,'guest'", None)],
        ),
        ("${*}${?}${$}", [Escaped("*"), Escaped("?"), Escaped("$")]),
        ("a${b", ["a${b"]),
        ("${AWS:UserName}", [Variable("AWS:UserName", "aws:username", None)]),
    ],
)
def test_policy_variable_tokens(text: str, tokens: list[object]) -> None:
    """Variables, defaults (comma, space, single quotes) and escapes are parsed in one pass."""
    assert tokenize(text, True) == tokens


def test_variables_are_literal_in_2008_documents() -> None:
    """Version 2008-10-17 (or no Version) documents do not substitute variables."""
    doc = {"Statement": [statement("Allow", "s3:*", "arn:aws:s3:::home/${aws:username}/*")]}
    context = {"aws:username": "alice"}
    resource = "arn:aws:s3:::home/alice/f"
    assert decide(identity_policies=[doc], resource=resource, context=context) == "implicitDeny"
    doc["Version"] = "2012-10-17"
    assert decide(identity_policies=[doc], resource=resource, context=context) == "allowed"


@pytest.mark.parametrize(
    ("entry", "context", "resource", "expected"),
    [
        (
            "arn:aws:s3:::home/${aws:username}/*",
            {"aws:username": "${aws:userid}", "aws:userid": "x"},
            "arn:aws:s3:::home/${aws:userid}/f",
            True,
        ),
        (
            "arn:aws:s3:::home/${aws:username}/*",
            {"aws:username": "a*"},
            "arn:aws:s3:::home/ab/f",
            False,
        ),
        (
            "arn:aws:s3:::home/${aws:username}/*",
            {"aws:username": "a*"},
            "arn:aws:s3:::home/a*/f",
            True,
        ),
        ("arn:aws:s3:::home/${aws:username}/*", {"aws:username": ""}, "arn:aws:s3:::home//f", True),
        (
            "arn:aws:s3:::home/${aws:username}/*",
            {"aws:username": ["a", "b"]},
            "arn:aws:s3:::home/a/f",
            False,
        ),
        (
            "arn:aws:iam::${aws:PrincipalAccount}:user/*",
            {"aws:principalaccount": "111111111111"},
            "arn:aws:iam::111111111111:user/x",
            True,
        ),
        (
            "arn:aws:iam::${aws:PrincipalAccount}:user/*",
            {"aws:principalaccount": "111111111111"},
            "arn:aws:iam::222222222222:user/x",
            False,
        ),
    ],
)
def test_variable_substitution(
    entry: str, context: dict[str, object], resource: str, expected: bool
) -> None:
    """Substitution is single-pass and literal; empty values count; lists never resolve;
    every ARN field can hold a variable."""
    matcher = ResourceMatcher([entry], False, "identity", True)
    assert matcher.matches(resource, False, False, False, context) is expected  # type: ignore[arg-type]
