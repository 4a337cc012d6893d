"""The trail's cost on writes: each write operation with its event vs. without one.

`python -m bench bench_trail` builds a throw-away test database (in memory with SQLite, or
`test_<name>` on the PostgreSQL of DATABASE_URL), then runs CreateUser/TagUser/DeleteUser as
the root user, ROUNDS times each way, alternating, and reports the median time per write and
the queries per write. The budget: at most 20% more time and one more query per write; the
process exits non-zero beyond it.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from .support import bench_account

ROUNDS = 30
TIME_BUDGET = 1.20
QUERY_BUDGET = 1


def _writes(caller: Any, index: int) -> tuple[float, int]:
    """(seconds, queries) of three writes: create a user, tag it, delete it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.operations.tags import TagUser
    from accounts.operations.users import CreateUser, DeleteUser

    name = f"bench-{index}"
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        caller.run(CreateUser, user_name=name)
        caller.run(TagUser, user_name=name, tags={"team": "bench"})
        caller.run(DeleteUser, user_name=name)
        elapsed = time.perf_counter() - started
    return elapsed / 3, len(queries.captured_queries) / 3


def main() -> None:
    """Time writes with and without the trail; exit non-zero over the budget."""
    with bench_account() as account:
        from iamconsole.operations.caller import Caller, root_caller

        caller = root_caller(account)
        record, write = Caller.record, Caller.write_events
        with_trail: list[tuple[float, int]] = []
        without: list[tuple[float, int]] = []
        try:
            for index in range(ROUNDS):
                Caller.record, Caller.write_events = record, write  # type: ignore[method-assign]
                with_trail.append(_writes(caller, 2 * index))
                Caller.record = Caller.write_events = lambda *a: None  # type: ignore[assignment]
                without.append(_writes(caller, 2 * index + 1))
        finally:
            Caller.record, Caller.write_events = record, write  # type: ignore[method-assign]
    on = statistics.median(t for t, _ in with_trail[3:])
    off = statistics.median(t for t, _ in without[3:])
    extra_queries = with_trail[-1][1] - without[-1][1]
    print(f"write without the trail: {off * 1000:6.2f} ms, {without[-1][1]:.1f} queries")
    print(f"write with the trail:    {on * 1000:6.2f} ms, {with_trail[-1][1]:.1f} queries")
    print(f"cost: {(on / off - 1) * 100:+.1f}% time, {extra_queries:+.1f} queries per write "
          f"(budget +{(TIME_BUDGET - 1) * 100:.0f}%, +{QUERY_BUDGET})")
    if on > off * TIME_BUDGET or extra_queries > QUERY_BUDGET:
        raise SystemExit("the trail costs writes more than its budget")


if __name__ == "__main__":
    main()
