"""The visual builder's lists from the service reference: services, actions, resources, keys."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import service_reference as reference
from ..engine.global_keys import GLOBAL_CONDITION_KEYS
from ..summary import ACCESS_LEVELS, primary_level
from .cards import Card, placeholders

POPULAR_SERVICES = ("s3", "ec2", "iam", "lambda", "dynamodb", "sts", "kms", "logs",
                    "cloudwatch", "sqs", "sns", "ssm", "secretsmanager", "ecr", "rds")


@dataclass(frozen=True)
class ActionChoice:
    """An action checkbox: reference name, description, and whether it is chosen."""

    name: str
    description: str
    checked: bool


@dataclass(frozen=True)
class ActionGroup:
    """The service's actions at one access level, with how many are chosen."""

    level: str
    actions: tuple[ActionChoice, ...]

    @property
    def checked(self) -> int:
        return sum(1 for action in self.actions if action.checked)


def action_groups(card: Card) -> list[ActionGroup]:
    """The card's service's actions grouped by access level, in AWS's level order."""
    service = card.service_info
    if service is None:
        return []
    known = card.known_actions()
    by_level: dict[str, list[ActionChoice]] = {level: [] for level in ACCESS_LEVELS}
    for key, info in sorted(service.actions.items(), key=lambda kv: kv[1].name.lower()):
        by_level[primary_level(info.access_level)].append(
            ActionChoice(info.name, info.description, card.all_actions or key in known)
        )
    return [ActionGroup(level, tuple(items)) for level, items in by_level.items() if items]


def _chosen_infos(card: Card) -> list[reference.ActionInfo]:
    service = card.service_info
    if service is None:
        return []
    if card.all_actions:
        return list(service.actions.values())
    return [service.actions[key] for key in card.known_actions()]


@dataclass(frozen=True)
class ResourceChoice:
    """A resource type the chosen actions act on, with its ARN template and fields."""

    name: str
    template: str
    fields: tuple[str, ...]
    action_count: int


def resource_choices(card: Card) -> tuple[list[ResourceChoice], int]:
    """Resource types of the chosen actions, and how many chosen actions accept only `*`."""
    service = card.service_info
    if service is None:
        return [], 0
    counts: dict[str, int] = {}
    wildcard_only = 0
    for info in _chosen_infos(card):
        if not info.resource_types:
            wildcard_only += 1
        for name, _required in info.resource_types:
            counts[name.lower()] = counts.get(name.lower(), 0) + 1
    choices = []
    for key, count in counts.items():
        resource_type = service.resource_types.get(key)
        if resource_type is None or not resource_type.arn_patterns:
            continue
        template = resource_type.arn_patterns[0]
        choices.append(ResourceChoice(resource_type.name, template,
                                      tuple(placeholders(template)), count))
    choices.sort(key=lambda c: (-c.action_count, c.name.lower()))
    return choices, wildcard_only


def primary_resource_type(info: reference.ActionInfo) -> str | None:
    """The resource type an action acts on: the one its name names (GetObject: object, not
    accesspointobject; RunInstances: instance), else its first required one, else its first."""
    if not info.resource_types:
        return None
    action = info.name.lower()
    named = [name for name, _required in info.resource_types
             if name.lower().replace("-", "") in action]
    if named:
        return max(named, key=len)
    required = [name for name, is_required in info.resource_types if is_required]
    return (required or [info.resource_types[0][0]])[0]


def default_resource_type(card: Card) -> str:
    """The resource type the picker opens on: that of the first chosen action with any."""
    for info in _chosen_infos(card):
        name = primary_resource_type(info)
        if name is not None:
            return name
    return ""


def condition_keys(card: Card) -> tuple[list[str], list[str]]:
    """Keys for the chosen actions (service keys) and the global keys, each sorted."""
    service = card.service_info
    found: dict[str, str] = {}
    if service is not None:
        for info in _chosen_infos(card):
            keys = list(info.condition_keys)
            for name, _required in info.resource_types:
                resource_type = service.resource_types.get(name.lower())
                if resource_type is not None:
                    keys.extend(resource_type.condition_keys)
            for key in keys:
                if not key.lower().startswith("aws:"):
                    found.setdefault(key.lower(), key)
    service_keys = sorted(found.values(), key=str.lower)
    global_keys = sorted(GLOBAL_CONDITION_KEYS, key=str.lower)
    return service_keys, global_keys


def search_services(query: str, limit: int = 40) -> list[reference.ServiceInfo]:
    """Services whose prefix or name contains the query; popular ones when it is empty."""
    services = reference.list_services()
    query = query.strip().lower()
    if not query:
        by_prefix = {info.prefix: info for info in services}
        return [by_prefix[p] for p in POPULAR_SERVICES if p in by_prefix]

    def rank(info: reference.ServiceInfo) -> tuple[int, str]:
        if info.prefix == query:
            return 0, info.prefix
        if info.prefix.startswith(query):
            return 1, info.prefix
        return 2, info.name.lower()

    found = [i for i in services if query in i.prefix or query in i.name.lower()]
    return sorted(found, key=rank)[:limit]
