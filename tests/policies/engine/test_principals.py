"""Request principal kinds (spec 1.1) and Principal/NotPrincipal grades (spec 2.5)."""

from __future__ import annotations

from typing import Any

import pytest

from policies.engine import PolicyEngineError
from policies.engine.document import parse_policy
from policies.engine.principals import (
    ACCOUNT,
    DIRECT,
    NONE,
    SESSION_ROLE,
    SESSION_USER,
    PrincipalKind,
    grade_statement,
    parse_principal,
)
from tests.policies.engine.helpers import FEDERATED, ROLE, ROOT, SESSION, USER, A, B, grant


@pytest.mark.parametrize(
    ("value", "kind", "account"),
    [
        (None, PrincipalKind.ANONYMOUS, None),
        (USER, PrincipalKind.USER, A),
        (f"arn:aws:iam::{A}:user/path/to/alice", PrincipalKind.USER, A),
        (ROLE, PrincipalKind.ROLE, A),
        (SESSION, PrincipalKind.ASSUMED_ROLE, A),
        (FEDERATED, PrincipalKind.FEDERATED_USER, A),
        (ROOT, PrincipalKind.ROOT, A),
        ("lambda.amazonaws.com", PrincipalKind.SERVICE, None),
        ("cognito-identity.amazonaws.com", PrincipalKind.FEDERATED_PROVIDER, None),
        ("accounts.google.com", PrincipalKind.FEDERATED_PROVIDER, None),
        (f"arn:aws:iam::{A}:saml-provider/X", PrincipalKind.FEDERATED_PROVIDER, A),
    ],
)
def test_principal_kinds(value: str | None, kind: PrincipalKind, account: str | None) -> None:
    """Every principal kind is recognised, with the account from the ARN's fifth field."""
    principal = parse_principal(value)
    assert (principal.kind, principal.account) == (kind, account)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "arn:aws:iam::1:group/g",
        "arn:aws:iam",
        "arn:aws:sts::1:assumed-role/OnlyRole",
        5,
        "has space",
        f"arn:aws:s3:::{A}",
    ],
)
def test_invalid_principals(value: Any) -> None:
    """Groups, malformed ARNs and non-strings are rejected with the engine error."""
    with pytest.raises(PolicyEngineError):
        parse_principal(value)


GRADES: list[tuple[Any, str | None, int]] = [
    # (Principal element, request principal, grade)
    ("*", USER, DIRECT),
    ("*", None, DIRECT),
    ({"AWS": "*"}, "lambda.amazonaws.com", DIRECT),
    ({"AWS": A}, None, NONE),
    ({"AWS": A}, USER, ACCOUNT),
    ({"AWS": A}, ROOT, ACCOUNT),
    ({"AWS": ROOT}, ROOT, ACCOUNT),
    ({"AWS": ROOT}, SESSION, ACCOUNT),
    ({"AWS": B}, USER, NONE),
    ({"AWS": f"arn:aws:iam::{B}:root"}, USER, NONE),
    ({"AWS": USER}, USER, DIRECT),
    ({"AWS": f"arn:aws:iam::{A}:user/*"}, USER, NONE),
    ({"AWS": "AIDAEXAMPLEUNIQUEID"}, USER, NONE),
    ({"AWS": SESSION}, SESSION, DIRECT),
    ({"AWS": ROLE}, SESSION, SESSION_ROLE),
    ({"AWS": f"arn:aws:iam::{A}:role/dev"}, SESSION, SESSION_ROLE),
    ({"AWS": f"arn:aws:iam::{B}:role/Dev"}, SESSION, NONE),
    ({"AWS": f"arn:aws:iam::{A}:role/Other"}, SESSION, NONE),
    ({"AWS": f"arn:aws:iam::{A}:user/bob"}, FEDERATED, SESSION_USER),
    ({"AWS": f"arn:aws:iam::{A}:user/alice"}, FEDERATED, NONE),
    ({"AWS": [A, ROLE, SESSION]}, SESSION, DIRECT),
    ({"AWS": [A, ROLE]}, SESSION, SESSION_ROLE),
    ({"Service": "lambda.amazonaws.com"}, "lambda.amazonaws.com", DIRECT),
    ({"Service": "lambda.amazonaws.com"}, "ec2.amazonaws.com", NONE),
    ({"Service": "*"}, None, NONE),
    ({"Federated": "cognito-identity.amazonaws.com"}, "cognito-identity.amazonaws.com", DIRECT),
    ({"CanonicalUser": "abc"}, USER, NONE),
]


@pytest.mark.parametrize(("element", "principal", "grade"), GRADES)
def test_principal_grades(element: Any, principal: str | None, grade: int) -> None:
    """The best entry grade wins: Direct > SessionUser > SessionRole > Account > None."""
    statement = parse_policy(grant(element)).statements[0]
    assert grade_statement(statement, parse_principal(principal), False) == grade


@pytest.mark.parametrize(
    ("element", "principal", "boundary", "effect", "grade"),
    [
        ({"AWS": USER}, USER, False, "Deny", NONE),
        ({"AWS": B}, USER, False, "Deny", DIRECT),
        ({"AWS": ROLE}, SESSION, False, "Deny", NONE),
        ({"AWS": USER}, USER, True, "Deny", DIRECT),
        ({"AWS": USER}, USER, True, "Allow", NONE),
        ({"AWS": USER}, None, False, "Allow", DIRECT),
    ],
)
def test_not_principal(
    element: Any, principal: str | None, boundary: bool, effect: str, grade: int
) -> None:
    """NotPrincipal matches iff no entry grades the caller; boundary + Deny always matches."""
    doc = grant("*", effect=effect)
    del doc["Statement"][0]["Principal"]
    doc["Statement"][0]["NotPrincipal"] = element
    statement = parse_policy(doc).statements[0]
    assert grade_statement(statement, parse_principal(principal), boundary) == grade


def test_statement_without_principal_never_matches_in_resource_policy() -> None:
    """A resource-policy statement without Principal/NotPrincipal applies to nobody."""
    doc = grant("*")
    del doc["Statement"][0]["Principal"]
    assert grade_statement(parse_policy(doc).statements[0], parse_principal(USER), False) == NONE
