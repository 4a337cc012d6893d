"""A principal's policies and context, compiled once, with a plan per action asked about."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policies.engine.compiler import CompiledPolicy, compile_policy
from policies.engine.context import PreparedContext, validate_context
from policies.engine.document import parse_policy
from policies.engine.principals import DIRECT, PrincipalKind, grade_statement, parse_principal
from policies.engine.runtime import (
    Component,
    Plan,
    Rule,
    Rules,
    documents,
    levels,
    session_documents,
)
from policies.engine.service_reference import is_wildcard_only_action
from policies.engine.services import is_public_policy, rules_for
from policies.engine.types import (
    AuthorizationRequest,
    MatchedStatement,
    PolicyEngineError,
    PolicyInput,
    PolicyType,
)
from policies.engine.variables import Context

_ACTION = re.compile(r"[A-Za-z0-9_.-]+:[A-Za-z0-9_.*?-]+")


class PreparedPolicies:
    """Every policy of a request validated and compiled, and each action's plan, memoized.

    A plan holds an action's candidate statements per policy type (service-prefix index plus
    action regexes), its context and the truth of every condition, resolved once because the
    context is fixed; deciding a request then only matches resource ARNs.
    """

    def __init__(self, request: AuthorizationRequest) -> None:
        principal = parse_principal(request.principal)
        self.principal = principal
        self._anonymous = principal.kind is PrincipalKind.ANONYMOUS
        identity = documents(request.identity_policies, "identity_policies")
        boundaries = documents(request.permissions_boundaries, "permissions_boundaries")
        session = session_documents(request.session_policy)
        scp = levels(request.service_control_policies, "service_control_policies")
        rcp = levels(request.resource_control_policies, "resource_control_policies")
        endpoint = documents(request.endpoint_policies, "endpoint_policies")
        if self._anonymous and (identity or boundaries or session or scp):
            raise PolicyEngineError(
                "anonymous callers have no identity, session, boundary or SCP policies"
            )
        if session and not principal.is_session_capable:
            raise PolicyEngineError(
                "session policies apply only to roles, role sessions and federated users"
            )
        account = request.resource_account
        if account is not None and (not isinstance(account, str) or not account):
            raise PolicyEngineError("resource_account must be a non-empty string or None")
        self._resource_account = account
        self._has_boundary = bool(boundaries)
        self._identity = self._load("identity", identity, "identity_policies")
        self._session = self._load("session", session, "session_policy") if session else None
        self._boundary = (
            self._load("boundary", boundaries, "permissions_boundaries") if boundaries else None
        )
        resource = request.resource_policy
        self._resource = (
            None if resource is None else self._load("resource", [resource], "resource_policy")
        )
        self._bpa = request.s3_block_public_access is True
        self._public = (
            self._bpa and resource is not None and is_public_policy(parse_policy(resource))
        )
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
        filter_keys = request.filter_context_keys is not False
        self._context = PreparedContext(validate_context(request.context), filter_keys)
        self._plans: dict[str, Plan] = {}
        self._components: dict[tuple[Rules, bool], Component] = {}

    def _load(
        self,
        policy_type: PolicyType,
        docs: Sequence[PolicyInput],
        field: str,
        level: int | None = None,
    ) -> list[tuple[CompiledPolicy, Rules]]:
        loaded: list[tuple[CompiledPolicy, Rules]] = []
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

    @staticmethod
    def _candidates(loaded: list[tuple[CompiledPolicy, Rules]], service: str, name: str) -> Rules:
        found: list[Rule] = []
        for compiled, rules in loaded:
            for statement in compiled.statements_for_action(service, name):
                found.append(rules[statement.parsed.index])
        return tuple(found)

    def _component(
        self,
        loaded: list[tuple[CompiledPolicy, Rules]],
        service: str,
        name: str,
        context: Context,
        resource_policy: bool = False,
    ) -> Component:
        rules = self._candidates(loaded, service, name)
        if context is not self._context.shared:
            return Component(rules, context, resource_policy)
        # Many actions share candidate statements (one ReadOnlyAccess statement covers
        # most of a service): with the shared context their components are identical.
        key = (rules, resource_policy)
        component = self._components.get(key)
        if component is None:
            component = self._components[key] = Component(rules, context, resource_policy)
        return component

    def _plan(self, action: object) -> Plan:
        if not isinstance(action, str) or _ACTION.fullmatch(action) is None:
            raise PolicyEngineError(f"action must look like 'service:Name', not {action!r}")
        service, _, name = action.partition(":")
        service = service.lower()
        plan = Plan()
        plan.wildcard_only = is_wildcard_only_action(action)
        context = self._context.for_action(action.lower())
        plan.context = context
        plan.rules = rules_for(service, name.lower())
        part = self._component
        plan.identity = part(self._identity, service, name, context)
        plan.session = (
            None if self._session is None else part(self._session, service, name, context)
        )
        plan.boundary = (
            None if self._boundary is None else part(self._boundary, service, name, context)
        )
        plan.resource = (
            None if self._resource is None else part(self._resource, service, name, context, True)
        )
        plan.scp = (
            None
            if self._scp is None
            else tuple(part(level, service, name, context) for level in self._scp)
        )
        plan.rcp = (
            None
            if self._rcp is None
            else tuple(part(level, service, name, context) for level in self._rcp)
        )
        plan.endpoint = (
            None if self._endpoint is None else part(self._endpoint, service, name, context)
        )
        self._plans[action] = plan
        return plan
