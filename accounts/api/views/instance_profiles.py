"""`/api/v1/instance-profiles/`: instance profiles and the role each holds."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, NAME_PATTERN
from iamconsole.api.viewsets import NAME_REGEX, IamViewSet

from ...filtersets import InstanceProfileFilterSet
from ...kinds import INSTANCE_PROFILE
from ...models import InstanceProfile
from ...operations.instance_profiles import (
    AddRoleToInstanceProfile,
    CreateInstanceProfile,
    DeleteInstanceProfile,
    GetInstanceProfile,
    ListInstanceProfiles,
    RemoveRoleFromInstanceProfile,
)
from ...selectors import instance_profile_get, instance_profile_list
from ..serializers import (
    InstanceProfileCreateSerializer,
    InstanceProfileSerializer,
    RoleInputSerializer,
    RoleRefSerializer,
)
from ..tags import TagsMixin
from .common import WITH_DEPENDENTS

_ROLE_NAME = OpenApiParameter(
    "role_name", str, OpenApiParameter.PATH, pattern=NAME_PATTERN,
    description="The role's name.",
)


@extend_schema_view(
    list=extend_schema(summary="List instance profiles (ListInstanceProfiles)"),
    create=extend_schema(summary="Create an instance profile (CreateInstanceProfile)"),
    retrieve=extend_schema(summary="Get an instance profile (GetInstanceProfile)"),
    destroy=extend_schema(summary="Delete an instance profile (DeleteInstanceProfile)"),
)
class InstanceProfileViewSet(TagsMixin, IamViewSet):
    """Instance profiles of the caller's account, addressed by name (case-insensitive)."""

    entity_type = "instance-profile"
    kind = INSTANCE_PROFILE
    model = InstanceProfile
    filterset_class = InstanceProfileFilterSet
    ordering_fields = ["name", "path", "created_at"]
    def list_queryset(self):
        return instance_profile_list(account=self.account)

    def lookup_entity(self, name: str) -> InstanceProfile:
        return instance_profile_get(account=self.account, name=name)

    @extend_schema(responses=InstanceProfileSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.filtered_page(InstanceProfileSerializer, self.run(ListInstanceProfiles))

    @extend_schema(request=InstanceProfileCreateSerializer,
                   responses={201: InstanceProfileSerializer}, parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(InstanceProfileCreateSerializer)
        caller = self.caller
        operations = [CreateInstanceProfile(caller=caller, instance_profile_name=data["name"],
                                            path=data["path"], tags=data["tags"])]
        if data.get("role_name"):
            operations.append(AddRoleToInstanceProfile(
                caller=caller, instance_profile_name=data["name"], role_name=data["role_name"]))
        profile = self.run_all(operations)[-1]
        return self.respond(InstanceProfileSerializer, profile, status=status.HTTP_201_CREATED)

    @extend_schema(responses=InstanceProfileSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(InstanceProfileSerializer,
                            self.run(GetInstanceProfile, instance_profile_name=name))

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteInstanceProfile, instance_profile_name=name,
                 with_dependents=self.query_flag("with_dependents"))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=RoleRefSerializer(many=True),
                   summary="List the profile's role (at most one) (GetInstanceProfile)")
    @action(detail=True, methods=["get"], url_path="roles")
    def roles(self, request: Request, name: str) -> Response:
        profile = self.run(GetInstanceProfile, instance_profile_name=name)
        roles = [profile.role] if profile.role is not None else []
        return Response({"results": self.represent_many(RoleRefSerializer, roles),
                         "is_truncated": False, "marker": None})

    @extend_schema(request=RoleInputSerializer, responses={201: RoleRefSerializer},
                   summary="Put a role in the profile (AddRoleToInstanceProfile)")
    @roles.mapping.post
    def add_role(self, request: Request, name: str) -> Response:
        data = self.input(RoleInputSerializer)
        profile = self.run(AddRoleToInstanceProfile, instance_profile_name=name,
                           role_name=data["role_name"])
        return Response(self.represent(RoleRefSerializer, profile.role),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_ROLE_NAME], responses={204: None},
                   summary="Take the role out of the profile (RemoveRoleFromInstanceProfile)")
    @action(detail=True, methods=["delete"], url_path=f"roles/(?P<role_name>{NAME_REGEX})")
    def remove_role(self, request: Request, name: str, role_name: str) -> Response:
        self.run(RemoveRoleFromInstanceProfile, instance_profile_name=name, role_name=role_name)
        return Response(status=status.HTTP_204_NO_CONTENT)
