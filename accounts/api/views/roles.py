"""`/api/v1/roles/`: IAM roles, their trust policy, policies, boundary and instance profiles."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, IF_MATCH
from iamconsole.api.viewsets import IamViewSet
from iamconsole.services import lock
from iamconsole.validators import validate_name, validate_path
from policies.api.relations import (
    AttachedPoliciesMixin,
    InlinePoliciesMixin,
    PermissionsBoundaryMixin,
    boundary_context,
)
from policies.authorization import current_boundary_context
from policies.selectors import policy_get

from ...filtersets import RoleFilterSet
from ...models import Role
from ...selectors import instance_profile_list, role_get, role_list
from ...services import (
    role_create,
    role_delete,
    role_delete_with_dependents,
    role_update,
    role_update_trust_policy,
)
from ..serializers import (
    InstanceProfileSerializer,
    RoleCreateSerializer,
    RoleListSerializer,
    RoleSerializer,
    RoleUpdateSerializer,
    TrustPolicyInputSerializer,
    TrustPolicySerializer,
)
from ..tags import TagsMixin
from .common import WITH_DEPENDENTS

_DEPENDENT_ACTIONS = ("iam:DeleteRolePolicy",)


@extend_schema_view(
    list=extend_schema(summary="List roles (ListRoles)"),
    create=extend_schema(summary="Create a role (CreateRole)"),
    retrieve=extend_schema(summary="Get a role (GetRole)"),
    partial_update=extend_schema(
        summary="Change the description or maximum session duration (UpdateRole)"
    ),
    destroy=extend_schema(summary="Delete a role (DeleteRole)"),
)
class RoleViewSet(
    AttachedPoliciesMixin, InlinePoliciesMixin, PermissionsBoundaryMixin, TagsMixin, IamViewSet
):
    """IAM roles of the caller's account, addressed by name (case-insensitive)."""

    entity_type = "role"
    model = Role
    filterset_class = RoleFilterSet
    ordering_fields = ["name", "path", "created_at"]
    iam_actions = {
        "list": "iam:ListRoles",
        "create": "iam:CreateRole",
        "retrieve": "iam:GetRole",
        "partial_update": "iam:UpdateRole",
        "destroy": "iam:DeleteRole",
        "trust_policy": "iam:GetRole",
        "put_trust_policy": "iam:UpdateAssumeRolePolicy",
        "instance_profiles": "iam:ListInstanceProfilesForRole",
        "attached_policies": "iam:ListAttachedRolePolicies",
        "attach_policy": "iam:AttachRolePolicy",
        "detach_policy": "iam:DetachRolePolicy",
        "inline_policies": "iam:ListRolePolicies",
        "inline_policy": "iam:GetRolePolicy",
        "put_inline_policy": "iam:PutRolePolicy",
        "delete_inline_policy": "iam:DeleteRolePolicy",
        "permissions_boundary": "iam:GetRole",
        "put_permissions_boundary": "iam:PutRolePermissionsBoundary",
        "delete_permissions_boundary": "iam:DeleteRolePermissionsBoundary",
        "tags": "iam:ListRoleTags",
        "tag": "iam:TagRole",
        "untag": "iam:UntagRole",
    }

    def list_queryset(self):
        return role_list(account=self.account)

    def lookup_entity(self, name: str) -> Role:
        return role_get(account=self.account, name=name)

    @extend_schema(responses=RoleListSerializer(many=True))
    def list(self, request: Request) -> Response:
        self.authorize()
        return self.filtered_page(RoleListSerializer)

    @extend_schema(request=RoleCreateSerializer, responses={201: RoleSerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(RoleCreateSerializer)
        validate_name(data["name"], "role")
        validate_path(data["path"])
        boundary_arn = data.get("permissions_boundary")
        self.authorize_create(self.arn("role", data["path"], data["name"]), data["tags"],
                              boundary_context(boundary_arn))
        boundary = policy_get(account=self.account, arn=boundary_arn) if boundary_arn else None
        role = role_create(
            account=self.account, name=data["name"], path=data["path"],
            trust_policy=data["trust_policy"], description=data["description"],
            max_session_duration=data["max_session_duration"], tags=data["tags"],
            permissions_boundary=boundary,
        )
        return self.respond(RoleSerializer, role, status=status.HTTP_201_CREATED)

    @extend_schema(responses=RoleSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(RoleSerializer, self.entity())

    @extend_schema(request=RoleUpdateSerializer, responses=RoleSerializer, parameters=[ETAG])
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(RoleUpdateSerializer)
        role = role_update(role=self.entity(), **data)
        return self.respond(RoleSerializer, role)

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        role = self.entity()
        if self.query_flag("with_dependents"):
            self.authorize(role.arn, actions=_DEPENDENT_ACTIONS,
                           context=current_boundary_context(role))
            self.authorize_detach_all(role)
            for profile in instance_profile_list(account=self.account, role=role):
                self.authorize(profile.arn, actions="iam:RemoveRoleFromInstanceProfile")
                if profile.name.lower() == role.name.lower():
                    # The profile the console created with the role goes with it.
                    self.authorize(profile.arn, actions="iam:DeleteInstanceProfile")
            role_delete_with_dependents(role=role)
        else:
            role_delete(role=role)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=TrustPolicySerializer, parameters=[ETAG],
                   summary="Get the trust policy (GetRole)")
    @action(detail=True, methods=["get"], url_path="trust-policy")
    def trust_policy(self, request: Request, name: str) -> Response:
        return self.respond(TrustPolicySerializer, self.entity())

    @extend_schema(
        request=TrustPolicyInputSerializer, responses=TrustPolicySerializer,
        parameters=[IF_MATCH, ETAG],
        summary="Replace the trust policy (UpdateAssumeRolePolicy)",
        description="With If-Match, the trust policy is replaced only if it still has that "
                    "ETag (the one GET trust-policy/ answered); 412 PreconditionFailed otherwise.",
    )
    @trust_policy.mapping.put
    def put_trust_policy(self, request: Request, name: str) -> Response:
        data = self.input(TrustPolicyInputSerializer)
        role = self.entity()
        with transaction.atomic():
            # The row lock keeps the ETag check and the write together.
            role = lock(role)
            self.check_if_match(TrustPolicySerializer, role)
            role = role_update_trust_policy(role=role, trust_policy=data["policy_document"])
        return self.respond(TrustPolicySerializer, role)

    @extend_schema(responses=InstanceProfileSerializer(many=True),
                   summary="List the role's instance profiles (ListInstanceProfilesForRole)")
    @action(detail=True, methods=["get"], url_path="instance-profiles")
    def instance_profiles(self, request: Request, name: str) -> Response:
        profiles = instance_profile_list(account=self.account, role=self.entity())
        return self.page(profiles, InstanceProfileSerializer, ordering=("name", "pk"))
