"""AWS Organizations on the wire (JSON 1.1): one wire action per Organizations operation.

Each action names the operation of the same AWS name: the request's members become its
inputs (`OrganizationalUnitId` -> `organizational_unit_id`), its output is AWS's response
shape already, and a listing is paged with `MaxResults` and `NextToken` as the model's
paginators expect.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from botocore.session import get_session

from iamconsole.operations.base import OPERATIONS
from iamconsole.operations.registry import autodiscover
from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import token_page
from iamconsole.wire.protocol import service_model

SERVICE = "organizations"
_PAGING = ("NextToken", "MaxResults")
_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake(member: str) -> str:
    """AWS's member name as the operation's input: `OrganizationalUnitId` ->
    `organizational_unit_id`."""
    return _WORD.sub("_", member).lower()


@cache
def _result_keys() -> dict[str, str]:
    """The list each paginated operation pages (ListAccounts -> Accounts)."""
    loader = get_session().get_component("data_loader")
    paginators = loader.load_service_model(SERVICE, "paginators-1")["pagination"]
    return {name: config["result_key"] for name, config in paginators.items()}


def _handler(name: str, operation: type) -> Any:
    accepted = {item.name for item in dataclasses.fields(operation) if item.init}

    def handler(call: WireCall) -> Any:
        inputs = {snake(member): value for member, value in call.params.items()
                  if member not in _PAGING}
        result = call.run(operation, **{key: value for key, value in inputs.items()
                                        if key in accepted})
        key = _result_keys().get(name)
        if key is not None and isinstance(result, dict):
            return token_page(call, result, key)
        return result

    handler.__name__ = handler.__qualname__ = name
    return handler


def register_all() -> list[str]:
    """Register a wire action for every Organizations operation in botocore's model that
    an operation implements; their names."""
    autodiscover()
    names = []
    for name in service_model(SERVICE).operation_names:
        operation = OPERATIONS.get(f"{SERVICE}:{name}")
        if operation is not None:
            action(name, SERVICE)(_handler(name, operation))
            names.append(name)
    return names


REGISTERED = register_all()
