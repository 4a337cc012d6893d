"""Policies of users, groups and roles: attached managed policies, inline policies, boundaries.

Mixed into the users, groups and roles viewsets, which declare the IAM action of each handler
(ListAttachedUserPolicies, PutGroupPolicy, PutRolePermissionsBoundary...).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, ID_PATTERN, IF_MATCH, NAME_PATTERN
from iamconsole.api.viewsets import NAME_REGEX
from iamconsole.exceptions import NoSuchEntity
from iamconsole.services import lock

from ..authorization import current_boundary_context
from ..selectors import (
    attached_policies,
    inline_policy_get,
    inline_policy_list,
    policy_get,
    policy_get_by_id,
)
from ..services import (
    inline_policy_delete,
    inline_policy_put,
    permissions_boundary_delete,
    permissions_boundary_put,
    policy_attach,
    policy_detach,
)
from .serializers import (
    AttachedPolicySerializer,
    BoundaryStateSerializer,
    InlinePolicyInputSerializer,
    InlinePolicySerializer,
    PolicyArnInputSerializer,
)

POLICY_ID_REGEX = NAME_REGEX  # the services decide whether an ID exists
_POLICY_NAME = OpenApiParameter(
    "policy_name", str, OpenApiParameter.PATH, pattern=NAME_PATTERN,
    description="The inline policy's name (unique in the entity, ignoring case).",
)
_POLICY_ID = OpenApiParameter(
    "policy_id", str, OpenApiParameter.PATH, pattern=ID_PATTERN,
    description="The managed policy's unique ID (ANPA...).",
)


class AttachedPoliciesMixin:
    """`{entity}/attached-policies/`: list, attach (by ARN), detach (by policy ID)."""

    def authorize_detach_all(self, entity: Any) -> None:
        """What deleting `entity` with its dependents detaches: Detach*Policy once per policy,
        with its ARN as iam:PolicyARN and the entity's boundary as iam:PermissionsBoundary (a
        guardrail on one policy, or on the holders of one boundary, applies to the delete too)."""
        action = self.iam_actions["detach_policy"]
        boundary = current_boundary_context(entity)
        for arn in attached_policies(entity).values_list("arn", flat=True):
            self.authorize(entity.arn, actions=action,
                           context={**boundary, "iam:PolicyARN": arn})

    @extend_schema(responses=AttachedPolicySerializer(many=True),
                   summary="List the attached managed policies")
    @action(detail=True, methods=["get"], url_path="attached-policies")
    def attached_policies(self, request: Request, name: str) -> Response:
        entity = self.entity()
        return self.page(attached_policies(entity), AttachedPolicySerializer,
                         ordering=("name", "pk"))

    @extend_schema(request=PolicyArnInputSerializer, responses={201: AttachedPolicySerializer},
                   summary="Attach a managed policy")
    @attached_policies.mapping.post
    def attach_policy(self, request: Request, name: str) -> Response:
        data = self.input(PolicyArnInputSerializer)
        entity = self.entity(context={"iam:PolicyARN": data["policy_arn"]})
        policy = policy_get(account=self.account, arn=data["policy_arn"])
        policy_attach(policy=policy, entity=entity)
        return Response(self.represent(AttachedPolicySerializer, policy),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_POLICY_ID], responses={204: None},
                   summary="Detach a managed policy")
    @action(detail=True, methods=["delete"],
            url_path=f"attached-policies/(?P<policy_id>{POLICY_ID_REGEX})")
    def detach_policy(self, request: Request, name: str, policy_id: str) -> Response:
        try:
            policy = policy_get_by_id(account=self.account, policy_id=policy_id)
        except NoSuchEntity:
            self.entity()
            raise
        entity = self.entity(context={"iam:PolicyARN": policy.arn})
        policy_detach(policy=policy, entity=entity)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InlinePoliciesMixin:
    """`{entity}/inline-policies/[{policy_name}/]`: list, get, put (If-Match), delete."""

    @extend_schema(responses=InlinePolicySerializer(many=True),
                   summary="List the inline policies")
    @action(detail=True, methods=["get"], url_path="inline-policies")
    def inline_policies(self, request: Request, name: str) -> Response:
        entity = self.entity()
        return self.page(inline_policy_list(entity), InlinePolicySerializer,
                         ordering=("name", "pk"))

    @extend_schema(parameters=[_POLICY_NAME, ETAG], responses=InlinePolicySerializer,
                   summary="Get an inline policy")
    @action(detail=True, methods=["get"],
            url_path=f"inline-policies/(?P<policy_name>{NAME_REGEX})")
    def inline_policy(self, request: Request, name: str, policy_name: str) -> Response:
        entity = self.entity()
        return self.respond(InlinePolicySerializer,
                           inline_policy_get(entity=entity, name=policy_name))

    @extend_schema(
        parameters=[_POLICY_NAME, IF_MATCH, ETAG],
        request=InlinePolicyInputSerializer,
        responses={200: InlinePolicySerializer, 201: InlinePolicySerializer},
        summary="Create or replace an inline policy",
        description="Creates the policy (201) or replaces its document (200). With If-Match, "
                    "the write happens only if the policy still has that ETag (412 otherwise; "
                    "also 412 when it does not exist).",
    )
    @inline_policy.mapping.put
    def put_inline_policy(self, request: Request, name: str, policy_name: str) -> Response:
        data = self.input(InlinePolicyInputSerializer)
        entity = self.entity()
        with transaction.atomic():
            # The entity's row lock serializes writers between the ETag check and the write.
            entity = lock(entity)
            current = inline_policy_list(entity).filter(name__iexact=policy_name).first()
            self.check_if_match(InlinePolicySerializer, current)
            policy = inline_policy_put(
                entity=entity, name=policy_name, policy_document=data["policy_document"]
            )
        created = status.HTTP_201_CREATED if current is None else status.HTTP_200_OK
        return self.respond(InlinePolicySerializer, policy, status=created)

    @extend_schema(parameters=[_POLICY_NAME], responses={204: None},
                   summary="Delete an inline policy")
    @inline_policy.mapping.delete
    def delete_inline_policy(self, request: Request, name: str, policy_name: str) -> Response:
        entity = self.entity()
        inline_policy_delete(entity=entity, name=policy_name)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PermissionsBoundaryMixin:
    """`{user or role}/permissions-boundary/`: get, set (by policy ARN), remove."""

    @extend_schema(responses=BoundaryStateSerializer, summary="Get the permissions boundary")
    @action(detail=True, methods=["get"], url_path="permissions-boundary")
    def permissions_boundary(self, request: Request, name: str) -> Response:
        return Response(self.represent(BoundaryStateSerializer, self.entity()))

    @extend_schema(request=PolicyArnInputSerializer, responses=BoundaryStateSerializer,
                   summary="Set the permissions boundary")
    @permissions_boundary.mapping.put
    def put_permissions_boundary(self, request: Request, name: str) -> Response:
        data = self.input(PolicyArnInputSerializer)
        entity = self.entity(context={"iam:PermissionsBoundary": data["policy_arn"]})
        policy = policy_get(account=self.account, arn=data["policy_arn"])
        entity = permissions_boundary_put(entity=entity, policy=policy)
        return Response(self.represent(BoundaryStateSerializer, entity))

    @extend_schema(responses={204: None}, summary="Remove the permissions boundary")
    @permissions_boundary.mapping.delete
    def delete_permissions_boundary(self, request: Request, name: str) -> Response:
        permissions_boundary_delete(entity=self.entity())
        return Response(status=status.HTTP_204_NO_CONTENT)


def boundary_context(arn: Any) -> dict[str, str]:
    """The iam:PermissionsBoundary condition key of a request setting a boundary."""
    return {"iam:PermissionsBoundary": arn} if arn else {}
