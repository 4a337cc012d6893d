"""Compile parsed policies into matchers with a service-prefix index, cached per content."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from policies.engine.conditions import Condition
from policies.engine.document import ParsedPolicy, ParsedStatement, parse_policy
from policies.engine.matching import ActionMatcher, ResourceMatcher
from policies.engine.types import POLICY_TYPES, PolicyEngineError, PolicyInput, PolicyType


class CompiledStatement:
    """A statement's matchers: action, resource and conditions, built once."""

    __slots__ = ("parsed", "deny", "actions", "not_action", "resource", "conditions", "keys")

    def __init__(self, parsed: ParsedStatement, policy_type: str, variables: bool) -> None:
        self.parsed = parsed
        self.deny = parsed.effect == "Deny"
        self.not_action = parsed.not_actions is not None
        self.actions = ActionMatcher(parsed.actions or parsed.not_actions or ())
        entries = parsed.resources if parsed.resources is not None else parsed.not_resources
        self.resource = (
            None
            if entries is None
            else ResourceMatcher(entries, parsed.resources is None, policy_type, variables)
        )
        self.conditions = tuple(
            Condition(operator, key, values, variables)
            for operator, key, values in parsed.conditions
        )
        keys: list[str] = [condition.key for condition in self.conditions]
        for condition in self.conditions:
            keys.extend(condition.variables)
        if self.resource is not None:
            keys.extend(self.resource.variables)
        #: Context keys (as written) this statement reads, lower-case duplicates removed.
        self.keys = tuple({key.lower(): key for key in reversed(keys)}.values())[::-1]

    def matches_action(self, service: str, name: str) -> bool:
        """True if Action/NotAction covers ``service:name`` (``service`` lower-cased)."""
        return self.actions.matches(service, name) != self.not_action


class CompiledPolicy:
    """A policy compiled for one policy type, with statements indexed by service prefix."""

    __slots__ = ("parsed", "policy_type", "statements", "_by_service", "_always", "_merged")

    def __init__(self, parsed: ParsedPolicy, policy_type: str) -> None:
        self.parsed = parsed
        self.policy_type = policy_type
        self.statements = tuple(
            CompiledStatement(statement, policy_type, parsed.supports_variables)
            for statement in parsed.statements
        )
        by_service: dict[str, list[CompiledStatement]] = {}
        always: list[CompiledStatement] = []
        for statement in self.statements:
            # NotAction and "*" statements can match any service; others only theirs.
            if statement.not_action or statement.actions.match_all:
                always.append(statement)
            else:
                for service in statement.actions.services:
                    by_service.setdefault(service, []).append(statement)
        self._by_service = {key: tuple(value) for key, value in by_service.items()}
        self._always = tuple(always)
        self._merged: dict[str, tuple[CompiledStatement, ...]] = {}

    def statements_for_service(self, service: str) -> tuple[CompiledStatement, ...]:
        """Return, in document order, the statements that may cover an action of ``service``
        (lower-cased): those naming it, plus "*" and NotAction statements."""
        candidates = self._merged.get(service)
        if candidates is None:
            merged = self._by_service.get(service, ()) + self._always
            candidates = self._merged[service] = tuple(sorted(merged, key=_index))
        return candidates

    def statements_for_action(self, service: str, name: str) -> tuple[CompiledStatement, ...]:
        """Return, in document order, the statements whose Action/NotAction covers the action."""
        candidates = self.statements_for_service(service)
        if not candidates:
            return candidates
        return tuple(s for s in candidates if s.matches_action(service, name))


def _index(statement: CompiledStatement) -> int:
    return statement.parsed.index


def compile_policy(source: PolicyInput, policy_type: PolicyType = "identity") -> CompiledPolicy:
    """Parse (cached) and compile (cached per text and policy type) one policy document.

    The policy type matters because short resource ARNs follow per-type rules (spec 2.4).
    """
    if policy_type not in POLICY_TYPES:
        raise PolicyEngineError(f"unknown policy type {policy_type!r}")
    return _compile(parse_policy(source).text, policy_type)


@functools.lru_cache(maxsize=4096)
def _compile(text: str, policy_type: str) -> CompiledPolicy:
    return CompiledPolicy(parse_policy(text), policy_type)


def context_keys_for_policies(documents: Iterable[PolicyInput]) -> list[str]:
    """List the condition keys and policy-variable keys the documents reference.

    Sorted and de-duplicated case-insensitively (the first spelling seen wins).
    """
    seen: dict[str, str] = {}
    for document in documents:
        for statement in compile_policy(document).statements:
            for key in statement.keys:
                seen.setdefault(key.lower(), key)
    return sorted(seen.values(), key=lambda key: (key.lower(), key))
