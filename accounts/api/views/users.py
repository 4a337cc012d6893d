"""`/api/v1/users/`: IAM users, their groups, policies, boundary and tags."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG
from iamconsole.api.viewsets import IamViewSet
from iamconsole.validators import validate_name, validate_path
from policies.api.relations import (
    AttachedPoliciesMixin,
    InlinePoliciesMixin,
    PermissionsBoundaryMixin,
    boundary_context,
)
from policies.authorization import current_boundary_context
from policies.selectors import policy_get

from ...filtersets import IamUserFilterSet
from ...models import IamUser
from ...selectors import mfa_device_list, user_get, user_groups, user_list
from ...services import user_create, user_delete, user_delete_with_dependents, user_update
from ..serializers import (
    GroupSerializer,
    RenameSerializer,
    UserCreateSerializer,
    UserListSerializer,
    UserSerializer,
)
from ..tags import TagsMixin
from .common import WITH_DEPENDENTS
from .credentials import UserCredentialsMixin

# What DeleteUser with its dependents removes, each an operation on the user's ARN.
_DEPENDENT_ACTIONS = (
    "iam:DeleteLoginProfile", "iam:DeleteAccessKey", "iam:DeactivateMFADevice",
    "iam:DeleteUserPolicy",
)


@extend_schema_view(
    list=extend_schema(summary="List users (ListUsers)"),
    create=extend_schema(summary="Create a user (CreateUser)"),
    retrieve=extend_schema(summary="Get a user (GetUser)"),
    partial_update=extend_schema(summary="Rename or move a user (UpdateUser)"),
    destroy=extend_schema(summary="Delete a user (DeleteUser)"),
)
class UserViewSet(
    UserCredentialsMixin,
    AttachedPoliciesMixin,
    InlinePoliciesMixin,
    PermissionsBoundaryMixin,
    TagsMixin,
    IamViewSet,
):
    """IAM users of the caller's account, addressed by name (case-insensitive)."""

    entity_type = "user"
    model = IamUser
    filterset_class = IamUserFilterSet
    ordering_fields = ["name", "path", "created_at"]
    iam_actions = {
        "list": "iam:ListUsers",
        "create": "iam:CreateUser",
        "retrieve": "iam:GetUser",
        "partial_update": "iam:UpdateUser",
        "destroy": "iam:DeleteUser",
        "groups": "iam:ListGroupsForUser",
        "attached_policies": "iam:ListAttachedUserPolicies",
        "attach_policy": "iam:AttachUserPolicy",
        "detach_policy": "iam:DetachUserPolicy",
        "inline_policies": "iam:ListUserPolicies",
        "inline_policy": "iam:GetUserPolicy",
        "put_inline_policy": "iam:PutUserPolicy",
        "delete_inline_policy": "iam:DeleteUserPolicy",
        "permissions_boundary": "iam:GetUser",
        "put_permissions_boundary": "iam:PutUserPermissionsBoundary",
        "delete_permissions_boundary": "iam:DeleteUserPermissionsBoundary",
        "tags": "iam:ListUserTags",
        "tag": "iam:TagUser",
        "untag": "iam:UntagUser",
        **UserCredentialsMixin.credential_actions,
    }

    def list_queryset(self):
        return user_list(account=self.account)

    def lookup_entity(self, name: str) -> IamUser:
        return user_get(account=self.account, name=name)

    @extend_schema(responses=UserListSerializer(many=True))
    def list(self, request: Request) -> Response:
        self.authorize()
        return self.filtered_page(UserListSerializer)

    @extend_schema(request=UserCreateSerializer, responses={201: UserSerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(UserCreateSerializer)
        validate_name(data["name"], "user")
        validate_path(data["path"])
        boundary_arn = data.get("permissions_boundary")
        self.authorize_create(self.arn("user", data["path"], data["name"]), data["tags"],
                              boundary_context(boundary_arn))
        boundary = policy_get(account=self.account, arn=boundary_arn) if boundary_arn else None
        user = user_create(account=self.account, name=data["name"], path=data["path"],
                           tags=data["tags"], permissions_boundary=boundary)
        return self.respond(UserSerializer, user, status=status.HTTP_201_CREATED)

    @extend_schema(responses=UserSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(UserSerializer, self.entity())

    @extend_schema(request=RenameSerializer, responses=UserSerializer, parameters=[ETAG])
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(RenameSerializer)
        user = self.entity()
        new_name, new_path = data.get("name"), data.get("path")
        validate_name(new_name or user.name, "user", field="name")
        validate_path(new_path or user.path, field="path")
        # AWS requires permission on both the user as it is and as it will be.
        self.authorize(self.arn("user", new_path or user.path, new_name or user.name))
        user = user_update(user=user, new_name=new_name, new_path=new_path)
        return self.respond(UserSerializer, user)

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        user = self.entity()
        if self.query_flag("with_dependents"):
            self.authorize(user.arn, actions=_DEPENDENT_ACTIONS,
                           context=current_boundary_context(user))
            self.authorize_detach_all(user)
            for group in user_groups(user):
                self.authorize(group.arn, actions="iam:RemoveUserFromGroup")
            for device in mfa_device_list(account=self.account, user=user):
                self.authorize(device.serial_number, actions="iam:DeleteVirtualMFADevice")
            user_delete_with_dependents(user=user)
        else:
            user_delete(user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=GroupSerializer(many=True),
                   summary="List the user's groups (ListGroupsForUser)")
    @action(detail=True, methods=["get"], url_path="groups")
    def groups(self, request: Request, name: str) -> Response:
        user = self.entity()
        return self.page(user_groups(user), GroupSerializer, ordering=("name", "pk"))
