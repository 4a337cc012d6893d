"""One policy set's candidate statements for one action, tested against each request's context."""

from __future__ import annotations

from policies.engine.principals import NONE
from policies.engine.runtime import (
    ALLOW,
    EXPLICIT,
    IMPLICIT,
    Entry,
    Found,
    PolicySetRun,
    Rules,
    run_resource_entries,
)
from policies.engine.variables import Context

_EMPTY: Context = {}


class Candidates(PolicySetRun):
    """The statements of one policy set that can apply to one action, whatever the context.

    Built once per (prepared policy set, action) and shared by every request for the action:
    a request tests only these statements' conditions and resources, against its own
    context. Sets whose statements read no context key and do not depend on the resource
    decide the same for every request: their result is computed once.
    """

    __slots__ = ("rules", "keys")

    def __init__(self, rules: Rules, resource_policy: bool) -> None:
        # Statements whose Principal does not cover the caller never apply.
        self.rules = tuple(rule for rule in rules if rule.grade != NONE)
        #: The context keys (lower-cased) that the statements read.
        self.keys = tuple(dict.fromkeys(lower for rule in self.rules for lower, _ in rule.keys))
        constant = not self.keys and all(rule.matcher is None for rule in self.rules)
        self._fold(constant, _EMPTY, resource_policy)

    def run(self, resource: str, star: bool, wildcard_only: bool, context: Context,
            matched: Found, missing: list[str]) -> int:
        allow = deny = False
        for rule in self.rules:
            matcher = rule.matcher
            if matcher is not None and not matcher.matches(
                resource, star, wildcard_only, rule.deny, context
            ):
                for lower, key in rule.resource_keys:
                    if lower not in context:
                        missing.append(key)
                continue
            for lower, key in rule.keys:
                if lower not in context:
                    missing.append(key)
            for condition in rule.conditions:
                if not condition(context):
                    break
            else:
                matched.append(rule.match)
                if rule.deny:
                    deny = True
                else:
                    allow = True
        return EXPLICIT if deny else ALLOW if allow else IMPLICIT

    def run_resource(self, resource: str, star: bool, wildcard_only: bool, context: Context,
                     matched: Found, missing: list[str]) -> tuple[str, int, bool]:
        entries = [Entry(rule, context) for rule in self.rules]
        return run_resource_entries(
            entries, resource, star, wildcard_only, context, matched, missing
        )
