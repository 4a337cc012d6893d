"""`/api/v1/users/`: IAM users, their groups, policies, boundary and tags."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG
from iamconsole.api.viewsets import IamViewSet
from policies.api.relations import (
    AttachedPoliciesMixin,
    InlinePoliciesMixin,
    PermissionsBoundaryMixin,
)

from ...filtersets import IamUserFilterSet
from ...kinds import USER
from ...models import IamUser
from ...operations.users import (
    CreateUser,
    DeleteUser,
    GetUser,
    ListGroupsForUser,
    ListUsers,
    UpdateUser,
)
from ...selectors import user_get, user_list
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
from .user_keys import UserKeysMixin


@extend_schema_view(
    list=extend_schema(summary="List users (ListUsers)"),
    create=extend_schema(summary="Create a user (CreateUser)"),
    retrieve=extend_schema(summary="Get a user (GetUser)"),
    partial_update=extend_schema(summary="Rename or move a user (UpdateUser)"),
    destroy=extend_schema(summary="Delete a user (DeleteUser)"),
)
class UserViewSet(
    UserCredentialsMixin,
    UserKeysMixin,
    AttachedPoliciesMixin,
    InlinePoliciesMixin,
    PermissionsBoundaryMixin,
    TagsMixin,
    IamViewSet,
):
    """IAM users of the caller's account, addressed by name (case-insensitive)."""

    entity_type = "user"
    kind = USER
    model = IamUser
    filterset_class = IamUserFilterSet
    ordering_fields = ["name", "path", "created_at"]

    def list_queryset(self):
        return user_list(account=self.account)

    def lookup_entity(self, name: str) -> IamUser:
        return user_get(account=self.account, name=name)

    @extend_schema(responses=UserListSerializer(many=True))
    def list(self, request: Request) -> Response:
        users = self.run(ListUsers)
        return self.filtered_page(UserListSerializer,
                                  user_list(account=self.account, users=users))

    @extend_schema(request=UserCreateSerializer, responses={201: UserSerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(UserCreateSerializer)
        user = self.run(CreateUser, user_name=data["name"], path=data["path"],
                        tags=data["tags"], permissions_boundary=data.get("permissions_boundary"))
        return self.respond(UserSerializer, user, status=status.HTTP_201_CREATED)

    @extend_schema(responses=UserSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(UserSerializer, self.run(GetUser, user_name=name))

    @extend_schema(request=RenameSerializer, responses=UserSerializer, parameters=[ETAG])
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(RenameSerializer)
        user = self.run(UpdateUser, user_name=name, new_user_name=data.get("name"),
                        new_path=data.get("path"))
        return self.respond(UserSerializer, user)

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteUser, user_name=name, with_dependents=self.query_flag("with_dependents"))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=GroupSerializer(many=True),
                   summary="List the user's groups (ListGroupsForUser)")
    @action(detail=True, methods=["get"], url_path="groups")
    def groups(self, request: Request, name: str) -> Response:
        groups = self.run(ListGroupsForUser, user_name=name)
        return self.page(groups, GroupSerializer, ordering=("name", "pk"))
