"""The access analysis API: who can perform an action, escalation paths, the graph."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamApiView
from iamconsole.exceptions import AccessDenied

from ..operations.analysis import GetAccountGraph, GetEscalationPaths, WhoCanPerform

_AUTHORIZED = ("Authorized as iam:GetAccountAuthorizationDetails on * (the analysis reads "
               "every principal's policies and trust policies, which that action discloses).")
_DENIED = {403: OpenApiResponse(description="AccessDenied with AWS's sentence.")}


class _AnalysisView(IamApiView):
    parser_classes = [JSONParser]
    pagination_class = None


class WhoCanView(_AnalysisView):
    """GET or POST /api/v1/analysis/who-can: WhoCanPerform."""

    def _answer(self, data: Any) -> Response:
        # Refused before the input is checked: a question needs no body to be refused.
        decision = self.caller.permits(WhoCanPerform)
        if not decision.allowed:
            raise AccessDenied(decision.message)
        action = data.get("action", "") if hasattr(data, "get") else ""
        resource = data.get("resource", "*") if hasattr(data, "get") else "*"
        result = self.run(WhoCanPerform, action_name=action, resource_arn=resource or "*")
        return Response(result.as_dict())

    @extend_schema(
        operation_id="who_can_perform",
        summary="Who can perform an action on a resource",
        description=("Every principal of the account (users with their groups, roles, and "
                     "the principals that may assume those roles, other hosted accounts "
                     "included) whose effective permissions allow `action` (wildcards allowed "
                     "in the action name) on `resource` (* or an ARN), with the deciding "
                     "statements and the AssumeRole path. " + _AUTHORIZED),
        parameters=[OpenApiParameter("action", str, required=True),
                    OpenApiParameter("resource", str, required=False)],
        responses={200: OpenApiResponse(description="{action, resource, actions, principals}"),
                   400: OpenApiResponse(description="InvalidInput naming the field."),
                   **_DENIED},
    )
    def get(self, request: Request) -> Response:
        """Who can perform the action (query parameters)."""
        return self._answer(request.query_params)

    @extend_schema(operation_id="who_can_perform_post", summary="Who can perform an action",
                   description="The same question as a JSON body {action, resource}.",
                   responses={200: OpenApiResponse(description="As GET."), **_DENIED})
    def post(self, request: Request) -> Response:
        """Who can perform the action (JSON body)."""
        return self._answer(request.data)


class EscalationPathsView(_AnalysisView):
    """GET /api/v1/analysis/escalation-paths: GetEscalationPaths."""

    @extend_schema(
        operation_id="escalation_paths",
        summary="Privilege-escalation paths of the account",
        description=("The administrator-equivalent principals, and each principal that can "
                     "become one with its shortest chain of steps (technique, actor, target, "
                     "permitting statements). " + _AUTHORIZED),
        responses={200: OpenApiResponse(description="{account_id, administrators, findings}"),
                   **_DENIED},
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
        parameters=[OpenApiParameter("focus", str, required=False),
                    OpenApiParameter("limit", int, required=False)],
        responses={200: OpenApiResponse(description="{nodes, edges, total, truncated}"),
                   **_DENIED},
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
