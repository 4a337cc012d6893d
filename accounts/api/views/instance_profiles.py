"""`/api/v1/instance-profiles/`: instance profiles and the role each holds."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, NAME_PATTERN
from iamconsole.api.viewsets import NAME_REGEX, IamViewSet
from iamconsole.validators import validate_name, validate_path
from policies.authorization import PASSED_TO_EC2

from ...filtersets import InstanceProfileFilterSet
from ...models import InstanceProfile
from ...selectors import instance_profile_get, instance_profile_list, role_get
from ...services import (
    instance_profile_add_role,
    instance_profile_create,
    instance_profile_delete,
    instance_profile_delete_with_dependents,
    instance_profile_remove_role,
)
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
    model = InstanceProfile
    filterset_class = InstanceProfileFilterSet
    ordering_fields = ["name", "path", "created_at"]
    iam_actions = {
        "list": "iam:ListInstanceProfiles",
        "create": "iam:CreateInstanceProfile",
        "retrieve": "iam:GetInstanceProfile",
        "destroy": "iam:DeleteInstanceProfile",
        "roles": "iam:GetInstanceProfile",
        "add_role": "iam:AddRoleToInstanceProfile",
        "remove_role": "iam:RemoveRoleFromInstanceProfile",
        "tags": "iam:ListInstanceProfileTags",
        "tag": "iam:TagInstanceProfile",
        "untag": "iam:UntagInstanceProfile",
    }

    def list_queryset(self):
        return instance_profile_list(account=self.account)

    def lookup_entity(self, name: str) -> InstanceProfile:
        return instance_profile_get(account=self.account, name=name)

    @extend_schema(responses=InstanceProfileSerializer(many=True))
    def list(self, request: Request) -> Response:
        self.authorize()
        return self.filtered_page(InstanceProfileSerializer)

    @extend_schema(request=InstanceProfileCreateSerializer,
                   responses={201: InstanceProfileSerializer}, parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(InstanceProfileCreateSerializer)
        validate_name(data["name"], "instance profile")
        validate_path(data["path"])
        arn = self.arn("instance-profile", data["path"], data["name"])
        self.authorize_create(arn, data["tags"])
        role = None
        if data.get("role_name"):
            role = self._role(arn, data["role_name"])
        profile = instance_profile_create(
            account=self.account, name=data["name"], path=data["path"], tags=data["tags"],
            role=role,
        )
        return self.respond(InstanceProfileSerializer, profile, status=status.HTTP_201_CREATED)

    def _role(self, profile_arn: str, role_name: str):
        """The role to put in a profile, once AddRoleToInstanceProfile and PassRole allow it."""
        self.authorize(profile_arn, actions="iam:AddRoleToInstanceProfile")
        role = role_get(account=self.account, name=role_name)
        # Putting a role in a profile hands it to EC2: AWS also requires iam:PassRole.
        self.authorize(role.arn, actions="iam:PassRole", context=PASSED_TO_EC2)
        return role

    @extend_schema(responses=InstanceProfileSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(InstanceProfileSerializer, self.entity())

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        profile = self.entity()
        if self.query_flag("with_dependents"):
            self.authorize(profile.arn, actions="iam:RemoveRoleFromInstanceProfile")
            instance_profile_delete_with_dependents(instance_profile=profile)
        else:
            instance_profile_delete(instance_profile=profile)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=RoleRefSerializer(many=True),
                   summary="List the profile's role (at most one)")
    @action(detail=True, methods=["get"], url_path="roles")
    def roles(self, request: Request, name: str) -> Response:
        profile = self.entity()
        roles = [profile.role] if profile.role is not None else []
        return Response({"results": self.represent_many(RoleRefSerializer, roles),
                         "is_truncated": False, "marker": None})

    @extend_schema(request=RoleInputSerializer, responses={201: RoleRefSerializer},
                   summary="Put a role in the profile (AddRoleToInstanceProfile)")
    @roles.mapping.post
    def add_role(self, request: Request, name: str) -> Response:
        data = self.input(RoleInputSerializer)
        profile = self.entity()
        role = role_get(account=self.account, name=data["role_name"])
        self.authorize(role.arn, actions="iam:PassRole", context=PASSED_TO_EC2)
        instance_profile_add_role(instance_profile=profile, role=role)
        return Response(self.represent(RoleRefSerializer, role), status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_ROLE_NAME], responses={204: None},
                   summary="Take the role out of the profile (RemoveRoleFromInstanceProfile)")
    @action(detail=True, methods=["delete"], url_path=f"roles/(?P<role_name>{NAME_REGEX})")
    def remove_role(self, request: Request, name: str, role_name: str) -> Response:
        profile = self.entity()
        role = role_get(account=self.account, name=role_name)
        instance_profile_remove_role(instance_profile=profile, role=role)
        return Response(status=status.HTTP_204_NO_CONTENT)
