"""The conformance suite's bookkeeping: its lists name real tests, its rate is what it says."""

from __future__ import annotations

import ast
from types import SimpleNamespace

import pytest

from . import scope


def _vendored_tests() -> set[str]:
    names = set()
    for path in scope.TESTS.glob("test_*.py"):
        tree = ast.parse(path.read_text())
        names |= {f"{path.name}::{node.name}" for node in tree.body
                  if isinstance(node, ast.FunctionDef) and node.name.startswith("test")}
    return names


@pytest.mark.parametrize("listed", ["SMOKE", "OUT_OF_SCOPE", "EXPECTED_DIFFERENCES",
                                    "IN_PROCESS_MODE"])
def test_every_listed_test_exists_in_the_vendored_modules(listed):
    """After a moto upgrade, a renamed or removed test must leave the lists too."""
    stale = {name for name in getattr(scope, listed)
             if name.partition("[")[0] not in _vendored_tests()}
    assert not stale


def test_no_test_is_both_out_of_scope_and_an_expected_difference():
    assert not set(scope.OUT_OF_SCOPE) & set(scope.EXPECTED_DIFFERENCES)


def _report(name: str, when: str = "call") -> SimpleNamespace:
    return SimpleNamespace(nodeid=f"vendored/test_iam.py::{name}", when=when)


def test_the_rate_counts_passes_over_tests_in_scope_only():
    stats = {
        "passed": [_report(f"test_ok_{index}") for index in range(19)]
        + [_report("test_ok_0", when="setup")],
        "failed": [_report("test_broken")],
        "xfailed": [_report("test_moto_habit")],
        "skipped": [_report("test_other_service", when="setup")],
        "error": [],
    }
    figures = scope.Figures.from_stats(stats, scope.Path("vendored"))
    assert (figures.passed, figures.in_scope, figures.differences, figures.out_of_scope) == (
        19, 20, 1, 1)
    assert figures.rate == 95.0
    assert figures.lines(full=True)[0].startswith("passed 19 / in scope 20: 95.0%")
