"""The simulate API: SimulateCustomPolicy, SimulatePrincipalPolicy and the context keys."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamApiView
from policies.simulation.checks import printable
from policies.simulation.keys import context_keys_request_mode

from ..operations.simulation import (
    GetContextKeysForCustomPolicy,
    GetContextKeysForPrincipalPolicy,
    SimulateCustomPolicy,
    SimulatePrincipalPolicy,
    operation_inputs,
)
from .simulate_serializers import (
    ContextKeysInputSerializer,
    ContextKeysOutputSerializer,
    SimulateCustomInputSerializer,
    SimulateOutputSerializer,
    SimulatePrincipalInputSerializer,
)

_S3_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{
        "Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
    }],
}
_RESULT = {
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::reports/q1.csv",
    "decision": "allowed",
    "matched_statements": [{
        "source_policy_id": "policy_input_list[0]", "source_policy_type": "user",
        "statement_index": 0, "sid": "ReadReports",
        "start": {"line": 4, "column": 9}, "end": {"line": 14, "column": 9},
    }],
    "missing_context_values": [],
    "decision_details": {"identity": "allowed", "resource": "notApplicable"},
    "explanation": "allowed: Policy 1 (Custom identity policy) statement 1 (Sid ReadReports) "
                   "allows s3:GetObject",
}
_DENIED = {
    "action": "s3:DeleteObject",
    "resource": "arn:aws:s3:::reports/q1.csv",
    "decision": "implicitDeny",
    "matched_statements": [],
    "missing_context_values": [],
    "decision_details": {"identity": "implicitDeny", "resource": "notApplicable"},
    "explanation": "denied: no identity-based policy allows s3:DeleteObject",
}
_ERRORS = {
    400: OpenApiResponse(description="An input is invalid; `field` names it (e.g. "
                         "policy_input_list[1]) and, for documents, `details` lists the "
                         "validator's findings with line and column."),
    403: OpenApiResponse(description="AccessDenied with AWS's sentence."),
}
_MALFORMED = OpenApiExample(
    "Malformed policy document",
    status_codes=["400"],
    response_only=True,
    value={
        "code": "MalformedPolicyDocument",
        "message": "policy_input_list[1]: The document is not valid JSON: Expecting ',' "
                   "delimiter (line 3, column 5)",
        "field": "policy_input_list[1]",
        "details": [{"field": "policy_input_list[1]", "severity": "error",
                     "code": "InvalidJson", "message": "The document is not valid JSON: "
                     "Expecting ',' delimiter", "statement_index": None, "element": None,
                     "line": 3, "column": 5, "end_line": 3, "end_column": 6}],
    },
)


def _printable(data: Any) -> Any:
    """The response with every string safe for UTF-8: a document's own "\\ud84b" escapes
    can reach sids, keys and messages as lone surrogates."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {_printable(key): _printable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_printable(item) for item in data]
    return data


class _SimulateView(IamApiView):
    """JSON in, JSON out: the body holds the operation's inputs."""

    parser_classes = [JSONParser]
    pagination_class = None


