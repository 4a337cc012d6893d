"""Deterministic values for botocore shapes: every member of a structure, lists of two, maps
of two, strings within the shape's length that match its pattern, booleans, integers within
range, timestamps and blobs. The round trip tests feed them through both protocol layers."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import cache
from typing import Any

from botocore.model import Shape

POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a b/*",
     "Condition": {"StringLike": {"s3:prefix": ["x&y=z%2F+"]}}}]})
WHEN = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
# Candidates tried in order: the first that fits the shape's length and pattern wins. The
# first is deliberately awkward (spaces, &, =, %, +, non-ASCII) to exercise the encodings.
_CANDIDATES = (
    "a b&c=d%2F+é", "name_1+=,.@-", "/", "/path/a/", "arn:aws:iam::123456789012:user/a",
    "arn:aws:iam::123456789012:workload-identity-template/a", "123456789012", "o-abcdefghij",
    "o-abcdefghij/r-abcd/", "v1", "123456", "AKIAEXAMPLE",
    "http://example.com/a", "p-abcdefgh", "example.com", "a/b", "{a}/b", "aws:SourceIp",
    "ab", "AB", "a",
    # Organizations' and CloudTrail's identifiers and ARNs.
    "r-abcd", "ou-abcd-abcdefgh", "h-abcdefgh", "car-abcdefgh", "rp-abcd", "rt-abcdefgh",
    "a@example.com", "iam.amazonaws.com", "s3://bucket-a", "12:30",
    "arn:aws:organizations::123456789012:organization/o-abcdefghij",
    "arn:aws:organizations::123456789012:root/o-abcdefghij/r-abcd",
    "arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-abcd-abcdefgh",
    "arn:aws:organizations::123456789012:account/o-abcdefghij/123456789012",
    "arn:aws:organizations::123456789012:handshake/o-abcdefghij/invite/h-abcdefgh",
    "arn:aws:organizations::123456789012:policy/o-abcdefghij/service_control_policy/"
    "p-abcdefghij",
    "arn:aws:organizations::123456789012:resourcepolicy/o-abcdefghij/rp-abcd",
    "arn:aws:organizations::123456789012:transfer/o-abcdefghij/billing/inbound/rt-abcdefgh",
)
# Java's classes that Python's re lacks.
_JAVA = {r"\p{L}": "a-zA-Zé", r"\p{Z}": " ", r"\p{N}": "0-9"}


@cache
def _compiled(pattern: str | None) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    for java, python in _JAVA.items():
        pattern = pattern.replace(java, python)
    try:
        return re.compile(pattern)
    except re.error:
        return None


def string(shape: Shape, salt: int = 0) -> str:
    """A string the shape accepts (its enum's first value for an enum)."""
    if shape.enum:
        return shape.enum[salt % len(shape.enum)]
    if shape.name == "policyDocumentType" or "PolicyDocument" in shape.name:
        return POLICY
    meta = shape.metadata
    low, high = meta.get("min", 1) or 1, meta.get("max", 2048)
    pattern = _compiled(meta.get("pattern"))
    for candidate in _CANDIDATES:
        for value in _lengths(candidate, low, high):
            if pattern is None or pattern.fullmatch(value):
                return value + (str(salt) if salt and (pattern is None or pattern.fullmatch(
                    value + str(salt))) and len(value) < high else "")
    raise AssertionError(f"no value for {shape.name}: {meta}")


def _lengths(candidate: str, low: int, high: int) -> list[str]:
    if low <= len(candidate) <= high:
        return [candidate]
    if len(candidate) > high:
        return [candidate[:high]]
    missing = low - len(candidate)
    return [candidate + candidate[-1] * missing, candidate[:-1] + candidate[-2:-1] * missing
            + candidate[-1:], "1" * low]


def value(shape: Shape, salt: int = 0, depth: int = 0) -> Any:
    """A value of the shape (nested structures stop after a few levels)."""
    kind = shape.type_name
    if kind == "structure":
        if depth > 12:
            return {}
        members = list(shape.members.items())
        if getattr(shape, "is_tagged_union", False):  # exactly one member set
            members = members[salt % len(members):][:1]
        return {name: value(member, salt, depth + 1) for name, member in members}
    if kind == "list":
        return [value(shape.member, salt + index, depth + 1) for index in range(2)]
    if kind == "map":
        return {string(shape.key, salt + index): value(shape.value, salt + index, depth + 1)
                for index in range(2)}
    if kind == "string":
        return string(shape, salt)
    if kind == "boolean":
        return salt % 2 == 0
    if kind in ("integer", "long"):
        return max(shape.metadata.get("min", 0), min(shape.metadata.get("max", 10**6), 42))
    if kind in ("float", "double"):
        return 0.5 + salt
    if kind == "timestamp":
        return WHEN
    if kind == "blob":
        return b"\x00binary\xff" + str(salt).encode()
    raise AssertionError(f"no value for a {kind} ({shape.name})")
