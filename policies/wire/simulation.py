"""Wire actions of the policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy and
the context keys their policies test, in AWS's output shapes."""

from __future__ import annotations

import re
from typing import Any

from iamconsole.wire import WireCall, action
from iamconsole.wire.pagination import page

from ..operations.simulation import (
    GetContextKeysForCustomPolicy,
    GetContextKeysForPrincipalPolicy,
    SimulateCustomPolicy,
    SimulatePrincipalPolicy,
)
from ..simulation.results import MatchedRef, ResultRow

_SOURCE_TYPES = {"user", "group", "role", "aws-managed", "user-managed", "resource", "none"}
_DECISIONS = {"allowed", "explicitDeny", "implicitDeny"}
_INPUT = re.compile(r"^(?P<name>[a-z_]+)\[(?P<index>\d+)\]$")


def _source_id(source_id: str) -> str:
    """AWS's name of a supplied document (`PolicyInputList.1`); a policy's ARN or an inline
    policy's name as it is."""
    match = _INPUT.match(source_id)
    if match is None:
        return "ResourcePolicy" if source_id == "resource_policy" else source_id
    name = "".join(part.title() for part in match["name"].split("_"))
    return f"{name}.{int(match['index']) + 1}"


def _source_type(matched: MatchedRef) -> str:
    """AWS's PolicySourceType: `none` for a document of the request's input lists, else the
    principal's policy's kind (user, group, role, aws-managed, user-managed, resource)."""
    kind, source_id = matched.policy.source_type, matched.policy.source_id
    if _INPUT.match(source_id):
        return "none"
    if kind in _SOURCE_TYPES:
        return kind
    if source_id.startswith("arn:aws:iam::aws:policy/"):
        return "aws-managed"
    return "user-managed" if ":policy/" in source_id else "none"


def _statement(matched: MatchedRef) -> dict[str, Any]:
    statement: dict[str, Any] = {"SourcePolicyId": _source_id(matched.policy.source_id),
                                 "SourcePolicyType": _source_type(matched)}
    if matched.start is not None:
        statement["StartPosition"] = {"Line": matched.start.line,
                                      "Column": matched.start.column}
    if matched.end is not None:
        statement["EndPosition"] = {"Line": matched.end.line, "Column": matched.end.column}
    return statement


def _details(row: ResultRow) -> dict[str, Any]:
    """What one action on one resource and a resource-specific result share."""
    shape: dict[str, Any] = {
        "MatchedStatements": [_statement(matched) for matched in row.reported],
        "MissingContextValues": list(row.missing_context_values),
        "EvalDecisionDetails": {kind: outcome for kind, outcome in row.details.items()
                                if outcome in _DECISIONS},
    }
    if "boundary" in row.details:
        shape["PermissionsBoundaryDecisionDetail"] = {
            "AllowedByPermissionsBoundary": row.details["boundary"] == "allowed"}
    return shape


def evaluation_result(row: ResultRow) -> dict[str, Any]:
    """An EvaluationResult: the decision, the statements that decided it, the context
    values it missed, and the same for its resource (ResourceSpecificResults)."""
    details = _details(row)
    result: dict[str, Any] = {"EvalActionName": row.action, "EvalResourceName": row.resource,
                              "EvalDecision": row.decision, **details}
    if "scp" in row.details:
        result["OrganizationsDecisionDetail"] = {
            "AllowedByOrganizations": row.details["scp"] == "allowed"}
    # The decision on each resource the caller named (none for "*", as AWS answers).
    result["ResourceSpecificResults"] = [] if row.resource == "*" else [{
        "EvalResourceName": row.resource, "EvalResourceDecision": row.decision, **details}]
    return result


def _documents(call: WireCall) -> dict[str, Any]:
    return {"policy_input_list": call.get("PolicyInputList"),
            "permissions_boundary_policy_input_list":
                call.get("PermissionsBoundaryPolicyInputList")}


def _simulation(call: WireCall) -> dict[str, Any]:
    entries = call.get("ContextEntries")
    return {
        **_documents(call),
        "action_names": call.get("ActionNames"),
        "resource_arns": call.get("ResourceArns"),
        "resource_policy": call.get("ResourcePolicy"),
        "resource_owner": call.get("ResourceOwner"),
        "caller_arn": call.get("CallerArn"),
        "context_entries": None if entries is None else [
            {"key": entry.get("ContextKeyName"), "values": entry.get("ContextKeyValues", []),
             "type": entry.get("ContextKeyType")} for entry in entries],
    }


@action("SimulatePrincipalPolicy")
def simulate_principal_policy(call: WireCall) -> dict[str, Any]:
    result = call.run(SimulatePrincipalPolicy, policy_source_arn=call.get("PolicySourceArn"),
                      policy_exclusions=call.get("PolicyExclusionList"), **_simulation(call))
    return page(call, result.rows, "EvaluationResults", evaluation_result)


@action("SimulateCustomPolicy")
def simulate_custom_policy(call: WireCall) -> dict[str, Any]:
    result = call.run(SimulateCustomPolicy, **_simulation(call))
    return page(call, result.rows, "EvaluationResults", evaluation_result)


@action("GetContextKeysForPrincipalPolicy")
def get_context_keys_for_principal_policy(call: WireCall) -> dict[str, Any]:
    keys = call.run(GetContextKeysForPrincipalPolicy,
                    policy_source_arn=call.get("PolicySourceArn"),
                    policy_input_list=call.get("PolicyInputList"))
    return {"ContextKeyNames": [key.info.key for key in keys]}


@action("GetContextKeysForCustomPolicy")
def get_context_keys_for_custom_policy(call: WireCall) -> dict[str, Any]:
    keys = call.run(GetContextKeysForCustomPolicy, policy_input_list=call.get("PolicyInputList"))
    return {"ContextKeyNames": [key.info.key for key in keys]}