class SimulateCustomPolicyView(_SimulateView):
    """POST /api/v1/simulate/custom: SimulateCustomPolicy."""

    @extend_schema(
        operation_id="simulate_custom_policy",
        summary="Simulate identity policies you supply",
        description=(
            "Evaluates every action on every resource against the supplied identity policies "
            "and the optional resource-based policy, permissions boundary, session policy, "
            "SCP and RCP levels and VPC endpoint policies, with the console's own engine. "
            "Documents are validated for their policy type first. Authorized as "
            "SimulateCustomPolicy on *."
        ),
        request=SimulateCustomInputSerializer,
        responses={200: SimulateOutputSerializer, **_ERRORS},
        examples=[
            OpenApiExample(
                "An S3 policy with an IP condition",
                request_only=True,
                value={
                    "policy_input_list": [_S3_POLICY],
                    "action_names": ["s3:GetObject", "s3:PutObject"],
                    "resource_arns": ["arn:aws:s3:::reports/q1.csv"],
                    "context_entries": [
                        {"key": "aws:SourceIp", "values": ["203.0.113.7"], "type": "ip"}
                    ],
                    "scp_levels": [[{"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "*", "Resource": "*"}]}]],
                },
            ),
            OpenApiExample("Result", response_only=True, status_codes=["200"],
                           value={"evaluation_results": [_RESULT]}),
            _MALFORMED,
        ],
    )
    def post(self, request: Request) -> Response:
        """Simulate the supplied policies."""
        result = self.run(SimulateCustomPolicy,
                          **operation_inputs(SimulateCustomPolicy, request.data))
        return Response(_printable(result.as_api()))


class SimulatePrincipalPolicyView(_SimulateView):
    """POST /api/v1/simulate/principal: SimulatePrincipalPolicy."""

    @extend_schema(
        operation_id="simulate_principal_policy",
        summary="Simulate the policies of a user, group or role",
        description=(
            "Loads the principal's policies exactly as console authorization does (its own, "
            "its groups', its permissions boundary), leaves out `policy_exclusions`, swaps in "
            "`policy_overrides` for this simulation only, and evaluates every action on every "
            "resource. A simulated decision for a principal equals what the console decides "
            "when that principal tries the action with the same context: when its account "
            "is in an organization, the organization's SCPs (level by level) and the RCPs of "
            "each resource's account take part, each level named in `organization_policies` "
            "and the explanation; `apply_organization_policies: false` leaves them out. "
            "Authorized as SimulatePrincipalPolicy on the source ARN."
        ),
        request=SimulatePrincipalInputSerializer,
        responses={200: SimulateOutputSerializer, 404: OpenApiResponse(
            description="NoSuchEntity: the principal is not in your account."), **_ERRORS},
        examples=[
            OpenApiExample(
                "A user, leaving one policy out",
                request_only=True,
                value={
                    "policy_source_arn": "arn:aws:iam::111111111111:user/alice",
                    "action_names": ["s3:DeleteObject", "s3:GetObject"],
                    "resource_arns": ["arn:aws:s3:::reports/q1.csv"],
                    "policy_exclusions": ["arn:aws:iam::aws:policy/AdministratorAccess"],
                    "context_entries": [
                        {"key": "aws:MultiFactorAuthPresent", "values": ["true"],
                         "type": "boolean"}
                    ],
                },
            ),
            OpenApiExample("Result", response_only=True, status_codes=["200"],
                           value={"evaluation_results": [_DENIED]}),
            _MALFORMED,
        ],
    )
    def post(self, request: Request) -> Response:
        """Simulate the principal's policies."""
        result = self.run(SimulatePrincipalPolicy,
                          **operation_inputs(SimulatePrincipalPolicy, request.data))
        return Response(_printable(result.as_api()))


class SimulationContextKeysView(_SimulateView):
    """POST /api/v1/simulate/context-keys: GetContextKeysFor(Principal|Custom)Policy, as the
    body names a principal or not."""

    @extend_schema(
        operation_id="simulation_context_keys",
        summary="List the context keys the policies test",
        description=(
            "With `policy_source_arn`: the keys the principal's policies (after exclusions and "
            "edits) and the optional documents reference, authorized as "
            "GetContextKeysForPrincipalPolicy on that ARN. Otherwise the keys of "
            "`policy_input_list` and the optional documents, authorized as "
            "GetContextKeysForCustomPolicy on *. Each key comes with the context type to "
            "give it in `context_entries`."
        ),
        request=ContextKeysInputSerializer,
        responses={200: ContextKeysOutputSerializer, 404: OpenApiResponse(
            description="NoSuchEntity: the principal is not in your account."), **_ERRORS},
        examples=[
            OpenApiExample("Custom policies", request_only=True,
                           value={"policy_input_list": [_S3_POLICY]}),
            OpenApiExample("Keys", response_only=True, status_codes=["200"], value={
                "context_key_names": ["aws:SourceIp"],
                "context_keys": [{"key": "aws:SourceIp", "type": "ip",
                                  "description": "The requester's IP address",
                                  "used_by": ["policy_input_list[0]"]}],
            }),
        ],
    )
    def post(self, request: Request) -> Response:
        """List the referenced context keys."""
        listing = (GetContextKeysForPrincipalPolicy
                   if context_keys_request_mode(request.data) == "principal"
                   else GetContextKeysForCustomPolicy)
        keys = self.run(listing, **operation_inputs(listing, request.data))
        return Response(_printable({
            "context_key_names": [k.info.key for k in keys],
            "context_keys": [
                {"key": k.info.key, "type": k.info.type, "description": k.info.description,
                 "used_by": list(k.used_by_ids)}
                for k in keys
            ],
        }))
