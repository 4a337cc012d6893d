"""The action picker's data: services, actions by access level and resource ARN templates."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from policies.engine import service_reference as ref

ACCESS_LEVELS = ("List", "Read", "Write", "Permissions management", "Tagging")
#: Placeholders every ARN template shares, filled in so only the resource's own names remain.
DEFAULT_REGION = "us-east-1"


@dataclass(frozen=True)
class ResourceTemplate:
    """A resource type an action works on, with its ARN template ready to edit."""

    resource_type: str
    arn: str
    required: bool


@dataclass(frozen=True)
class ActionChoice:
    """One action of the picker."""

    full_name: str
    name: str
    access_level: str
    description: str
    templates: tuple[ResourceTemplate, ...]

    @property
    def wildcard_only(self) -> bool:
        """True when the action has no resource types: it is simulated on * only."""
        return not self.templates

    @property
    def templates_json(self) -> str:
        """The ARN templates for the page's script."""
        return templates_json(self.templates)


def templates_json(templates: tuple[ResourceTemplate, ...]) -> str:
    """ARN templates as JSON: [{"type", "arn", "required"}]."""
    return json.dumps([{"type": t.resource_type, "arn": t.arn, "required": t.required}
                       for t in templates])


def level_of(access_level: str) -> str:
    """The console's group for a reference access level ("Permissions management, Write")."""
    return next((name for name in ACCESS_LEVELS if access_level.startswith(name)),
                access_level or "Other")


@functools.cache
def service_choices() -> tuple[tuple[str, str], ...]:
    """Every service in the reference as (prefix, display name)."""
    return tuple((info.prefix, info.name) for info in ref.list_services())


def fill_template(pattern: str, account_id: str) -> str:
    """`arn:${Partition}:s3:::${BucketName}` -> `arn:aws:s3:::${BucketName}`."""
    return (pattern.replace("${Partition}", "aws").replace("${Account}", account_id)
            .replace("${Region}", DEFAULT_REGION))


def action_templates(action: str, account_id: str) -> tuple[ResourceTemplate, ...]:
    """The ARN templates of the resource types an action works on."""
    info = ref.action_info(action)
    service = ref.get_service(info.service) if info is not None else None
    if info is None or service is None:
        return ()
    templates = []
    for type_name, required in info.resource_types:
        resource_type = service.resource_types.get(type_name.lower())
        for pattern in resource_type.arn_patterns if resource_type is not None else ():
            templates.append(ResourceTemplate(type_name, fill_template(pattern, account_id),
                                              required))
    return tuple(templates)


def service_actions(prefix: str, account_id: str, query: str = "") -> dict[str, list]:
    """The service's actions grouped by access level (in the console's order), filtered by a
    case-insensitive substring of the name or description."""
    service = ref.get_service(prefix)
    if service is None:
        return {}
    needle = query.strip().lower()
    groups: dict[str, list[ActionChoice]] = {level: [] for level in ACCESS_LEVELS}
    for info in sorted(service.actions.values(), key=lambda a: a.name.lower()):
        if needle and needle not in info.name.lower() and needle not in info.full_name.lower():
            continue
        level = level_of(info.access_level)
        groups.setdefault(level, []).append(ActionChoice(
            full_name=info.full_name, name=info.name, access_level=level,
            description=info.description,
            templates=action_templates(info.full_name, account_id),
        ))
    return {level: actions for level, actions in groups.items() if actions}
