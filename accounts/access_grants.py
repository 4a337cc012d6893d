"""What a policy document grants, by service namespace and by action: the services Access
Advisor lists for an identity, and the policies ListPoliciesGrantingServiceAccess names."""

from __future__ import annotations

import functools

from policies.engine.compiler import CompiledStatement, compile_policy
from policies.engine.service_reference import get_service, list_services
from policies.engine.types import PolicyEngineError

# Services whose actions Access Advisor reports one by one (ACTION_LEVEL): among those AWS
# tracks at action level, the ones this installation serves.
TRACKED_NAMESPACES = ("iam", "organizations", "sts")


@functools.cache
def service_names() -> dict[str, str]:
    """{namespace: AWS's service name} of every service in the reference."""
    return {info.prefix: info.name for info in list_services()}


def _allows(statement: CompiledStatement) -> bool:
    return not statement.deny


def _service_granted(statement: CompiledStatement, prefix: str) -> bool:
    """Whether an Allow statement covers at least one action of the service."""
    if not statement.not_action:
        return statement.actions.match_all or statement.actions.pattern(prefix) is not None
    service = get_service(prefix)
    return service is not None and any(
        statement.matches_action(prefix, action.name) for action in service.actions.values())


@functools.lru_cache(maxsize=2048)
def namespaces_granted(document_text: str) -> frozenset[str]:
    """The namespaces of the services an Allow statement of the identity policy names
    (conditions and resources aside, as AWS lists them); none for a document the engine
    cannot read."""
    try:
        statements = [s for s in compile_policy(document_text).statements if _allows(s)]
    except PolicyEngineError:
        return frozenset()
    known = service_names()
    if any(s.actions.match_all and not s.not_action for s in statements):
        return frozenset(known)
    granted: set[str] = set()
    for statement in statements:
        candidates = known if statement.not_action else [
            prefix for prefix in statement.actions.services if prefix in known]
        granted.update(prefix for prefix in candidates
                       if prefix not in granted and _service_granted(statement, prefix))
    return frozenset(granted)


@functools.lru_cache(maxsize=2048)
def actions_granted(document_text: str, prefix: str, names: tuple[str, ...]) -> frozenset[str]:
    """Which of `names` (actions of the service `prefix`) an Allow statement covers."""
    try:
        statements = [s for s in compile_policy(document_text).statements if _allows(s)]
    except PolicyEngineError:
        return frozenset()
    return frozenset(name for name in names
                     if any(s.matches_action(prefix, name) for s in statements))
