"""The engine's two benchmark workloads, shared by `bench_engine` and the engine's tests.

- Workload A: one realistic principal (10 identity policies including ReadOnlyAccess, a
  permissions boundary, 3 SCP levels, a bucket policy, conditions and a policy variable) and
  1,000 independent requests, each with its own action, resource and context.
- Workload B: the same principal, one request for each action of the service reference
  (resource "*", one context).

Policies come as text (`policy_texts`) or as decoded JSON objects (`policy_objects`), the two
forms a caller or a server hands the engine.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from typing import Any

from policies.engine import AuthorizationRequest
from policies.engine import service_reference as ref

ACCOUNT = "111111111111"
PRINCIPAL = f"arn:aws:iam::{ACCOUNT}:user/engineering/alice"
MANAGED = [
    "ReadOnlyAccess",
    "AmazonS3ReadOnlyAccess",
    "AmazonEC2ReadOnlyAccess",
    "IAMReadOnlyAccess",
    "AmazonDynamoDBFullAccess",
    "AWSLambda_ReadOnlyAccess",
    "CloudWatchReadOnlyAccess",
    "AmazonSQSFullAccess",
    "AmazonSNSReadOnlyAccess",
]
CONTEXT: dict[str, Any] = {
    "aws:SourceIp": "10.20.30.40",
    "aws:RequestedRegion": "eu-west-1",
    "aws:PrincipalTag/team": "platform",
    "aws:SecureTransport": "true",
    "aws:CurrentTime": "2025-06-01T12:00:00Z",
    "aws:username": "alice",
    "aws:TagKeys": ["env", "owner"],
}
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


def _doc(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _managed() -> list[dict[str, Any]]:
    # moto ships AWS's managed policies (a development requirement, like this module).
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    data = json.loads(aws_managed_policies_data)
    return [data[name]["Document"] for name in MANAGED]


@dataclass(frozen=True)
class PolicyForms:
    """Workload A's policies, each as a list of documents per place in the request."""

    identity: list[Any]
    boundaries: list[Any]
    resource: Any
    scps: list[list[Any]]

    def fields(self) -> dict[str, Any]:
        """The policy fields of an `AuthorizationRequest`."""
        return {
            "identity_policies": self.identity,
            "permissions_boundaries": self.boundaries,
            "resource_policy": self.resource,
            "service_control_policies": self.scps,
        }


def policy_objects() -> PolicyForms:
    """The policies as decoded JSON objects (dicts), built once."""
    own = _doc(
        {
            "Sid": "OwnPrefix",
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:DeleteObject"],
            "Resource": "arn:aws:s3:::data-*/home/${aws:username}/*",
            "Condition": {
                "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]},
                "StringEquals": {"aws:PrincipalTag/team": ["platform", "data"]},
            },
        },
        {
            "Sid": "NoInsecure",
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    )
    boundary = _doc(
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {
            "Effect": "Deny",
            "Action": ["iam:Create*", "iam:Delete*", "organizations:*"],
            "Resource": "*",
        },
    )
    full = _doc({"Effect": "Allow", "Action": "*", "Resource": "*"})
    regions = _doc(
        {
            "Effect": "Deny",
            "NotAction": ["iam:*", "sts:*", "organizations:*", "support:*"],
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}},
        }
    )
    guard = _doc(
        {
            "Effect": "Deny",
            "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "s3:DeleteBucket"],
            "Resource": "*",
        },
        {
            "Effect": "Deny",
            "Action": "ec2:RunInstances",
            "Resource": "arn:aws:ec2:*:*:instance/*",
            "Condition": {"ForAnyValue:StringNotLike": {"aws:TagKeys": ["env", "owner", "cost*"]}},
        },
    )
    bucket = _doc(
        {
            "Sid": "Account",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::data-*", "arn:aws:s3:::data-*/*"],
        },
        {
            "Sid": "TlsOnly",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    )
    scps = [[full], [full, regions], [full, guard]]
    return PolicyForms([*_managed(), own], [boundary], bucket, scps)


def policy_texts() -> PolicyForms:
    """The same policies as JSON text."""
    objects = policy_objects()
    return PolicyForms(
        [json.dumps(doc) for doc in objects.identity],
        [json.dumps(doc) for doc in objects.boundaries],
        json.dumps(objects.resource),
        [[json.dumps(doc) for doc in level] for level in objects.scps],
    )


def template(forms: PolicyForms | None = None, context: dict[str, Any] | None = None
             ) -> AuthorizationRequest:
    """The principal's request template (action and resource to be replaced)."""
    forms = forms or policy_texts()
    return AuthorizationRequest(principal=PRINCIPAL, action="s3:GetObject",
                                context=CONTEXT if context is None else context, **forms.fields())


def resource_for(action: str) -> str:
    """A concrete ARN for the action's first resource type, or '*' if it has none."""
    info = ref.action_info(action)
    service = ref.get_service(action.split(":")[0])
    if info is None or service is None or not info.resource_types:
        return "*"
    resource_type = service.resource_types.get(info.resource_types[0][0].lower())
    if resource_type is None or not resource_type.arn_patterns:
        return "*"

    def fill(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name == "partition":
            return "aws"
        if name == "region":
            return "eu-west-1"
        if name == "account":
            return ACCOUNT
        return f"data-{name}" if name.startswith("bucket") else f"{name}-1"

    return _PLACEHOLDER.sub(fill, resource_type.arn_patterns[0])


def _context(rng: random.Random, index: int) -> dict[str, Any]:
    """A request's own context: time, address, region, transport and tags vary."""
    seconds = 1_748_779_200 + index * 37
    context: dict[str, Any] = {
        "aws:SourceIp": rng.choice(["10.20.30.", "192.168.1.", "203.0.113."])
        + str(rng.randrange(1, 255)),
        "aws:RequestedRegion": rng.choice(["eu-west-1", "eu-west-1", "us-east-1", "ap-south-1"]),
        "aws:PrincipalTag/team": rng.choice(["platform", "data", "web"]),
        "aws:SecureTransport": rng.choice(["true", "true", "true", "false"]),
        "aws:CurrentTime": f"2025-06-01T{index // 3600 % 24:02d}:{index // 60 % 60:02d}:"
        f"{index % 60:02d}Z",
        "aws:EpochTime": str(seconds),
        "aws:username": rng.choice(["alice", "alice", "bob"]),
        "aws:userid": f"AIDA{index:016d}",
    }
    if rng.random() < 0.5:
        context["aws:TagKeys"] = rng.sample(["env", "owner", "cost-centre", "temp"], 2)
    return context


def workload_a(count: int = 1000, seed: int = 20251) -> list[tuple[str, str, dict[str, Any]]]:
    """(action, resource, context) for `count` independent requests."""
    rng = random.Random(seed)
    actions = sorted(rng.sample(ref.all_actions(), count))
    return [(action, resource_for(action), _context(rng, index))
            for index, action in enumerate(actions)]


def workload_b() -> list[str]:
    """Every action of the service reference (each requested on "*" with `CONTEXT`)."""
    return list(ref.all_actions())
