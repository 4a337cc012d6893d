"""`/api/v1/groups/`: IAM groups, their members and their policies."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, NAME_PATTERN
from iamconsole.api.viewsets import NAME_REGEX, IamViewSet
from policies.api.relations import AttachedPoliciesMixin, InlinePoliciesMixin

from ...filtersets import IamGroupFilterSet
from ...models import IamGroup
from ...operations.groups import CreateGroup, DeleteGroup, GetGroup, ListGroups, UpdateGroup
from ...operations.memberships import AddUserToGroup, RemoveUserFromGroup
from ...selectors import group_get, group_list
from ..serializers import (
    GroupCreateSerializer,
    GroupListSerializer,
    GroupSerializer,
    MemberInputSerializer,
    RenameSerializer,
    UserSerializer,
)
from .common import WITH_DEPENDENTS

_USER_NAME = OpenApiParameter(
    "user_name", str, OpenApiParameter.PATH, pattern=NAME_PATTERN,
    description="The member's user name.",
)


@extend_schema_view(
    list=extend_schema(summary="List groups (ListGroups)"),
    create=extend_schema(summary="Create a group (CreateGroup)"),
    retrieve=extend_schema(summary="Get a group (GetGroup)"),
    partial_update=extend_schema(summary="Rename or move a group (UpdateGroup)"),
    destroy=extend_schema(summary="Delete a group (DeleteGroup)"),
)
class GroupViewSet(AttachedPoliciesMixin, InlinePoliciesMixin, IamViewSet):
    """IAM groups of the caller's account, addressed by name (case-insensitive)."""

    entity_type = "group"
    model = IamGroup
    filterset_class = IamGroupFilterSet
    ordering_fields = ["name", "path", "created_at"]
    iam_actions = {
        "attached_policies": "iam:ListAttachedGroupPolicies",
        "attach_policy": "iam:AttachGroupPolicy",
        "detach_policy": "iam:DetachGroupPolicy",
        "inline_policies": "iam:ListGroupPolicies",
        "inline_policy": "iam:GetGroupPolicy",
        "put_inline_policy": "iam:PutGroupPolicy",
        "delete_inline_policy": "iam:DeleteGroupPolicy",
    }

    def list_queryset(self):
        return group_list(account=self.account)

    def lookup_entity(self, name: str) -> IamGroup:
        return group_get(account=self.account, name=name)

    @extend_schema(responses=GroupListSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.filtered_page(GroupListSerializer, self.run(ListGroups))

    @extend_schema(request=GroupCreateSerializer, responses={201: GroupSerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(GroupCreateSerializer)
        group = self.run(CreateGroup, group_name=data["name"], path=data["path"])
        return self.respond(GroupSerializer, group, status=status.HTTP_201_CREATED)

    @extend_schema(responses=GroupSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        group, _ = self.run(GetGroup, group_name=name)
        return self.respond(GroupSerializer, group)

    @extend_schema(request=RenameSerializer, responses=GroupSerializer, parameters=[ETAG])
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(RenameSerializer)
        group = self.run(UpdateGroup, group_name=name, new_group_name=data.get("name"),
                         new_path=data.get("path"))
        return self.respond(GroupSerializer, group)

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteGroup, group_name=name, with_dependents=self.query_flag("with_dependents"))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=UserSerializer(many=True), summary="List the members (GetGroup)")
    @action(detail=True, methods=["get"], url_path="members")
    def members(self, request: Request, name: str) -> Response:
        _, users = self.run(GetGroup, group_name=name)
        return self.page(users.select_related("permissions_boundary"), UserSerializer,
                         ordering=("name", "pk"))

    @extend_schema(request=MemberInputSerializer, responses={201: UserSerializer},
                   summary="Add a user to the group (AddUserToGroup)")
    @members.mapping.post
    def add_member(self, request: Request, name: str) -> Response:
        data = self.input(MemberInputSerializer)
        membership = self.run(AddUserToGroup, group_name=name, user_name=data["user_name"])
        return Response(self.represent(UserSerializer, membership.user),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_USER_NAME], responses={204: None},
                   summary="Remove a user from the group (RemoveUserFromGroup)")
    @action(detail=True, methods=["delete"], url_path=f"members/(?P<user_name>{NAME_REGEX})")
    def remove_member(self, request: Request, name: str, user_name: str) -> Response:
        self.run(RemoveUserFromGroup, group_name=name, user_name=user_name)
        return Response(status=status.HTTP_204_NO_CONTENT)
