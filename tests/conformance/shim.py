"""`moto.mock_aws` as moto's IAM tests use it, pointing boto3 at our live server instead.

The conformance conftest puts `mock_aws` in the place of moto's before the vendored modules
import it. Entering it (as a decorator of a function or a class, or as a context manager)
resets account 123456789012 to its root user alone, gives that root user a fresh access key
and points boto3 at the server through the environment (`AWS_ENDPOINT_URL`, the key,
`AWS_DEFAULT_REGION`); leaving it restores the environment. Nested entries share the
outermost one's account, as moto's do.
"""

from __future__ import annotations

import functools
import inspect
import os
import threading
from collections.abc import Callable
from typing import Any

import boto3
import botocore.loaders
import botocore.session
from django.db import connection, connections

from accounts.models import Account
from tests.wire.conftest import REGION, WIRE_ACCOUNT, fresh_wire_account

ENVIRONMENT = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
               "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "AWS_PROFILE")


# botocore's models, parsed once: a new default session per test reads them from here.
LOADER = botocore.loaders.create_loader()


class Server:
    """The live server the shim points boto3 at (set by the conftest's fixture)."""

    url: str | None = None
    depth = 0
    saved: dict[str, str | None] = {}


def _start() -> None:
    Server.depth += 1
    if Server.depth > 1:
        return
    if Server.url is None:
        raise RuntimeError("mock_aws used outside the conformance suite's live server")
    keys = _where_the_server_sees_it(fresh_wire_account)
    Server.saved = {name: os.environ.get(name) for name in ENVIRONMENT}
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE"):
        os.environ.pop(name, None)
    os.environ.update({
        "AWS_ENDPOINT_URL": Server.url, "AWS_ACCESS_KEY_ID": keys.access_key_id,
        "AWS_SECRET_ACCESS_KEY": keys.secret_access_key, "AWS_DEFAULT_REGION": REGION,
    })
    _new_default_session()


def _stop() -> None:
    Server.depth -= 1
    if Server.depth:
        return
    for name, value in Server.saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    boto3.DEFAULT_SESSION = None
    _where_the_server_sees_it(
        lambda: Account.objects.filter(account_id=WIRE_ACCOUNT).delete())


def _where_the_server_sees_it(write: Callable[[], Any]) -> Any:
    """Run `write` so that the live server sees it: on the test's connection where the
    server shares it (SQLite in memory), else committed from a connection of its own
    (PostgreSQL, where the server thread has its own connection too)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return write()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = write()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _new_default_session() -> None:
    """boto3's default session caches the credentials it resolved first: start a new one,
    sharing the parsed models."""
    core = botocore.session.get_session()
    core.register_component("data_loader", LOADER)
    boto3.setup_default_session(botocore_session=core)


class MockAws:
    """What `mock_aws(...)` returns: a context manager that also decorates."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        # moto's config (load AWS-managed policies, ...) has no equivalent: our server
        # always behaves as AWS does.
        self.config = config

    def __enter__(self) -> MockAws:
        _start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        _stop()

    def start(self) -> None:
        _start()

    def stop(self) -> None:
        _stop()

    def __call__(self, target: Any) -> Any:
        if inspect.isclass(target):
            for name, member in list(vars(target).items()):
                if name.startswith("test") and callable(member):
                    setattr(target, name, self(member))
            return target
        return _wrap(target, self)


def _wrap(func: Callable[..., Any], mock: MockAws) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with mock:
            return func(*args, **kwargs)

    return wrapper


def mock_aws(func: Any = None, config: dict[str, Any] | None = None) -> Any:
    """`@mock_aws`, `@mock_aws()`, `@mock_aws(config=...)` and `with mock_aws():`."""
    mock = MockAws(config)
    if func is not None:
        return mock(func)
    return mock
