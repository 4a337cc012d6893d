"""moto's own boto3 tests for IAM, run against our live server (see README.md here).

`moto.mock_aws` is replaced by the shim before the vendored modules import it: each test
starts with account 123456789012 holding only its root user, and boto3 signs with a fresh
root access key against the server thread of tests/wire/conftest.py. Tests that need other
services or moto's internals are skipped with the reason (scope.py); tests where moto's
habits differ from AWS's documented behaviour are expected failures, never passes.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import moto
import pytest
from moto import settings as moto_settings

from tests.wire.conftest import wire_url  # noqa: F401 (the live server thread, shared)

from . import scope, shim

HERE = Path(__file__).parent
VENDORED = HERE / "moto_tests"

moto.mock_aws = shim.mock_aws

if "freezegun" not in sys.modules:
    try:
        import freezegun  # noqa: F401
    except ImportError:
        # One module imports freezegun for a test that freezes the client's clock, which
        # cannot reach a live server (it is out of scope); the import alone must not fail.
        stub = types.ModuleType("freezegun")
        stub.freeze_time = scope.cannot_freeze_time
        sys.modules["freezegun"] = stub

collect_ignore = [str(path) for path in scope.NOT_COLLECTED]

# `make conformance` runs every vendored test; the suite (`make test`) only the smoke subset.
FULL = os.environ.get("CONFORMANCE") == "all"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "aws_verified: moto's mark for tests verified on AWS")


def _vendored(item: pytest.Item) -> bool:
    return VENDORED in Path(str(item.fspath)).parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not FULL:
        kept = [item for item in items
                if not _vendored(item) or scope.test_name(item.nodeid) in scope.SMOKE]
        deselected = [item for item in items if item not in kept]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = kept
    for item in items:
        if not _vendored(item):
            continue
        item.add_marker(pytest.mark.django_db)
        name = scope.test_name(item.nodeid)
        reason = scope.out_of_scope(name)
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"out of scope: {reason}"))
        elif difference := scope.expected_difference(name):
            item.add_marker(pytest.mark.xfail(reason=f"AWS differs from moto: {difference}",
                                              strict=False))


@pytest.fixture(autouse=True)
def _moto_against_live_server(request, monkeypatch):
    """Point the shim at the live server; moto's tests see server mode (no backends)."""
    if not _vendored(request.node):
        yield
        return
    monkeypatch.setattr(shim.Server, "url", request.getfixturevalue("wire_url"))
    server_mode = scope.test_name(request.node.nodeid) not in scope.IN_PROCESS_MODE
    monkeypatch.setattr(moto_settings, "TEST_SERVER_MODE", server_mode)
    monkeypatch.setattr(moto_settings, "TEST_DECORATOR_MODE", not server_mode)
    yield
    assert shim.Server.depth == 0, "mock_aws left entered"


def _figures(session_or_config) -> scope.Figures:
    config = getattr(session_or_config, "config", session_or_config)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    return scope.Figures.from_stats(reporter.stats if reporter else {},
                                    VENDORED.relative_to(config.rootpath))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """`make conformance` passes or fails on the rate, not on single tests: below the
    required rate once the check is enforced, never before."""
    if not FULL or hasattr(session.config, "workerinput"):
        return
    if session.exitstatus != pytest.ExitCode.TESTS_FAILED:
        return  # all passed, or errors of another kind (collection, interruption) stand
    figures = _figures(session)
    if not figures.in_scope or len(figures.failed) < session.testsfailed:
        return  # a failure outside the vendored tests stands
    below = figures.rate < scope.REQUIRED_RATE
    session.exitstatus = (pytest.ExitCode.TESTS_FAILED if scope.ENFORCE and below
                          else pytest.ExitCode.OK)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """The pass rate: passed / IAM API tests in scope (expected differences apart)."""
    figures = _figures(config)
    if figures.in_scope:
        terminalreporter.write_sep("=", f"IAM conformance (moto {scope.MOTO_VERSION}'s "
                                   "tests/test_iam)")
        for line in figures.lines(full=FULL):
            terminalreporter.write_line(line)
