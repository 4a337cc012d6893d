"""Hypothesis strategies for engine tests: arbitrary JSON and well-formed requests."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.policies.engine.helpers import B_USER, FEDERATED, ROLE, ROOT, SESSION, USER, A, B

RANK = {"allowed": 0, "implicitDeny": 1, "explicitDeny": 2}
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- arbitrary, JSON-shaped input
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["*", "Allow", "Deny", "s3:*", "arn:aws:s3:::b/*", "2012-10-17", "AWS"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=8)
            | st.sampled_from(
                ["Statement", "Effect", "Action", "Resource", "Principal", "Condition", "Version"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
statement_keys = st.sampled_from(
    [
        "Sid",
        "Effect",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Principal",
        "NotPrincipal",
        "Condition",
        "Bogus",
    ]
)
loose_statements = st.dictionaries(statement_keys, json_values, max_size=6)
loose_documents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"Statement": st.one_of(loose_statements, st.lists(loose_statements, max_size=3))},
        optional={"Version": st.sampled_from(["2012-10-17", "2008-10-17", "x"]), "Id": json_values},
    ),
)
documents_or_text = st.one_of(
    loose_documents,
    loose_documents.map(lambda d: json.dumps(d, allow_nan=True)),
    st.text(max_size=30),
)
anything = st.one_of(json_values, documents_or_text)


# ---------------------------------------------------------------- well-formed policies
ACTIONS = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:*",
    "s3:Get*",
    "ec2:*",
    "*",
    "iam:ListUsers",
    "kms:Decrypt",
    "sts:AssumeRole",
]
RESOURCES = [
    "*",
    "arn:aws:s3:::bkt/*",
    "arn:aws:s3:::other/*",
    "arn:aws:s3:::bkt/${aws:username}",
    "arn:aws:ec2:*:*:instance/*",
    "arn:aws:s3",
    f"arn:aws:kms:*:{A}:key/*",
]
CONDITIONS = [
    {"StringEquals": {"aws:PrincipalTag/team": "dev"}},
    {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1"]}},
    {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}},
    {"Null": {"aws:TokenIssueTime": "true"}},
    {"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}},
    {"BoolIfExists": {"aws:SecureTransport": "false"}},
]
PRINCIPALS = [
    "*",
    {"AWS": USER},
    {"AWS": A},
    {"AWS": ROLE},
    {"AWS": SESSION},
    {"AWS": ROOT},
    {"AWS": B},
    {"Service": "s3.amazonaws.com"},
    {"AWS": f"arn:aws:iam::{A}:user/bob"},
]


def statements(with_principal: bool) -> st.SearchStrategy[dict[str, Any]]:
    def build(
        effect: str,
        action: Any,
        negate_action: bool,
        resource: Any,
        negate_resource: bool,
        condition: Any,
        principal: Any,
        sid: int,
    ) -> dict[str, Any]:
        result: dict[str, Any] = {"Sid": f"S{sid}", "Effect": effect}
        result["NotAction" if negate_action else "Action"] = action
        result["NotResource" if negate_resource else "Resource"] = resource
        if condition is not None:
            result["Condition"] = condition
        if with_principal:
            result["Principal"] = principal
        return result

    return st.builds(
        build,
        st.sampled_from(["Allow", "Deny"]),
        st.one_of(
            st.sampled_from(ACTIONS), st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3)
        ),
        st.sampled_from([False, False, False, True]),
        st.one_of(
            st.sampled_from(RESOURCES), st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=2)
        ),
        st.sampled_from([False, False, False, True]),
        st.one_of(st.none(), st.sampled_from(CONDITIONS).map(copy.deepcopy)),
        st.sampled_from(PRINCIPALS).map(copy.deepcopy),
        st.integers(0, 999),
    )


def documents(with_principal: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    return st.lists(statements(with_principal), min_size=1, max_size=3).map(
        lambda statements: {"Version": "2012-10-17", "Statement": statements}
    )


CALLERS = [USER, SESSION, ROLE, FEDERATED, ROOT, B_USER]
CONTEXTS = [
    {},
    {"aws:PrincipalTag/team": "dev", "aws:SourceIp": "10.1.1.1"},
    {"aws:username": "alice", "aws:TagKeys": ["a", "b"], "aws:RequestedRegion": "eu-west-1"},
    {"aws:SecureTransport": "true", "aws:TokenIssueTime": "2024-01-01T00:00:00Z"},
]


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed request with a random mix of policy types."""
    principal = draw(st.sampled_from(CALLERS))
    session_capable = principal in (SESSION, ROLE, FEDERATED)
    return {
        "principal": principal,
        "action": draw(
            st.sampled_from(
                [
                    "s3:GetObject",
                    "s3:PutObject",
                    "ec2:RunInstances",
                    "iam:ListUsers",
                    "kms:Decrypt",
                    "sts:AssumeRole",
                ]
            )
        ),
        "resource": draw(
            st.sampled_from(
                [
                    "*",
                    "arn:aws:s3:::bkt/key",
                    "arn:aws:s3:::bkt/alice",
                    "arn:aws:s3:::other/k",
                    f"arn:aws:kms:r:{A}:key/k",
                    f"arn:aws:ec2:r:{A}:instance/i-1",
                ]
            )
        ),
        "resource_account": draw(st.sampled_from([None, A, B])),
        "context": draw(st.sampled_from(CONTEXTS)),
        "identity_policies": draw(st.lists(documents(), max_size=3)),
        "permissions_boundaries": draw(st.lists(documents(), max_size=1)),
        "session_policy": draw(st.none() | documents()) if session_capable else None,
        "resource_policy": draw(st.none() | documents(with_principal=True)),
        "service_control_policies": draw(
            st.none() | st.lists(st.lists(documents(), max_size=2), max_size=3)
        ),
        "resource_control_policies": draw(
            st.none() | st.lists(st.lists(documents(), max_size=1), max_size=2)
        ),
        "endpoint_policies": draw(st.lists(documents(), max_size=1)),
        "s3_block_public_access": draw(st.booleans()),
    }


