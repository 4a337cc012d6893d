"""The Evaluator: one principal, context and policy set, prepared once, queried many times."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policies.engine.compiler import CompiledPolicy, compile_policy
from policies.engine.context import PreparedContext, validate_context
from policies.engine.document import parse_policy
from policies.engine.explain import explain
from policies.engine.principals import DIRECT, NONE, PrincipalKind, grade_statement, parse_principal
from policies.engine.runtime import (
    ALLOW,
    EXPLICIT,
    IMPLICIT,
    NAMES,
    Component,
    Plan,
    Rule,
    Rules,
    documents,
    levels,
    session_documents,
)
from policies.engine.service_reference import is_wildcard_only_action
from policies.engine.services import (
    TRUST_NONE,
    is_public_policy,
    rules_for,
    service_denial,
    trust,
)
from policies.engine.types import (
    AuthorizationRequest,
    EvaluationResult,
    MatchedStatement,
    PolicyEngineError,
    PolicyInput,
    PolicyType,
)
from policies.engine.variables import Context

_ACTION = re.compile(r"[A-Za-z0-9_.-]+:[A-Za-z0-9_.*?-]+")
_BYPASS_KINDS = (PrincipalKind.USER, PrincipalKind.ASSUMED_ROLE, PrincipalKind.FEDERATED_USER)
_SESSION_KINDS = (PrincipalKind.ASSUMED_ROLE, PrincipalKind.FEDERATED_USER)
_RESOURCE_ONLY_KINDS = (PrincipalKind.SERVICE, PrincipalKind.FEDERATED_PROVIDER)
_RESOURCE_DENIALS = ("explicitDeny", "deniedForAccount")


class Evaluator:
    """Evaluates (action, resource) pairs for one principal, context and set of policies.

    Construction validates and compiles every policy. On first use of an action, its
    candidate statements (service-prefix index plus action regexes), its context and the
    truth of every condition are resolved once (the context is fixed per evaluator), so
    ``evaluate`` then only matches resource ARNs and combines outcomes.
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

    def evaluate(self, action: str, resource: str) -> EvaluationResult:
        """Decide one (action, resource) request (spec 3 and 4)."""
        plan = self._plans.get(action) if isinstance(action, str) else None
        if plan is None:
            plan = self._plan(action)
        if not isinstance(resource, str):
            raise PolicyEngineError(f"resource must be an ARN or '*', not {resource!r}")
        principal = self.principal
        wildcard_only = plan.wildcard_only
        if resource == "*" or wildcard_only:
            # Wildcard-only actions are always requested on "*" (spec 1.2).
            star, part, arn_account, parts = True, None, "", None
        else:
            parts = resource.split(":", 5)
            if len(parts) != 6 or parts[0] != "arn":
                raise PolicyEngineError(f"resource must be an ARN or '*', not {resource!r}")
            star, part, arn_account = False, parts[5], parts[4]
        context = plan.context
        matched: list[MatchedStatement] = []
        missing: list[str] = []
        details: dict[str, str] = {}
        anonymous = self._anonymous

        identity = None
        if not anonymous:
            identity = plan.identity.evaluate(
                resource, star, wildcard_only, context, matched, missing
            )
            details["identity"] = NAMES[identity]
        session = None
        if plan.session is not None:
            session = plan.session.evaluate(
                resource, star, wildcard_only, context, matched, missing
            )
            details["session"] = NAMES[session]
        boundary = None
        if plan.boundary is not None:
            boundary = plan.boundary.evaluate(
                resource, star, wildcard_only, context, matched, missing
            )
            details["boundary"] = NAMES[boundary]
        res, allow_grade, account_allow = "notApplicable", NONE, False
        if plan.resource is not None:
            res, allow_grade, account_allow = plan.resource.evaluate_resource(
                resource, star, wildcard_only, context, matched, missing
            )
        details["resource"] = res
        scp = scp_level = None
        if plan.scp is not None:
            scp = ALLOW
            for index, level in enumerate(plan.scp):
                outcome = level.evaluate(resource, star, wildcard_only, context, matched, missing)
                if outcome == EXPLICIT:
                    scp = EXPLICIT
                elif outcome == IMPLICIT and scp == ALLOW:
                    scp, scp_level = IMPLICIT, index
            details["scp"] = NAMES[scp]
        rcp = None
        if plan.rcp is not None:
            # Every RCP level implicitly holds RCPFullAWSAccess: levels only deny explicitly.
            rcp = ALLOW
            for level in plan.rcp:
                outcome = level.evaluate(resource, star, wildcard_only, context, matched, missing)
                if outcome == EXPLICIT:
                    rcp = EXPLICIT
            details["rcp"] = NAMES[rcp]
        endpoint = None
        if plan.endpoint is not None:
            endpoint = plan.endpoint.evaluate(
                resource, star, wildcard_only, context, matched, missing
            )
            details["endpoint"] = NAMES[endpoint]

        account = self._resource_account
        if account is None:
            # S3 and other account-less ARNs (and AWS-owned "aws" ones) count as the caller's.
            account = arn_account if arn_account and arn_account != "aws" else principal.account
        same = principal.account is not None and account == principal.account
        res_allowed = res == "allowed"

        # Core grant (spec 3.2).
        grant: str | None = None
        core_type: PolicyType | None = None
        core_reason: str | None = None
        if anonymous:
            core = ALLOW if res_allowed else EXPLICIT if res in _RESOURCE_DENIALS else IMPLICIT
            grant, core_type = "resource", "resource"
        elif session is not None and session != ALLOW:
            if (
                session == IMPLICIT
                and res_allowed
                and allow_grade == DIRECT
                and same
                and principal.kind in _SESSION_KINDS
            ):
                # [AWS] a resource policy naming the session itself is not limited by it.
                core, grant = ALLOW, "resource"
            else:
                core, core_type = session, "session"
        elif principal.kind in _RESOURCE_ONLY_KINDS:
            core = ALLOW if res_allowed else IMPLICIT
            grant, core_type = "resource", "resource"
        elif same:
            has_policy = plan.resource is not None
            trusted = trust(plan.rules, part, has_policy, account_allow) != TRUST_NONE
            if res_allowed:
                core, grant = ALLOW, "resource"
            elif trusted and identity == ALLOW:
                core, grant = ALLOW, "identity"
            elif trusted:
                core, core_type = IMPLICIT, "identity"
            else:
                core, core_type, core_reason = IMPLICIT, "resource", "resource_only"
        elif res in ("allowed", "allowedForAccount") and identity == ALLOW:
            core, grant = ALLOW, "identity"
        elif identity != ALLOW:
            core, core_type = IMPLICIT, "identity"
        else:
            core, core_type, core_reason = IMPLICIT, "resource", "cross_account"

        # Guardrails (spec 3.3): each can only make the result worse.
        rank = core
        bypass = False
        if not anonymous:
            if scp is not None:
                rank = max(rank, scp)
            if res in _RESOURCE_DENIALS or identity == EXPLICIT:
                rank = EXPLICIT
            if boundary is not None:
                bypass = (
                    boundary == IMPLICIT
                    and same
                    and res_allowed
                    and allow_grade == DIRECT
                    and principal.kind in _BYPASS_KINDS
                )
                if not bypass:
                    rank = max(rank, boundary)
        if rcp is not None:
            rank = max(rank, rcp)
        if endpoint is not None:
            rank = max(rank, endpoint)

        deciding: PolicyType | None = None
        reason: str | None = None
        if rank == EXPLICIT:
            # Report explicit denials in AWS's evaluation order.
            ordered: tuple[tuple[PolicyType, int | None], ...] = (
                ("scp", scp),
                ("rcp", rcp),
                ("endpoint", endpoint),
                ("resource", EXPLICIT if res in _RESOURCE_DENIALS else None),
                ("identity", identity),
                ("session", session),
                ("boundary", boundary),
            )
            for policy_type, component in ordered:
                if component == EXPLICIT:
                    deciding = policy_type
                    break
            if deciding == "resource" and res == "deniedForAccount":
                reason = "account"
        elif rank == IMPLICIT:
            if scp == IMPLICIT:
                deciding = "scp"
            elif endpoint == IMPLICIT:
                deciding = "endpoint"
            elif core == IMPLICIT:
                deciding, reason = core_type, core_reason
            else:
                deciding = "boundary"

        # Service-specific authorizers (spec 4).
        if parts is not None and part is not None:
            denial = service_denial(plan.rules, arn_account, part)
            if denial is not None and rank != EXPLICIT:
                rank, deciding, reason = IMPLICIT, None, denial
            if (
                self._bpa
                and rank == ALLOW
                and self._public
                and not same
                and parts[2].lower() == "s3"
                and not parts[3]
                and not parts[4]
                and principal.kind is not PrincipalKind.SERVICE
            ):
                rank, deciding, reason = EXPLICIT, None, "s3_block_public_access"
        if plan.rules.get_caller_identity and not anonymous:
            rank, deciding, reason = ALLOW, None, "get_caller_identity"

        decision = NAMES[rank]
        return EvaluationResult(
            decision=decision,  # type: ignore[arg-type]
            details=details,
            matched_statements=tuple(matched),
            missing_context_values=tuple(sorted(set(missing), key=str.lower)) if missing else (),
            explanation=explain(decision, action, deciding, reason, matched, grant, scp_level),
            deciding_policy_type=deciding,
            action=action,
            resource=resource,
        )
