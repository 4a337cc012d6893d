"""A prepared policy set: a principal's policies compiled once, queried by independent requests."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import islice
from typing import Any

from policies.engine.candidates import Candidates
from policies.engine.compiler import CompiledPolicy, compile_policy
from policies.engine.context import check_context, request_context
from policies.engine.decision import decide
from policies.engine.document import parse_policy
from policies.engine.fingerprints import SetKey
from policies.engine.principals import DIRECT, PrincipalKind, grade_statement, parse_principal
from policies.engine.runtime import Plan, Rule, Rules
from policies.engine.service_reference import is_wildcard_only_action
from policies.engine.services import is_public_policy, rules_for
from policies.engine.types import (
    EvaluationResult,
    MatchedStatement,
    PolicyEngineError,
    PolicyInput,
    PolicyType,
)

_ACTION = re.compile(r"[A-Za-z0-9_.-]+:[A-Za-z0-9_.*?-]+")
_NO_CONTEXT: Mapping[str, Any] = {}

Loaded = list[tuple[CompiledPolicy, Rules]]
#: A statement that may cover an action of a service, with the test of the action's name:
#: (rule, None, _) for every action of the service, else the name's regex and whether the
#: statement is a NotAction.
_Test = tuple[Rule, "re.Pattern[str] | None", bool]


class ActionPlan(Plan):
    """Everything about one action that depends neither on the request's context nor on its
    resource: each policy set's candidate statements (``Candidates``), the service rules,
    the context keys the candidates read (``context`` is unused)."""

    __slots__ = ("action", "lower", "keys", "valid")

    action: str
    lower: str
    keys: tuple[str, ...]
    valid: dict[str, bool]


class PreparedPolicySet:
    """A principal's policies validated, compiled and grouped by level, once.

    Identity, session, boundary, resource, SCP levels, RCP levels and endpoint policies are
    compiled once (per content: compiled policies are shared between sets); each action's
    candidate statements are found once per set (service-prefix index plus action regexes).
    A request then costs in proportion to the statements that can apply to its action:
    ``evaluate`` tests their conditions against the request's own context and matches its
    resource. Get one with ``prepare_policy_set`` (cached by content) and keep it as long as
    the policies do not change; it is safe to share between threads.
    """

    def __init__(self, key: SetKey) -> None:
        """Build the set from its key (``fingerprints.set_key``): prefer ``prepare_policy_set``."""
        principal_arn, (identity, boundaries, session, resource, scp, rcp, endpoint) = key
        principal = parse_principal(principal_arn)
        self.key = key
        self.principal = principal
        self.anonymous = principal.kind is PrincipalKind.ANONYMOUS
        if self.anonymous and (identity or boundaries or session or scp):
            raise PolicyEngineError(
                "anonymous callers have no identity, session, boundary or SCP policies"
            )
        if session and not principal.is_session_capable:
            raise PolicyEngineError(
                "session policies apply only to roles, role sessions and federated users"
            )
        self._has_boundary = bool(boundaries)
        self._identity = self._load("identity", identity, "identity_policies")
        self._session = self._load("session", session, "session_policy") if session else None
        self._boundary = (
            self._load("boundary", boundaries, "permissions_boundaries") if boundaries else None
        )
        self._resource = (
            None if resource is None else self._load("resource", [resource], "resource_policy")
        )
        #: S3 Block Public Access counts the resource policy as public (spec 4).
        self.public = resource is not None and is_public_policy(parse_policy(resource))
        self._scp = (
            None
            if scp is None
            else [
                self._load("scp", level, f"service_control_policies[{i}]", i)
                for i, level in enumerate(scp)
            ]
        )
        self._rcp = (
            None
            if rcp is None
            else [
                self._load("rcp", level, f"resource_control_policies[{i}]", i)
                for i, level in enumerate(rcp)
            ]
        )
        self._endpoint = self._load("endpoint", endpoint, "endpoint_policies") if endpoint else None
        # The groups present, in the order of ``plan``: identity, session, boundary,
        # resource, endpoint, SCP levels, RCP levels.
        singles = [self._identity, self._session, self._boundary, self._resource, self._endpoint]
        self._groups = [group for group in singles if group is not None]
        self._groups.extend(self._scp or ())
        self._groups.extend(self._rcp or ())
        self._resource_group = -1
        if self._resource is not None:
            self._resource_group = sum(g is not None for g in singles[:3])
        self._services: dict[str, tuple[tuple[_Test, ...] | Candidates, ...]] = {}
        self._plans: dict[str, ActionPlan] = {}
        self._shared: dict[tuple[Rules, bool], Candidates] = {}

    def evaluate(
        self,
        action: str,
        resource: str = "*",
        context: Mapping[str, Any] | None = None,
        *,
        resource_account: str | None = None,
        s3_block_public_access: bool = False,
        filter_context_keys: bool = True,
    ) -> EvaluationResult:
        """Decide one request (spec 3 and 4) with its own context: what ``evaluate`` does for
        an ``AuthorizationRequest`` with these fields and this set's policies."""
        plan = self._plans.get(action) if isinstance(action, str) else None
        if plan is None:
            plan = self.plan(action)
        if context is None:
            context = _NO_CONTEXT
        check_context(context)
        if resource_account is not None and (
            not isinstance(resource_account, str) or not resource_account
        ):
            raise PolicyEngineError("resource_account must be a non-empty string or None")
        values = request_context(plan, context, filter_context_keys is not False)
        return decide(self, plan, values, action, resource, resource_account,
                      s3_block_public_access is True)

    def plan(self, action: object) -> ActionPlan:
        """The action's plan (built on first use, then shared by every request)."""
        if not isinstance(action, str) or _ACTION.fullmatch(action) is None:
            raise PolicyEngineError(f"action must look like 'service:Name', not {action!r}")
        found = self._plans.get(action)
        if found is not None:
            return found
        service, _, name = action.partition(":")
        service = service.lower()
        plan = ActionPlan()
        plan.action = action
        plan.lower = action.lower()
        plan.wildcard_only = is_wildcard_only_action(action)
        plan.rules = rules_for(service, name.lower())
        parts = [
            group if type(group) is Candidates else self._part(group, name, index)
            for index, group in enumerate(self._service_tests(service))
        ]
        found = iter(parts)
        plan.identity = next(found)
        plan.session = None if self._session is None else next(found)
        plan.boundary = None if self._boundary is None else next(found)
        plan.resource = None if self._resource is None else next(found)
        plan.endpoint = None if self._endpoint is None else next(found)
        plan.scp = None if self._scp is None else tuple(islice(found, len(self._scp)))
        plan.rcp = None if self._rcp is None else tuple(found)
        plan.keys = tuple(dict.fromkeys(key for part in parts for key in part.keys))
        plan.valid = {}
        self._plans[action] = plan
        return plan

    def _service_tests(self, service: str) -> tuple[tuple[_Test, ...] | Candidates, ...]:
        """For each group present (identity, session, boundary, resource, endpoint, SCP
        levels, RCP levels), the statements that may cover an action of ``service``, each
        with its test of the action's name: built once per service."""
        found = self._services.get(service)
        if found is not None:
            return found
        groups: list[tuple[_Test, ...] | Candidates] = []
        for loaded in self._groups:
            tests: list[_Test] = []
            for compiled, rules in loaded:
                for statement in compiled.statements_for_service(service):
                    rule = rules[statement.parsed.index]
                    negate = statement.not_action
                    if statement.actions.match_all:
                        if not negate:  # NotAction "*" covers nothing
                            tests.append((rule, None, False))
                        continue
                    pattern = statement.actions.pattern(service)
                    if pattern is not None:
                        tests.append((rule, pattern, negate))
                    elif negate:  # a NotAction that does not name the service covers it all
                        tests.append((rule, None, False))
            if any(pattern is not None for _, pattern, _ in tests):
                groups.append(tuple(tests))
            else:
                groups.append(self._part(tuple(tests), "", len(groups)))
        found = self._services[service] = tuple(groups)
        return found

    def _load(
        self,
        policy_type: PolicyType,
        docs: Sequence[PolicyInput],
        field: str,
        level: int | None = None,
    ) -> Loaded:
        loaded: Loaded = []
        for index, doc in enumerate(docs):
            label = field if policy_type == "resource" else f"{field}[{index}]"
            try:
                compiled = compile_policy(doc, policy_type)
            except PolicyEngineError as exc:
                raise PolicyEngineError(f"{label}: {exc}") from None
            rules: list[Rule] = []
            for statement in compiled.statements:
                parsed = statement.parsed
                match = MatchedStatement(
                    policy_type,
                    index,
                    level,
                    parsed.index,
                    parsed.sid,
                    parsed.effect,
                    parsed.start,
                    parsed.end,
                )
                grade = DIRECT
                if policy_type == "resource":
                    grade = grade_statement(parsed, self.principal, self._has_boundary)
                rules.append(Rule(statement, match, grade))
            loaded.append((compiled, tuple(rules)))
        return loaded

    def _part(self, tests: tuple[_Test, ...], name: str, group: int) -> Candidates:
        rules = tuple([
            rule
            for rule, pattern, negate in tests
            if pattern is None or (pattern.fullmatch(name) is None) == negate
        ])
        # Many actions share candidate statements (one ReadOnlyAccess statement covers
        # most of a service): they share one Candidates.
        key = (rules, group == self._resource_group)
        shared = self._shared.get(key)
        if shared is None:
            shared = self._shared[key] = Candidates(*key)
        return shared
