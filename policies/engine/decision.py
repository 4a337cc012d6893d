"""The decision flow (spec 3 and 4): combine each policy set's outcome for one request."""

from __future__ import annotations

from typing import Any

from policies.engine.explain import explain
from policies.engine.principals import DIRECT, NONE, PrincipalKind
from policies.engine.runtime import ALLOW, EXPLICIT, IMPLICIT, NAMES
from policies.engine.services import TRUST_NONE, service_denial, trust
from policies.engine.types import (
    EvaluationResult,
    MatchedStatement,
    PolicyEngineError,
    PolicyType,
    make_result,
)
from policies.engine.variables import Context

_BYPASS_KINDS = (PrincipalKind.USER, PrincipalKind.ASSUMED_ROLE, PrincipalKind.FEDERATED_USER)
_SESSION_KINDS = (PrincipalKind.ASSUMED_ROLE, PrincipalKind.FEDERATED_USER)
_RESOURCE_ONLY_KINDS = (PrincipalKind.SERVICE, PrincipalKind.FEDERATED_PROVIDER)
_RESOURCE_DENIALS = ("explicitDeny", "deniedForAccount")


def decide(
    policies: Any,
    plan: Any,
    context: Context,
    action: str,
    resource: str,
    resource_account: str | None,
    bpa: bool,
) -> EvaluationResult:
    """Decide one (action, resource) request (spec 3 and 4).

    ``policies`` is the prepared policy set (principal, anonymous, public), ``plan`` the
    action's plan (one outcome per policy set, by ``evaluate``/``evaluate_resource``) and
    ``context`` the request's context for the action.
    """
    if not isinstance(resource, str):
        raise PolicyEngineError(f"resource must be an ARN or '*', not {resource!r}")
    principal = policies.principal
    wildcard_only = plan.wildcard_only
    if resource == "*" or wildcard_only:
        # Wildcard-only actions are always requested on "*" (spec 1.2).
        star, part, arn_account, parts = True, None, "", None
    else:
        parts = resource.split(":", 5)
        if len(parts) != 6 or parts[0] != "arn":
            raise PolicyEngineError(f"resource must be an ARN or '*', not {resource!r}")
        star, part, arn_account = False, parts[5], parts[4]
    matched: list[MatchedStatement] = []
    missing: list[str] = []
    details: dict[str, str] = {}
    anonymous = policies.anonymous

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

    account = resource_account
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
            bpa
            and rank == ALLOW
            and policies.public
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
    return make_result(
        decision=decision,
        details=details,
        matched_statements=tuple(matched),
        missing_context_values=tuple(sorted(set(missing), key=str.lower)) if missing else (),
        explanation=explain(decision, action, deciding, reason, matched, grant, scp_level),
        deciding_policy_type=deciding,
        action=action,
        resource=resource,
    )
