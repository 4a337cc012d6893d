"""Policy engine throughput: independent requests (workloads A and B), the batch path, cold start.

Every per-request figure goes through the public `evaluate(AuthorizationRequest(...))`, the
request built in the timed loop, as a caller or a server does (see `engine_workloads`):

- A, dict / text input: 1,000 requests of one realistic principal, each with its own action,
  resource and context; the policies are the same objects each time (decoded JSON objects, or
  JSON text).
- B: one request for each of the 22,321 actions of the service reference (dict input).
- batch: `evaluate_many` with one template (as the simulator does), a new context each round.
- cold: the first request of a new process (engine imported, nothing evaluated yet).

Each figure is the median of BENCH_ROUNDS rounds (default 5; B: BENCH_ROUNDS_B, 3), so a busy
moment of a shared machine weighs little; the first round of A and B (new actions for the
policy set) is shown apart, and so is the rate by CPU time (this process's own time: what the
wall-clock rate would be on an idle machine).
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.engine_workloads import (
    CONTEXT,
    PRINCIPAL,
    policy_objects,
    policy_texts,
    template,
    workload_a,
    workload_b,
)
from policies.engine import AuthorizationRequest, evaluate, evaluate_many, prepare

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
TARGET = 50_000
COLD_TARGET_MS = 50
_COLD = """
import json, sys, time
started = time.perf_counter()
from bench.engine_workloads import policy_objects, PRINCIPAL, CONTEXT
from policies.engine import AuthorizationRequest, evaluate
imported = time.perf_counter()
forms = policy_objects()
begin, cpu = time.perf_counter(), time.process_time()
result = evaluate(AuthorizationRequest(principal=PRINCIPAL, action="s3:GetObject",
                  resource="arn:aws:s3:::data-bucket/home/alice/report.csv",
                  context=CONTEXT, **forms.fields()))
first, cpu = time.perf_counter(), time.process_time() - cpu
evaluate(AuthorizationRequest(principal=PRINCIPAL, action="ec2:DescribeInstances",
         context=dict(CONTEXT), **forms.fields()))
second = time.perf_counter()
print(json.dumps({"import": imported - started, "first": first - begin, "cpu": cpu,
                  "second": second - first, "decision": result.decision}))
"""


def _rounds(run: Callable[[], int], rounds: int) -> tuple[float, float, float]:
    """(first round's decisions/s, median of the other rounds', that median by CPU time).

    The CPU-time rate counts only the time this process ran: on a shared machine it shows
    what the wall-clock rate would be on an idle one."""
    rates, cpu_rates = [], []
    for _ in range(rounds):
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        count = run()
        rates.append(count / (time.perf_counter() - started))
        cpu_rates.append(count / max(time.process_time() - cpu, 1e-9))
    return rates[0], statistics.median(rates[1:] or rates), statistics.median(cpu_rates[1:]
                                                                               or cpu_rates)


def _verdict(rate: float) -> str:
    return "met" if rate >= TARGET else "MISSED"


def _line(label: str, first: float, median: float, cpu: float, target: bool = True) -> None:
    goal = f" (target >= {TARGET:,}: {_verdict(median)})" if target else ""
    print(f"  {label:<36} first round {first:>9,.0f}/s  median {median:>9,.0f}/s "
          f"(by CPU time {cpu:>9,.0f}/s){goal}")


def bench_cold() -> None:
    """The first request of a new process, in a subprocess (median of three)."""
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _COLD], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        runs.append(json.loads(out.splitlines()[-1]))
    first = statistics.median(run["first"] for run in runs) * 1000
    second = statistics.median(run["second"] for run in runs) * 1000
    imported = statistics.median(run["import"] for run in runs) * 1000
    cpu = statistics.median(run["cpu"] for run in runs) * 1000
    verdict = "met" if first < COLD_TARGET_MS else "MISSED"
    print(f"cold: new process, engine imported in {imported:.0f} ms; first request (workload A's "
          f"policies as dicts) {first:.1f} ms, CPU time {cpu:.1f} ms (target < "
          f"{COLD_TARGET_MS} ms: {verdict}); "
          f"second (new action, new context) {second:.2f} ms")


def _per_request(forms: Any, requests: list[tuple[str, str, dict[str, Any]]]) -> Callable[[], int]:
    fields = forms.fields()

    def run() -> int:
        for action, resource, context in requests:
            evaluate(AuthorizationRequest(principal=PRINCIPAL, action=action, resource=resource,
                                          context=context, **fields))
        return len(requests)

    return run


def bench_a() -> None:
    """Workload A per request, with dict and with text input."""
    requests = workload_a()
    objects, texts = policy_objects(), policy_texts()
    outcomes: dict[str, int] = {}
    for action, resource, context in requests:
        decision = evaluate(AuthorizationRequest(principal=PRINCIPAL, action=action,
                                                 resource=resource, context=context,
                                                 **objects.fields())).decision
        outcomes[decision] = outcomes.get(decision, 0) + 1
    print(f"A: one principal (10 identity policies incl. ReadOnlyAccess, a boundary, 3 SCP "
          f"levels, a bucket policy), {len(requests):,} requests each with its own context; "
          f"{outcomes}")
    for label, forms in (("per request, dict input", objects), ("per request, text input", texts)):
        _line(label, *_rounds(_per_request(forms, requests), ROUNDS))


def bench_b() -> None:
    """Workload B per request, and the batch path over the same actions."""
    actions = workload_b()
    objects = policy_objects()
    requests = [(action, "*", CONTEXT) for action in actions]
    rounds = int(os.environ.get("BENCH_ROUNDS_B", 3))
    print(f"B: every action of the service reference ({len(actions):,} requests, resource '*', "
          "dict input)")
    _line("per request", *_rounds(_per_request(objects, requests), rounds))
    counter = iter(range(1_000_000))
    pairs = [(action, "*") for action in actions]

    def batch() -> int:
        # A new context each round: the simulator's template is new for each simulation.
        context = {**CONTEXT, "aws:EpochTime": str(next(counter))}
        return len(evaluate_many(template(policy_texts(), context), pairs))

    _line("batch (evaluate_many, new template)", *_rounds(batch, rounds), target=False)


def bench_batch_a() -> None:
    """The batch path on workload A's actions: one template, warm, and its latency."""
    pairs = [(action, resource) for action, resource, _ in workload_a()]
    requests = template(policy_texts())
    evaluate_many(requests, pairs)
    _line("A batch (evaluate_many, warm)",
          *_rounds(lambda: len(evaluate_many(requests, pairs)), ROUNDS), target=False)
    decide = prepare(requests).evaluate
    samples: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(5):
        for action, resource in pairs:
            begin = clock()
            decide(action, resource)
            samples.append((clock() - begin) / 1000)
    samples.sort()
    print(f"  A batch latency per decision: p50 {samples[len(samples) // 2]:.2f} µs, "
          f"p99 {samples[int(len(samples) * 0.99)]:.2f} µs")


def main() -> None:
    """Cold first (a new process), then A, the batch path, and B."""
    print(f"medians of {ROUNDS} rounds (B: {os.environ.get('BENCH_ROUNDS_B', 3)}); "
          f"load average {os.getloadavg()[0]:.2f} at start")
    bench_cold()
    bench_a()
    bench_batch_a()
    bench_b()


if __name__ == "__main__":
    main()
