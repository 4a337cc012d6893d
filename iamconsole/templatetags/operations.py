"""Template tags asking the operations whether the caller may perform one, so that pages
enable what is allowed and disable the rest with AWS's denial as the reason."""

from __future__ import annotations

from typing import Any

from django import template

from policies.authorization import Decision

from ..operations import Operation, caller_for
from ..operations.registry import operation_named

register = template.Library()


@register.simple_tag(takes_context=True)
def permits(context: template.Context, operation: str | type[Operation],
            resource: str = "*", entity: Any = None) -> Decision:
    """`{% permits "DeletePolicy" policy.arn as can_delete %}`: whether the signed-in caller
    may perform the operation (named as AWS names it, "service:Name" outside IAM, or given as
    its class) on `resource`.

    Use `can_delete.allowed` to enable a button and `can_delete.message` (AWS's denial
    sentence) as its title, so a person sees why it is disabled. With `entity=role`, a change
    the entity's state forbids anyone (a service-linked role's) is disabled with AWS's error.
    """
    if isinstance(operation, str):
        service, _, name = operation.rpartition(":")
        operation = operation_named(name, service or "iam")
    request: Any = context.get("request")
    return caller_for(request).permits(operation, resource, entity=entity)
