"""Scenarios of operations through each front door, and what each must be refused without.

A scenario names an operation, the calls that perform it through the console and the REST
API on the world's entities, and every authorization AWS requires for it there (action,
resource ARN, condition keys). The tests built from them (test_operations.py) check that
each door asks for exactly those, and that a caller missing any one of them is refused with
AccessDenied and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.test import Client

from policies.authorization import Requirement
from policies.engine.service_reference import is_condition_key_valid
from tests.api.helpers import basic

Context = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Req:
    """One authorization: an action on a resource with the condition keys the request sets."""

    action: str
    resource: str
    context: Context = ()

    @property
    def label(self) -> str:
        return f"{self.action}@{self.resource.rsplit(':', 1)[-1]}"

    def deny_statement(self) -> dict[str, Any]:
        """A Deny of exactly this authorization (the keys telling apart two requirements of
        one action on one resource, such as two detached policies, become its condition)."""
        statement: dict[str, Any] = {"Effect": "Deny", "Action": self.action,
                                     "Resource": self.resource}
        keys = {k: v for k, v in self.context
                if k in ("iam:PolicyARN", "iam:PermissionsBoundary") and isinstance(v, str)}
        if keys:
            statement["Condition"] = {"StringEquals": keys}
        return statement


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def req(action: str, resource: str, context: Mapping[str, Any] | None = None) -> Req:
    """A requirement as a scenario writes it; condition keys the service reference does not
    list for the action are left out, as AWS leaves them out of the request."""
    items = ((k, _frozen(v)) for k, v in (context or {}).items()
             if is_condition_key_valid(k, action))
    return Req(action, resource, tuple(sorted(items)))


def from_requirement(requirement: Requirement) -> Req:
    """A requirement as an operation asked for it."""
    return req(requirement.action, requirement.resource, requirement.context)


@dataclass(frozen=True)
class Call:
    """An HTTP request through one door: form data for the console, JSON for the API.

    The path may name a field of the world in braces (`/presets/{preset_id}/delete/`): an ID
    known only once the world is built. A data value may be a function, called when the
    request is sent (an MFA code of the moment).
    """

    method: str
    path: str
    data: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Scenario:
    """An operation performed through the console and the REST API, with what it requires.

    `console_also` / `api_also`: reads the door's page or endpoint performs besides the
    operation (a user page's tab runs GetUser and the tab's List* operation).
    `shown_in_page`: doors whose page, refused a read, shows AWS's denial in place of what
    it would have read and answers 200 (the dashboard, where everyone lands).
    `console_optional` / `api_optional`: reads the door asks for only to show more (the
    simulator's context keys): asked when allowed; refused, the door still answers and shows
    AWS's denial in their place.
    `operation` is the IAM operation's name, or "<service>:<name>" for another service's.
    `as_root`: the root user performs it (the console's root pages); any other caller, even
    an administrator, is refused. `setup`: called before the call, after the world is built.
    """

    operation: str
    requires: tuple[Req, ...]
    console: Call | None = None
    api: Call | None = None
    label: str = ""
    console_also: tuple[Req, ...] = ()
    api_also: tuple[Req, ...] = ()
    shown_in_page: tuple[str, ...] = ()
    console_optional: tuple[Req, ...] = ()
    api_optional: tuple[Req, ...] = ()
    as_root: bool = False
    setup: Callable[[], Any] | None = None
    doors: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        doors = tuple(d for d in ("console", "api") if getattr(self, d) is not None)
        object.__setattr__(self, "doors", doors)

    @property
    def name(self) -> str:
        return f"{self.operation}-{self.label}" if self.label else self.operation

    def expected(self, door: str) -> tuple[Req, ...]:
        """Everything the door must ask for (each once)."""
        return tuple(dict.fromkeys(self.requires + getattr(self, f"{door}_also")))

    def refused_status(self, door: str) -> int:
        """The status the door answers when refused."""
        return 200 if door in self.shown_in_page else 403

    def optional(self, door: str) -> tuple[Req, ...]:
        """What the door asks for when allowed and does without when refused."""
        return getattr(self, f"{door}_optional")

    @property
    def registered(self) -> str:
        """The operation's key in OPERATIONS ("iam:CreateUser")."""
        return self.operation if ":" in self.operation else f"iam:{self.operation}"


def perform(door: str, call: Call, *, console: Client, api: Client, key: Any,
            world: Any = None) -> Any:
    """Send the call through the door as the world's administrator; `{name}` in the path is
    the world's attribute (an ID known once the world is built)."""
    path = call.path.format_map(vars(world)) if world is not None else call.path
    data = None if call.data is None else {
        name: value() if callable(value) else value for name, value in call.data.items()}
    if door == "console":
        return getattr(console, call.method.lower())(path, data or {})
    kwargs: dict[str, Any] = {
        "HTTP_AUTHORIZATION": basic(key.access_key.access_key_id, key.secret_access_key),
    }
    if data is not None:
        kwargs.update(data=json.dumps(data), content_type="application/json")
    return getattr(api, call.method.lower())(path, **kwargs)


def succeeded(door: str, response: Any) -> bool:
    """A 2xx answer, or the console's redirect after a change."""
    return 200 <= response.status_code < 300 or (door == "console" and response.status_code == 302)


def refusal(door: str, response: Any, status: int = 403) -> str:
    """AWS's AccessDenied sentence of a refused call, or "" when it was not refused so (403:
    the console's denial page, or the page showing the denial beside its form; `status` for
    a page showing it in place of a panel)."""
    if response.status_code != status:
        return ""
    if door == "api":
        body = response.json()
        return body["message"] if body.get("code") == "AccessDenied" else ""
    return response.content.decode()


# Columns that record use rather than state: every call records its access key's last use.
_VOLATILE = ("last_used",)


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the accounts and policies apps (but AWS's catalogue), without usage
    columns."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for label in ("accounts", "policies"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label == "accounts.TrailEvent":  # refusals are recorded
                continue
            columns = [f.attname for f in model._meta.concrete_fields
                       if not any(v in f.attname for v in _VOLATILE)]
            found = model.objects.order_by("pk")
            # The AWS-managed catalogue (thousands of rows) is no account's to change.
            if model._meta.label == "policies.ManagedPolicy":
                found = found.filter(account__isnull=False)
            elif model._meta.label == "policies.PolicyVersion":
                found = found.filter(policy__account__isnull=False)
            rows[model._meta.label] = list(found.values_list(*columns))
    return rows
