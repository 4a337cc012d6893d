"""STS operations: served on the wire only (no console page or REST endpoint runs them), so
their scenarios name no door; tests/wire/test_sts*.py check their authorization with boto3
and the AWS CLI (AssumeRole's console door is in simulation.py: switch role)."""

from __future__ import annotations

from ..harness import Scenario, req
from ..world import ACCOUNT_ID

FEDERATED = f"arn:aws:sts::{ACCOUNT_ID}:federated-user/contractor"

SCENARIOS = [
    # AWS asks no permission for these: no policy can refuse them.
    Scenario("sts:GetCallerIdentity", ()),
    Scenario("sts:GetSessionToken", ()),
    Scenario("sts:GetFederationToken", (req("sts:GetFederationToken", FEDERATED),)),
    Scenario("sts:GetAccessKeyInfo", (req("sts:GetAccessKeyInfo", "*"),)),
    Scenario("sts:DecodeAuthorizationMessage",
             (req("sts:DecodeAuthorizationMessage", "*"),)),
]
