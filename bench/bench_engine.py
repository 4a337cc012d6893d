"""Policy engine throughput and latency: (a) a realistic principal, (b) every reference action."""

from __future__ import annotations

import dataclasses
import gc
import json
import random
import re
import statistics
import time
from typing import Any

from policies.engine import AuthorizationRequest, Evaluator, evaluate, evaluate_many, prepare
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
DECISIONS = ("allowed", "implicitDeny", "explicitDeny")


def _doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _managed_policies() -> list[str]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    data = json.loads(aws_managed_policies_data)
    docs = [json.dumps(data[name]["Document"]) for name in MANAGED]
    # The tenth: a customer managed policy with conditions and a policy variable.
    docs.append(
        _doc(
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
    )
    return docs


def _template() -> AuthorizationRequest:
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
    return AuthorizationRequest(
        principal=PRINCIPAL,
        action="s3:GetObject",
        context=CONTEXT,
        identity_policies=_managed_policies(),
        permissions_boundaries=[boundary],
        resource_policy=bucket,
        service_control_policies=[[full], [full, regions], [full, guard]],
    )


def _resource_for(action: str) -> str:
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


def _report(label: str, seconds: float, count: int) -> None:
    print(f"  {label}: {count:,} decisions in {seconds:.3f} s = {count / seconds:,.0f} decisions/s")


def bench_every_action() -> None:
    """(b) Every action in the service reference, for one principal, from cold caches."""
    cold = ref.get_service.cache_info().currsize == 0
    start = time.perf_counter()
    actions = ref.all_actions()
    loaded = time.perf_counter()
    results = evaluate_many(_template(), [(action, "*") for action in actions])
    total = time.perf_counter() - start
    allowed = sum(result.decision == "allowed" for result in results)
    print(f"(b) every action in the service reference ({len(actions):,} actions, resource '*')")
    print(
        f"  {'cold' if cold else 'warm'} service reference: loading {loaded - start:.3f} s, "
        f"evaluating {total - (loaded - start):.3f} s, total {total:.3f} s "
        f"(target < 2 s: {'met' if total < 2 else 'MISSED'}); {allowed:,} allowed"
    )


def bench_principal() -> None:
    """(a) 10 managed policies incl. ReadOnlyAccess, boundary, 3 SCP levels, resource policy."""
    rng = random.Random(20251)
    actions = sorted(rng.sample(ref.all_actions(), 1000))
    pairs = [(action, _resource_for(action)) for action in actions]
    template = _template()
    gc.collect()
    start = time.perf_counter()
    cold_evaluator = Evaluator(template)  # fresh: compiled-policy caches may be warm, plans not
    first = [cold_evaluator.evaluate(action, resource) for action, resource in pairs]
    cold = time.perf_counter() - start
    outcomes = {name: sum(r.decision == name for r in first) for name in DECISIONS}
    print("(a) 10 managed policies (incl. ReadOnlyAccess), boundary, 3 SCP levels, bucket policy,")
    print(f"    conditions; 1,000 distinct (action, resource) pairs; outcomes {outcomes}")
    _report("first pass, new evaluator (per-action plans built)", cold, len(pairs))
    evaluator = prepare(template)
    evaluate_many(template, pairs)  # warm the cached evaluator's plans
    rounds = 30
    gc.collect()
    start = time.perf_counter()
    for _ in range(rounds):
        evaluate_many(template, pairs)
    elapsed = time.perf_counter() - start
    _report("warm throughput, evaluate_many (one core)", elapsed, rounds * len(pairs))
    throughput = rounds * len(pairs) / elapsed
    requests = [
        dataclasses.replace(template, action=action, resource=resource)
        for action, resource in pairs
    ]
    start = time.perf_counter()
    for request in requests:
        evaluate(request)
    _report(
        "warm, evaluate(request) one by one (template cache lookup included)",
        time.perf_counter() - start,
        len(requests),
    )
    samples: list[float] = []
    clock = time.perf_counter_ns
    decide = evaluator.evaluate
    for _ in range(10):
        for action, resource in pairs:
            begin = clock()
            decide(action, resource)
            samples.append((clock() - begin) / 1000)
    samples.sort()
    mean = statistics.fmean(samples)
    p50 = samples[len(samples) // 2]
    p99 = samples[int(len(samples) * 0.99)]
    print(
        f"  warm latency per decision (Evaluator.evaluate): mean {mean:.2f} µs, "
        f"p50 {p50:.2f} µs, p99 {p99:.2f} µs ({len(samples):,} samples)"
    )
    verdict = "met" if throughput >= 100_000 else "MISSED"
    print(f"  target >= 100,000 decisions/s (evaluate_many): {verdict}")


def main() -> None:
    """Run (b) first so that the service reference is measured from cold, then (a)."""
    bench_every_action()
    bench_principal()
