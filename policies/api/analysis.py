"""The access analysis API: who can perform an action, escalation paths, the graph."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamApiView

from ..operations.analysis import GetAccountGraph, GetEscalationPaths, WhoCanPerform

_AUTHORIZED = ("Authorized as iam:GetAccountAuthorizationDetails on * (the analysis reads "
               "every principal's policies and trust policies, which that action discloses).")


class _AnalysisView(IamApiView):
    pagination_class = None


_WHO_CAN_EXAMPLE = {
    "action": "iam:CreatePolicyVersion",
    "resource": "arn:aws:iam::123456789012:policy/DeveloperTools",
    "actions": ["iam:CreatePolicyVersion"],
    "principals": [{
        "principal": "arn:aws:iam::123456789012:user/frank", "kind": "user",
        "external": False, "actions": ["iam:CreatePolicyVersion"],
        "grants": [{"policy": "DeveloperTools", "kind": "managed", "via_group": None,
                    "policy_arn": "arn:aws:iam::123456789012:policy/DeveloperTools",
                    "statement_index": 1, "sid": "IterateOnOwnTools"}],
        "via": [],
    }],
}
_STEP = {"actor": "arn:aws:iam::123456789012:user/frank",
         "technique": "iam:CreatePolicyVersion",
         "target": "arn:aws:iam::123456789012:user/frank",
         "resource": "arn:aws:iam::123456789012:policy/DeveloperTools",
         "note": "makes a new default version of DeveloperTools that allows everything",
         "grants": _WHO_CAN_EXAMPLE["principals"][0]["grants"]}
_ESCALATION_EXAMPLE = {
    "account_id": "123456789012",
    "administrators": ["arn:aws:iam::123456789012:user/alice"],
    "findings": [{"principal": "arn:aws:iam::123456789012:user/frank", "kind": "user",
                  "name": "frank", "admin": "arn:aws:iam::123456789012:user/frank",
                  "techniques": ["iam:CreatePolicyVersion"], "steps": [_STEP]}],
}
_GRAPH_EXAMPLE = {
    "nodes": [{"id": "arn:aws:iam::123456789012:user/frank", "kind": "user", "label": "frank",
               "flag": "escalates", "external": False},
              {"id": "arn:aws:iam::123456789012:policy/DeveloperTools", "kind": "policy",
               "label": "DeveloperTools", "flag": "", "external": False}],
    "edges": [{"source": "arn:aws:iam::123456789012:user/frank",
               "target": "arn:aws:iam::123456789012:policy/DeveloperTools",
               "kind": "attached", "label": ""}],
    "total": 2, "truncated": False,
}


def _ok(description: str, example: dict[str, Any]) -> OpenApiResponse:
    return OpenApiResponse(response=OpenApiTypes.OBJECT, description=description,
                           examples=[OpenApiExample("Result", value=example,
                                                    response_only=True, status_codes=["200"])])


class WhoCanView(_AnalysisView):
    """GET /api/v1/analysis/who-can: WhoCanPerform."""

    @extend_schema(
        operation_id="who_can_perform",
        summary="Who can perform an action on a resource",
        description=("Every principal of the account (users with their groups, roles, and "
                     "the principals that may assume those roles, other hosted accounts "
                     "included) whose effective permissions allow `action` (wildcards allowed "
                     "in the action name) on `resource` (* or an ARN), with the deciding "
                     "statements and the AssumeRole path, in one call (AWS asks "
                     "SimulatePrincipalPolicy once per principal). " + _AUTHORIZED),
        parameters=[
            OpenApiParameter("action", str, required=True, description="service:Action",
                             examples=[OpenApiExample("One action", value="s3:GetObject")]),
            OpenApiParameter("resource", str, required=False, description="* or an ARN",
                             examples=[OpenApiExample("An object",
                                                      value="arn:aws:s3:::reports/q1.csv")]),
        ],
        responses={200: _ok("{action, resource, actions, principals}", _WHO_CAN_EXAMPLE)},
    )
    def get(self, request: Request) -> Response:
        """Who can perform the action."""
        # Refused before the input is checked: a question needs no input to be refused.
        self.caller.require(WhoCanPerform)
        params = request.query_params
        result = self.run(WhoCanPerform, action_name=params.get("action", ""),
                          resource_arn=params.get("resource") or "*")
        return Response(result.as_dict())


class EscalationPathsView(_AnalysisView):
    """GET /api/v1/analysis/escalation-paths: GetEscalationPaths."""

    @extend_schema(
        operation_id="escalation_paths",
        summary="Privilege-escalation paths of the account",
        description=("The administrator-equivalent principals, and each principal that can "
                     "become one with its shortest chain of steps (technique, actor, target, "
                     "permitting statements). " + _AUTHORIZED),
        responses={200: _ok("{account_id, administrators, findings}", _ESCALATION_EXAMPLE)},
    )
    def get(self, request: Request) -> Response:
        """The escalation findings."""
        return Response(self.run(GetEscalationPaths).as_dict())


class AccountGraphView(_AnalysisView):
    """GET /api/v1/analysis/graph: GetAccountGraph."""

    @extend_schema(
        operation_id="account_graph",
        summary="The account as a graph",
        description=("Users, groups, roles and managed policies (nodes) with membership, "
                     "attachment, trust and escalation edges; `focus` (an ARN) narrows it to "
                     "one entity's neighbourhood, `limit` caps the nodes (default 200). "
                     + _AUTHORIZED),
        parameters=[OpenApiParameter("focus", str, required=False,
                                     description="An entity's ARN"),
                    OpenApiParameter("limit", int, required=False,
                                     description="At most this many nodes (10-2000)")],
        responses={200: _ok("{nodes, edges, total, truncated}", _GRAPH_EXAMPLE)},
    )
    def get(self, request: Request) -> Response:
        """The graph."""
        limit = request.query_params.get("limit", "200")
        graph = self.run(GetAccountGraph, focus=request.query_params.get("focus", ""),
                         limit=int(limit) if limit.isdigit() else -1)
        return Response({
            "nodes": [{"id": n.id, "kind": n.kind, "label": n.label, "flag": n.flag,
                       "external": n.external} for n in graph.nodes.values()],
            "edges": [{"source": e.source, "target": e.target, "kind": e.kind,
                       "label": e.label} for e in graph.edges],
            "total": graph.total, "truncated": graph.truncated,
        })


app_name = "analysis-api"

urlpatterns = [
    path("who-can", WhoCanView.as_view(), name="who-can"),
    path("escalation-paths", EscalationPathsView.as_view(), name="escalation-paths"),
    path("graph", AccountGraphView.as_view(), name="graph"),
]
