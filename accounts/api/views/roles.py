"""`/api/v1/roles/`: IAM roles, their trust policy, policies, boundary and instance profiles."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, IF_MATCH
from iamconsole.api.viewsets import IamViewSet
from policies.api.relations import (
    AttachedPoliciesMixin,
    InlinePoliciesMixin,
    PermissionsBoundaryMixin,
)

from ...filtersets import RoleFilterSet
from ...kinds import ROLE
from ...models import Role
from ...operations.roles import (
    CreateRole,
    DeleteRole,
    GetRole,
    ListInstanceProfilesForRole,
    ListRoles,
    UpdateAssumeRolePolicy,
    UpdateRole,
    UpdateRoleDescription,
)
from ...selectors import role_get, role_list
from ..serializers import (
    InstanceProfileSerializer,
    RoleCreateSerializer,
    RoleDescriptionSerializer,
    RoleListSerializer,
    RoleSerializer,
    RoleUpdateSerializer,
    TrustPolicyInputSerializer,
    TrustPolicySerializer,
)
from ..tags import TagsMixin
from .common import WITH_DEPENDENTS


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
    kind = ROLE
    model = Role
    filterset_class = RoleFilterSet
    ordering_fields = ["name", "path", "created_at"]

    def list_queryset(self):
        return role_list(account=self.account)

    def lookup_entity(self, name: str) -> Role:
        return role_get(account=self.account, name=name)

    @extend_schema(responses=RoleListSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.filtered_page(RoleListSerializer, self.run(ListRoles))

    @extend_schema(request=RoleCreateSerializer, responses={201: RoleSerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(RoleCreateSerializer)
        role = self.run(
            CreateRole, role_name=data["name"], path=data["path"],
            assume_role_policy_document=data["trust_policy"], description=data["description"],
            max_session_duration=data["max_session_duration"], tags=data["tags"],
            permissions_boundary=data.get("permissions_boundary"),
        )
        return self.respond(RoleSerializer, role, status=status.HTTP_201_CREATED)

    @extend_schema(responses=RoleSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(RoleSerializer, self.run(GetRole, role_name=name))

    @extend_schema(request=RoleUpdateSerializer, responses=RoleSerializer, parameters=[ETAG])
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(RoleUpdateSerializer)
        role = self.run(UpdateRole, role_name=name, description=data.get("description"),
                        max_session_duration=data.get("max_session_duration"))
        return self.respond(RoleSerializer, role)

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteRole, role_name=name, with_dependents=self.query_flag("with_dependents"))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=RoleDescriptionSerializer, responses=RoleSerializer,
                   parameters=[ETAG],
                   summary="Replace the description (UpdateRoleDescription)",
                   description="AWS's older twin of UpdateRole for the description alone; "
                               "allowed on a service-linked role.")
    @action(detail=True, methods=["put"], url_path="description")
    def update_description(self, request: Request, name: str) -> Response:
        data = self.input(RoleDescriptionSerializer)
        role = self.run(UpdateRoleDescription, role_name=name, description=data["description"])
        return self.respond(RoleSerializer, role)

    @extend_schema(responses=TrustPolicySerializer, parameters=[ETAG],
                   summary="Get the trust policy (GetRole)")
    @action(detail=True, methods=["get"], url_path="trust-policy")
    def trust_policy(self, request: Request, name: str) -> Response:
        return self.respond(TrustPolicySerializer, self.run(GetRole, role_name=name))

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
        update = UpdateAssumeRolePolicy(caller=self.caller, role_name=name,
                                        policy_document=data["policy_document"])
        return self.respond(TrustPolicySerializer,
                            self.run_if_match(update, TrustPolicySerializer))

    @extend_schema(responses=InstanceProfileSerializer(many=True),
                   summary="List the role's instance profiles (ListInstanceProfilesForRole)")
    @action(detail=True, methods=["get"], url_path="instance-profiles")
    def instance_profiles(self, request: Request, name: str) -> Response:
        profiles = self.run(ListInstanceProfilesForRole, role_name=name)
        return self.page(profiles, InstanceProfileSerializer, ordering=("name", "pk"))