@st.composite
def mutated_documents(draw: st.DrawFn, with_principal: bool = False) -> Any:
    """A well-formed document with one element replaced by arbitrary JSON (or left intact)."""
    # Mutate a private copy: sampled building blocks are shared between examples.
    doc = copy.deepcopy(draw(documents(with_principal)))
    statement = draw(st.sampled_from(doc["Statement"]))
    choice = draw(st.integers(0, 4))
    if choice == 0:
        statement[draw(statement_keys)] = draw(json_values)
    elif choice == 1 and "Condition" in statement:
        operator = draw(st.sampled_from(list(statement["Condition"])))
        statement["Condition"][operator] = draw(
            st.dictionaries(
                st.text(max_size=8) | st.sampled_from(["aws:SourceIp", "aws:TagKeys"]),
                json_values,
                max_size=2,
            )
            | json_values
        )
    elif choice == 2:
        doc[draw(st.sampled_from(["Version", "Id", "Statement", "Extra"]))] = draw(json_values)
    elif choice == 3:
        statement["Condition"] = {
            draw(st.text(max_size=30) | st.sampled_from(OPERATORS)): {
                draw(
                    st.sampled_from(["aws:SourceIp", "aws:CurrentTime", "aws:TagKeys", "k"])
                ): draw(json_values)
            }
        }
    if draw(st.booleans()):
        return json.dumps(doc, allow_nan=True)
    return doc


OPERATORS = [
    "StringEquals",
    "StringNotLike",
    "ForAllValues:StringLike",
    "ForAnyValue:NumericLessThan",
    "DateGreaterThanIfExists",
    "NotIpAddress",
    "ArnLike",
    "Null",
    "Bool",
    "BinaryEquals",
    "ForAnyValue:IpAddress",
    "ArnNotEquals",
    "NumericEquals",
    "DateEquals",
    "StringEquals:x",
]
