"""Who can do X on Y: every principal whose effective permissions allow an action (or the
actions a wildcard names) on a resource, directly or by assuming a role that may."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import Any

from iamconsole.exceptions import InvalidInput

from ..condition_keys import resource_tag_context
from ..engine import service_reference
from .evaluators import Evaluators, Grant
from .model import AccountModel, Entity
from .trust import Hop, assume_edges, paths_to

MAX_ACTIONS = 400
_ACTION = re.compile(r"^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$")
_ARN = re.compile(r"^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$")


def expand_actions(pattern: str) -> list[str]:
    """The actions a pattern names: itself, or the service's actions its wildcards match."""
    pattern = pattern.strip()
    if not _ACTION.match(pattern):
        raise InvalidInput("The action must be service:Action (wildcards * and ? allowed in "
                           "the action name), for example s3:GetObject or iam:Create*.",
                           field="action")
    prefix, _, name = pattern.partition(":")
    if "*" not in name and "?" not in name:
        return [pattern]
    service = service_reference.get_service(prefix)
    if service is None:
        raise InvalidInput(f"No service has the prefix {prefix}.", field="action")
    found = sorted(a.full_name for a in service.actions.values()
                   if fnmatch.fnmatchcase(a.name.lower(), name.lower()))
    if not found:
        raise InvalidInput(f"No action of {prefix} matches {pattern}.", field="action")
    if len(found) > MAX_ACTIONS:
        raise InvalidInput(f"{pattern} matches {len(found)} actions; at most {MAX_ACTIONS} "
                           "can be analysed at once.", field="action")
    return found


def check_resource(resource: str) -> str:
    resource = resource.strip() or "*"
    if resource != "*" and not _ARN.match(resource):
        raise InvalidInput("The resource must be * or an ARN (arn:partition:service:region:"
                           "account:resource).", field="resource")
    return resource


@dataclass(frozen=True)
class Answer:
    """A principal that can do some of the actions: how, and by which statements."""

    principal: Entity
    actions: tuple[str, ...]
    # The statements of the principal (or of the role at the end of `via`) that allow.
    grants: tuple[Grant, ...]
    # The AssumeRole chain from the principal to the role that has the permission.
    via: tuple[Hop, ...] = ()

    @property
    def holder(self) -> str:
        return self.via[-1].target if self.via else self.principal.arn

    def as_dict(self) -> dict[str, Any]:
        return {"principal": self.principal.arn, "kind": self.principal.kind,
                "external": self.principal.external, "actions": list(self.actions),
                "grants": [g.as_dict() for g in self.grants],
                "via": [h.as_dict() for h in self.via]}


@dataclass
class WhoCan:
    action: str
    resource: str
    actions: list[str]
    answers: list[Answer] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "resource": self.resource, "actions": self.actions,
                "principals": [a.as_dict() for a in self.answers]}


def _requested(action: str, resource: str) -> str:
    """The resource the engine decides on: `*` for actions that take no resource."""
    return "*" if service_reference.is_wildcard_only_action(action) else resource


def direct_grants(evs: Evaluators, principal: Entity, actions: list[str], resource: str,
                  tags: dict[str, str]) -> tuple[list[str], list[Grant]]:
    """The actions the principal's own policies allow on the resource, and the statements."""
    actions = [a for a in actions if evs.may_allow(principal, a, _requested(a, resource))]
    if not actions:
        return [], []
    context = tags if tags and evs.tests_resource_tags(principal) else None
    evaluator = evs.evaluator(principal, context=context)
    allowed: list[str] = []
    grants: dict[Grant, None] = {}
    for action in actions:
        result = evaluator.evaluate(action, resource)
        if result.allowed:
            allowed.append(action)
            grants.update(dict.fromkeys(evs.grants(principal, result)))
    return allowed, list(grants)


def who_can(model: AccountModel, action: str, resource: str = "*",
            evs: Evaluators | None = None) -> WhoCan:
    """Every principal that may perform the action(s) on the resource."""
    actions = expand_actions(action)
    resource = check_resource(resource)
    evs = evs or Evaluators(model)
    own = [p for p in model.principals if not p.external]
    tags = resource_tag_context(resource) if resource != "*" and any(
        evs.tests_resource_tags(p) for p in own) else {}
    answer = WhoCan(action.strip(), resource, actions)
    direct: dict[str, Answer] = {}
    for principal in own:
        allowed, grants = direct_grants(evs, principal, actions, resource, tags or {})
        if allowed:
            direct[principal.arn] = Answer(principal, tuple(allowed), tuple(grants))
    roles = {arn for arn, a in direct.items() if a.principal.kind == "role"}
    chains = paths_to(roles, assume_edges(model, evs)) if roles else {}
    for principal in model.principals:
        if principal.arn in direct:
            answer.answers.append(direct[principal.arn])
        elif principal.arn in chains:
            via = chains[principal.arn]
            held = direct[via[-1].target]
            answer.answers.append(Answer(principal, held.actions, held.grants, via))
    return answer
