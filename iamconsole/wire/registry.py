"""The wire actions: one function per AWS action, registered under its service and name.

A wire action is a front door like a console view or a REST handler: it turns the request's
parameters (as botocore's input shape parses them, AWS's member names) into an operation's
input, runs the operation as the caller, and returns the output shape's members as a dict
(AWS's member names again); the protocol layer writes it as AWS's XML or JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..operations.caller import Caller
from ..operations.registry import import_app_packages
from .protocol import service_model


@dataclass
class WireCall:
    """One call on the wire: who calls, which action, with which parameters."""

    caller: Caller
    service: str
    action: str
    params: dict[str, Any]
    region: str = "us-east-1"
    access_key_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        """A parameter by AWS's member name (`UserName`), or `default` when absent."""
        value = self.params.get(name)
        return default if value is None else value

    def run(self, operation: type, **inputs: Any) -> Any:
        """Run an operation as the caller (the one way a wire action changes or reads)."""
        return self.caller.run(operation, **inputs)


Handler = Callable[[WireCall], Mapping[str, Any] | None]
ACTIONS: dict[tuple[str, str], Handler] = {}


def action(name: str, service: str = "iam") -> Callable[[Handler], Handler]:
    """Register a wire action: `@action("CreateUser")` on `def create_user(call) -> dict`."""

    def register(handler: Handler) -> Handler:
        key = (service, name)
        if key in ACTIONS:
            raise ValueError(f"wire action {service}:{name} is registered twice")
        ACTIONS[key] = handler
        return handler

    return register


def coverage(service: str) -> tuple[list[str], int]:
    """(the service's operations registered as wire actions, the operations in botocore's
    model of the service): the README's figure."""
    names = service_model(service).operation_names
    return sorted(name for kind, name in ACTIONS if kind == service and name in names), len(
        names)


def forward(name: str, operation: type, service: str = "iam", **members: str) -> Handler:
    """Register a wire action that runs `operation` with members of the request as its
    inputs and answers nothing: `forward("DeleteGroup", DeleteGroup, group_name="GroupName")`
    (an absent member is None, the operation's own default for an optional input)."""

    def handler(call: WireCall) -> None:
        call.run(operation, **{field: call.get(member) for field, member in members.items()})

    handler.__name__ = handler.__qualname__ = name
    return action(name, service)(handler)


def autodiscover() -> None:
    """Import every app's `wire` package (each module registers its actions), as the
    operations registry does for `operations` packages."""
    import_app_packages("wire")
