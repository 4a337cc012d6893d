"""Wildcards match in linear time: no pattern makes a decision hang (issue 18, finding 1)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.engine.globs import glob_matches
from policies.engine.matching import ResourceMatcher
from tests.documents import allow, document, statement
from tests.policies.engine.helpers import decide

# Eight stars made a 64-character ARN take two minutes; twenty must be instant.
ADVERSARIAL = "arn:aws:s3:::" + "*a" * 20 + "*b"
VICTIM = "arn:aws:s3:::" + "a" * 51
GUARD_SECONDS = 5


@contextmanager
def hard_limit(seconds: int = GUARD_SECONDS) -> Iterator[None]:
    """Fail the test (instead of hanging the suite) if the block runs longer than `seconds`."""

    def expired(signum, frame):
        raise TimeoutError(f"wildcard matching took over {seconds} s: it backtracks")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def reference(pattern: str, value: str, confined: bool = False) -> bool:
    """The textbook dynamic programme for `*`/`?` globs (`confined`: no star or ? crosses ':')."""

    @cache
    def match(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(value)
        char = pattern[i]
        if char == "*":
            if match(i + 1, j):
                return True
            return j < len(value) and not (confined and value[j] == ":") and match(i, j + 1)
        if j == len(value):
            return False
        if char == "?":
            return not (confined and value[j] == ":") and match(i + 1, j + 1)
        return char == value[j] and match(i + 1, j + 1)

    return match(0, 0)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab*?", max_size=10), st.text(alphabet="ab", max_size=12))
def test_globs_agree_with_the_reference_matcher(pattern, value):
    assert glob_matches(pattern, value, ignore_case=False) == reference(pattern, value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab*?", max_size=8), st.text(alphabet="ab:", max_size=10))
def test_resource_globs_agree_with_the_reference_matcher(glob, value):
    """The resource part of an S3 ARN: its stars may cross ':'."""
    matcher = ResourceMatcher(["arn:aws:s3:::" + glob], negated=False, policy_type="identity",
                              variables=False)
    expected = reference(glob, value)
    assert matcher.matches("arn:aws:s3:::" + value, False, False, False, {}) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab*?", max_size=6), st.text(alphabet="ab:", max_size=8))
def test_arn_field_globs_do_not_cross_colons(glob, region):
    """A star in an ARN's region field stays within the field, as AWS matches ARNs."""
    matcher = ResourceMatcher([f"arn:aws:ec2:{glob}:111111111111:instance/i-1"], negated=False,
                              policy_type="identity", variables=False)
    resource = f"arn:aws:ec2:{region}:111111111111:instance/i-1"
    expected = ":" not in region and reference(glob, region, confined=True)
    assert matcher.matches(resource, False, False, False, {}) == expected


@pytest.mark.parametrize("where", ["Resource", "Action", "StringLike", "ArnLike", "NotResource"])
def test_an_adversarial_wildcard_is_decided_at_once(where):
    """A pattern of many stars against a long value that almost matches never hangs."""
    if where == "Resource":
        policy = document(allow("s3:GetObject", ADVERSARIAL))
    elif where == "NotResource":
        policy = document(statement("Allow", "s3:GetObject", None, NotResource=ADVERSARIAL))
    elif where == "Action":
        policy = document(allow("s3:" + "*a" * 20 + "*b", "*"))
    else:
        key = "aws:PrincipalArn" if where == "ArnLike" else "aws:UserAgent"
        policy = document(allow("s3:GetObject", "*",
                                Condition={where: {key: ADVERSARIAL}}))
    with hard_limit():
        decision = decide(identity_policies=[policy], action="s3:GetObjectaaaaaaaaaaaaaaaaaaaaaa",
                          resource=VICTIM, context={"aws:UserAgent": VICTIM})
    assert decision in {"implicitDeny", "allowed"}
    with hard_limit():
        assert decide(identity_policies=[document(allow("s3:GetObject", ADVERSARIAL))],
                      resource=VICTIM) == "implicitDeny"
        assert decide(identity_policies=[document(allow("s3:GetObject", ADVERSARIAL))],
                      resource=VICTIM + "ab") == "allowed"
