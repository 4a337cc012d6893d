"""`/api/v1/organizations/`: SCPs and RCPs, their attachments to roots, OUs and accounts,
effective policies, and the tags of the organization's resources."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ...operations.organization_policies import (
    AttachPolicy,
    CreatePolicy,
    DeletePolicy,
    DescribePolicy,
    DetachPolicy,
    ListPolicies,
    ListPoliciesForTarget,
    ListTargetsForPolicy,
    UpdatePolicy,
)
from ...operations.organization_tags import (
    EFFECTIVE_POLICY_TYPES,
    DescribeEffectivePolicy,
    ListTagsForResource,
    TagResource,
    UntagResource,
)
from ..serializers.organizations import (
    EffectivePolicySerializer,
    OrganizationPolicyCreateSerializer,
    OrganizationPolicySerializer,
    OrganizationPolicySummarySerializer,
    OrganizationPolicyUpdateSerializer,
    OrganizationTagsSerializer,
    PolicyTargetSerializer,
    aws_tags,
)
from .organizations import POLICY_FILTER, OrganizationsView, enum_parameter


class PoliciesView(OrganizationsView):
    """The organization's policies of one type, and new ones."""

    @extend_schema(parameters=[POLICY_FILTER],
                   responses=OrganizationPolicySummarySerializer(many=True),
                   summary="List the policies of a type (ListPolicies)")
    def get(self, request: Request) -> Response:
        found = self.run(ListPolicies, filter=request.query_params.get("filter", ""))
        return self.page_list(found["Policies"], OrganizationPolicySummarySerializer)

    @extend_schema(request=OrganizationPolicyCreateSerializer,
                   responses={201: OrganizationPolicySerializer},
                   summary="Create an SCP or RCP (CreatePolicy)")
    def post(self, request: Request) -> Response:
        data = self.input(OrganizationPolicyCreateSerializer)
        created = self.run(CreatePolicy, name=data["name"], description=data["description"],
                           content=data["content"], type=data["type"],
                           tags=aws_tags(data["tags"]))
        return Response(self.represent(OrganizationPolicySerializer, created["Policy"]),
                        status=status.HTTP_201_CREATED)


class PolicyView(OrganizationsView):
    """One policy, by its ID (p-...)."""

    @extend_schema(responses=OrganizationPolicySerializer,
                   summary="Describe a policy (DescribePolicy)")
    def get(self, request: Request, policy_id: str) -> Response:
        found = self.run(DescribePolicy, policy_id=policy_id)
        return Response(self.represent(OrganizationPolicySerializer, found["Policy"]))

    @extend_schema(request=OrganizationPolicyUpdateSerializer,
                   responses=OrganizationPolicySerializer,
                   summary="Change a policy's name, description or content (UpdatePolicy)")
    def patch(self, request: Request, policy_id: str) -> Response:
        data = self.input(OrganizationPolicyUpdateSerializer)
        found = self.run(UpdatePolicy, policy_id=policy_id, name=data.get("name"),
                         description=data.get("description"), content=data.get("content"))
        return Response(self.represent(OrganizationPolicySerializer, found["Policy"]))

    @extend_schema(responses={204: None}, summary="Delete a detached policy (DeletePolicy)")
    def delete(self, request: Request, policy_id: str) -> Response:
        self.run(DeletePolicy, policy_id=policy_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PolicyTargetsView(OrganizationsView):
    """The roots, OUs and accounts a policy is attached to."""

    @extend_schema(responses=PolicyTargetSerializer(many=True),
                   summary="List a policy's targets (ListTargetsForPolicy)")
    def get(self, request: Request, policy_id: str) -> Response:
        found = self.run(ListTargetsForPolicy, policy_id=policy_id)
        return self.page_list(found["Targets"], PolicyTargetSerializer)


class PolicyAttachmentView(OrganizationsView):
    """A policy's attachment to a root, OU or account: made (POST) or removed (DELETE)."""

    @extend_schema(request=None, responses={204: None},
                   summary="Attach a policy (AttachPolicy)")
    def post(self, request: Request, policy_id: str, target_id: str) -> Response:
        self.run(AttachPolicy, policy_id=policy_id, target_id=target_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None}, summary="Detach a policy (DetachPolicy)")
    def delete(self, request: Request, policy_id: str, target_id: str) -> Response:
        self.run(DetachPolicy, policy_id=policy_id, target_id=target_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TargetPoliciesView(OrganizationsView):
    """The policies of one type attached directly to a root, OU or account."""

    @extend_schema(parameters=[POLICY_FILTER],
                   responses=OrganizationPolicySummarySerializer(many=True),
                   summary="List a target's policies (ListPoliciesForTarget)")
    def get(self, request: Request, target_id: str) -> Response:
        found = self.run(ListPoliciesForTarget, target_id=target_id,
                         filter=request.query_params.get("filter", ""))
        return self.page_list(found["Policies"], OrganizationPolicySummarySerializer)


_EFFECTIVE_TYPE = enum_parameter("type", tuple(sorted(EFFECTIVE_POLICY_TYPES)),
                                 "The management policy type (SCPs and RCPs have none).")
_TARGET = OpenApiParameter("target", str, OpenApiParameter.QUERY, required=False,
                           description="The account (or OU, root); the caller's account "
                                       "when left out.",
                           examples=[OpenApiExample("An account", value="222222222222")])


class EffectivePolicyView(OrganizationsView):
    """The effective management policy of a type for a target."""

    @extend_schema(parameters=[_EFFECTIVE_TYPE, _TARGET], responses=EffectivePolicySerializer,
                   summary="Describe an effective policy (DescribeEffectivePolicy)")
    def get(self, request: Request) -> Response:
        found = self.run(DescribeEffectivePolicy,
                         policy_type=request.query_params.get("type", ""),
                         target_id=request.query_params.get("target") or None)
        return Response(self.represent(EffectivePolicySerializer, found["EffectivePolicy"]))


_KEYS = OpenApiParameter(
    "key", str, OpenApiParameter.QUERY, many=True, required=True,
    description="A tag key to remove (repeat for several; absent keys are ignored).",
    examples=[OpenApiExample("One key", value=["team"])],
)


class ResourceTagsView(OrganizationsView):
    """The tags of a root, OU, account or policy, as {key: value}."""

    @extend_schema(responses=OrganizationTagsSerializer,
                   summary="List a resource's tags (ListTagsForResource)")
    def get(self, request: Request, resource_id: str) -> Response:
        found = self.run(ListTagsForResource, resource_id=resource_id)
        return Response({"tags": {tag["Key"]: tag["Value"] for tag in found["Tags"]}})

    @extend_schema(request=OrganizationTagsSerializer, responses={204: None},
                   summary="Add or overwrite tags (TagResource)")
    def post(self, request: Request, resource_id: str) -> Response:
        data = self.input(OrganizationTagsSerializer)
        self.run(TagResource, resource_id=resource_id, tags=aws_tags(data["tags"]))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(parameters=[_KEYS], responses={204: None},
                   summary="Remove tags (UntagResource)")
    def delete(self, request: Request, resource_id: str) -> Response:
        self.run(UntagResource, resource_id=resource_id, tag_keys=self.query_list("key"))
        return Response(status=status.HTTP_204_NO_CONTENT)
