"""Policies of users, groups and roles: attached managed policies, inline policies, boundaries.

Mixed into the users, groups and roles viewsets; each handler runs the operation of the
viewset's kind (AttachUserPolicy, PutGroupPolicy, PutRolePermissionsBoundary...), which
authorizes itself.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.kinds import KINDS, Kind
from iamconsole.api.schema import ETAG, ID_PATTERN, IF_MATCH, NAME_PATTERN
from iamconsole.api.viewsets import NAME_REGEX
from iamconsole.exceptions import NoSuchEntity
from iamconsole.operations import Operation
from iamconsole.operations.registry import operation_named

from ..selectors import inline_policy_list, policy_get_by_id
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
_KIND_BY_TYPE = {kind.key: kind for kind in KINDS}


class EntityOperationsMixin:
    """The operations of the viewset's kind of entity (its `entity_type`: user, group, role)."""

    entity_type: str
    caller: Any

    @property
    def kind(self) -> Kind:
        """The kind of entity the viewset serves."""
        return _KIND_BY_TYPE[self.entity_type]

    def operation(self, pattern: str) -> type[Operation]:
        """The operation of this kind: "Attach{}Policy" -> AttachUserPolicy on /users/."""
        return operation_named(self.kind.operation_name(pattern))

    def named(self, name: str) -> dict[str, str]:
        """The operation input naming the entity: {"user_name": name}."""
        return {self.kind.name_field: name}


class AttachedPoliciesMixin(EntityOperationsMixin):
    """`{entity}/attached-policies/`: list, attach (by ARN), detach (by policy ID)."""

    @extend_schema(responses=AttachedPolicySerializer(many=True),
                   summary="List the attached managed policies")
    @action(detail=True, methods=["get"], url_path="attached-policies")
    def attached_policies(self, request: Request, name: str) -> Response:
        policies = self.run(self.operation("ListAttached{}Policies"), **self.named(name))
        return self.page(policies, AttachedPolicySerializer,
                         ordering=("name", "pk"))

    @extend_schema(request=PolicyArnInputSerializer, responses={201: AttachedPolicySerializer},
                   summary="Attach a managed policy")
    @attached_policies.mapping.post
    def attach_policy(self, request: Request, name: str) -> Response:
        data = self.input(PolicyArnInputSerializer)
        policy = self.run(self.operation("Attach{}Policy"), **self.named(name),
                          policy_arn=data["policy_arn"])
        return Response(self.represent(AttachedPolicySerializer, policy),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_POLICY_ID], responses={204: None},
                   summary="Detach a managed policy")
    @action(detail=True, methods=["delete"],
            url_path=f"attached-policies/(?P<policy_id>{POLICY_ID_REGEX})")
    def detach_policy(self, request: Request, name: str, policy_id: str) -> Response:
        self.run(self.operation("Detach{}Policy"), **self.named(name),
                 policy_arn=self.policy_arn(name, policy_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def policy_arn(self, name: str, policy_id: str) -> str:
        """The ARN of the policy with this ID. An unknown ID is NoSuchEntity only for a
        caller who may detach it: the detach is authorized first (with the ID in place of
        the ARN), so a denied caller learns nothing about which IDs exist."""
        try:
            return policy_get_by_id(account=self.caller.account, policy_id=policy_id).arn
        except NoSuchEntity as missing:
            detach = self.operation("Detach{}Policy")
            try:
                detach(caller=self.caller, **self.named(name),
                       policy_arn=policy_id).preflight()
            except NoSuchEntity as exc:
                if exc.field != "policy_arn":
                    raise  # the user, group or role itself does not exist
            raise missing from None


class InlinePoliciesMixin(EntityOperationsMixin):
    """`{entity}/inline-policies/[{policy_name}/]`: list, get, put (If-Match), delete."""

    @extend_schema(responses=InlinePolicySerializer(many=True),
                   summary="List the inline policies")
    @action(detail=True, methods=["get"], url_path="inline-policies")
    def inline_policies(self, request: Request, name: str) -> Response:
        policies = self.run(self.operation("List{}Policies"), **self.named(name))
        return self.page(policies, InlinePolicySerializer,
                         ordering=("name", "pk"))

    @extend_schema(parameters=[_POLICY_NAME, ETAG], responses=InlinePolicySerializer,
                   summary="Get an inline policy")
    @action(detail=True, methods=["get"],
            url_path=f"inline-policies/(?P<policy_name>{NAME_REGEX})")
    def inline_policy(self, request: Request, name: str, policy_name: str) -> Response:
        policy = self.run(self.operation("Get{}Policy"), **self.named(name),
                          policy_name=policy_name)
        return self.respond(InlinePolicySerializer, policy)

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
        put = self.operation("Put{}Policy")(caller=self.caller, **self.named(name),
                                            policy_name=policy_name,
                                            policy_document=data["policy_document"])
        before: dict[str, Any] = {}

        def current(entity: Any) -> Any:
            """The policy as it is before the write: the ETag If-Match must name."""
            before["policy"] = inline_policy_list(entity).filter(name__iexact=policy_name).first()
            return before["policy"]

        policy = self.run_if_match(put, InlinePolicySerializer, current)
        created = status.HTTP_201_CREATED if before["policy"] is None else status.HTTP_200_OK
        return self.respond(InlinePolicySerializer, policy,
                            status=created)

    @extend_schema(parameters=[_POLICY_NAME], responses={204: None},
                   summary="Delete an inline policy")
    @inline_policy.mapping.delete
    def delete_inline_policy(self, request: Request, name: str, policy_name: str) -> Response:
        self.run(self.operation("Delete{}Policy"), **self.named(name), policy_name=policy_name)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PermissionsBoundaryMixin(EntityOperationsMixin):
    """`{user or role}/permissions-boundary/`: get (GetUser, GetRole), set, remove."""

    @extend_schema(responses=BoundaryStateSerializer, summary="Get the permissions boundary")
    @action(detail=True, methods=["get"], url_path="permissions-boundary")
    def permissions_boundary(self, request: Request, name: str) -> Response:
        entity = self.run(self.operation("Get{}"), **self.named(name))
        return Response(self.represent(BoundaryStateSerializer, entity))

    @extend_schema(request=PolicyArnInputSerializer, responses=BoundaryStateSerializer,
                   summary="Set the permissions boundary")
    @permissions_boundary.mapping.put
    def put_permissions_boundary(self, request: Request, name: str) -> Response:
        data = self.input(PolicyArnInputSerializer)
        entity = self.run(self.operation("Put{}PermissionsBoundary"), **self.named(name),
                              permissions_boundary=data["policy_arn"])
        return Response(self.represent(BoundaryStateSerializer, entity))

    @extend_schema(responses={204: None}, summary="Remove the permissions boundary")
    @permissions_boundary.mapping.delete
    def delete_permissions_boundary(self, request: Request, name: str) -> Response:
        self.run(self.operation("Delete{}PermissionsBoundary"), **self.named(name))
        return Response(status=status.HTTP_204_NO_CONTENT)
