"""Policy documents for tests: `allow(...)` and `deny(...)` build one statement, `document(...)`
wraps statements in a policy document and `document_text(...)` writes it out as JSON.

Django-free, so the engine's tests use it too.
"""

from __future__ import annotations

import json
from typing import Any

VERSION = "2012-10-17"

Statement = dict[str, Any]
Document = dict[str, Any]


def statement(effect: str = "Allow", action: Any = "*", resource: Any = "*",
              **extra: Any) -> Statement:
    """One statement; `resource=None` leaves Resource out, as do NotAction/NotResource in
    `extra` for Action/Resource."""
    result: Statement = {"Effect": effect}
    if "NotAction" not in extra:
        result["Action"] = action
    if resource is not None and "NotResource" not in extra:
        result["Resource"] = resource
    result.update(extra)
    return result


def allow(action: Any = "*", resource: Any = "*", **extra: Any) -> Statement:
    """An Allow statement (`extra` adds Sid, Condition, Principal...)."""
    return statement("Allow", action, resource, **extra)


def deny(action: Any = "*", resource: Any = "*", **extra: Any) -> Statement:
    """A Deny statement (`extra` adds Sid, Condition, Principal...)."""
    return statement("Deny", action, resource, **extra)


def document(*statements: Statement, version: str | None = VERSION) -> Document:
    """A policy document holding `statements`; `version=None` leaves Version out."""
    body: Document = {"Statement": list(statements)}
    return body if version is None else {"Version": version, **body}


def document_text(*statements: Statement, version: str | None = VERSION,
                  indent: int | None = 2) -> str:
    """The JSON text of `document(*statements)`, indented by `indent` spaces."""
    return json.dumps(document(*statements, version=version), indent=indent)


ALLOW_ALL = document(allow())
EC2_TRUST = document({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                      "Action": "sts:AssumeRole"})
