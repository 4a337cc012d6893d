"""The Evaluator: one prepared policy set and one fixed context, queried many times (batch)."""

from __future__ import annotations

from policies.engine.candidates import Candidates
from policies.engine.context import PreparedContext, validate_context
from policies.engine.decision import decide
from policies.engine.fingerprints import set_key
from policies.engine.prepared import PreparedPolicySet
from policies.engine.principals import RequestPrincipal
from policies.engine.runtime import Component, Plan
from policies.engine.types import AuthorizationRequest, EvaluationResult, PolicyEngineError
from policies.engine.variables import Context


class Evaluator:
    """Evaluates (action, resource) pairs for one principal, context and set of policies.

    The policies come prepared (``PreparedPolicySet``: compiled once, candidate statements
    per action found once). Because the context is fixed, an action's context and the truth
    of every condition are resolved once too, and policy sets that do not depend on the
    resource fold into constants: ``evaluate`` then only matches resource ARNs. This is the
    batch path (``evaluate_many``, the simulator); independent requests, each with its own
    context, go to ``PreparedPolicySet.evaluate``.
    """

    def __init__(
        self, request: AuthorizationRequest, policies: PreparedPolicySet | None = None
    ) -> None:
        if policies is None:
            policies = PreparedPolicySet(set_key(request))
        self.policies = policies
        account = request.resource_account
        if account is not None and (not isinstance(account, str) or not account):
            raise PolicyEngineError("resource_account must be a non-empty string or None")
        self._resource_account = account
        self._bpa = request.s3_block_public_access is True
        filter_keys = request.filter_context_keys is not False
        self._context = PreparedContext(validate_context(request.context), filter_keys)
        self._plans: dict[str, Plan] = {}
        self._components: dict[tuple[Candidates, bool], Component] = {}

    @property
    def principal(self) -> RequestPrincipal:
        """The request principal (kind, account, names)."""
        return self.policies.principal

    def evaluate(self, action: str, resource: str) -> EvaluationResult:
        """Decide one (action, resource) request (spec 3 and 4)."""
        plan = self._plans.get(action) if isinstance(action, str) else None
        if plan is None:
            plan = self._plan(action)
        return decide(self.policies, plan, plan.context, action, resource,
                      self._resource_account, self._bpa)

    def _component(
        self, candidates: Candidates, context: Context, resource_policy: bool = False
    ) -> Component:
        if context is not self._context.shared:
            return Component(candidates.rules, context, resource_policy)
        # Actions that share candidate statements share their component too.
        key = (candidates, resource_policy)
        component = self._components.get(key)
        if component is None:
            component = self._components[key] = Component(
                candidates.rules, context, resource_policy
            )
        return component

    def _plan(self, action: object) -> Plan:
        found = self.policies.plan(action)
        context = self._context.for_action(found.lower)
        part = self._component
        plan = Plan()
        plan.wildcard_only = found.wildcard_only
        plan.context = context
        plan.rules = found.rules
        plan.identity = part(found.identity, context)
        plan.session = None if found.session is None else part(found.session, context)
        plan.boundary = None if found.boundary is None else part(found.boundary, context)
        plan.resource = None if found.resource is None else part(found.resource, context, True)
        plan.scp = None if found.scp is None else tuple(part(lv, context) for lv in found.scp)
        plan.rcp = None if found.rcp is None else tuple(part(lv, context) for lv in found.rcp)
        plan.endpoint = None if found.endpoint is None else part(found.endpoint, context)
        self._plans[found.action] = plan
        return plan
