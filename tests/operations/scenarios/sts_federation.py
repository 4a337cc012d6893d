"""STS federation: served on the wire only, unsigned (no IAM principal calls them), so
their scenarios name no door and no identity permission: the role's trust policy decides,
with the provider as principal; tests/wire/test_sts_federation.py checks it with boto3 and
the AWS CLI, tests/accounts/federation the verifiers."""

from __future__ import annotations

from ..harness import Scenario

SCENARIOS = [
    Scenario("sts:AssumeRoleWithWebIdentity", ()),
    Scenario("sts:AssumeRoleWithSAML", ()),
]
