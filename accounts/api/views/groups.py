"""`/api/v1/groups/`: IAM groups, their members and their policies."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, NAME_PATTERN
from iamconsole.api.viewsets import NAME_REGEX, IamViewSet
from iamconsole.validators import validate_name, validate_path
from policies.api.relations import AttachedPoliciesMixin, InlinePoliciesMixin

from ...filtersets import IamGroupFilterSet
from ...models import IamGroup
from ...selectors import group_get, group_list, group_members, user_get
from ...services import (
    group_add_user,
    group_create,
    group_delete,
    group_delete_with_dependents,
    group_remove_user,
    group_update,
)
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
_DEPENDENT_ACTIONS = ("iam:RemoveUserFromGroup", "iam:DeleteGroupPolicy")


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
        "list": "iam:ListGroups",
        "create": "iam:CreateGroup",
        "retrieve": "iam:GetGroup",
        "partial_update": "iam:UpdateGroup",
        "destroy": "iam:DeleteGroup",
        "members": "iam:GetGroup",
        "add_member": "iam:AddUserToGroup",
        "remove_member": "iam:RemoveUserFromGroup",
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
        self.authorize()
        return self.filtered_page(GroupListSerializer)

    @extend_schema(request=GroupCreateSerializer, responses={201: GroupSerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(GroupCreateSerializer)
        validate_name(data["name"], "group")
        validate_path(data["path"])
        self.authorize(self.arn("group", data["path"], data["name"]))
        group = group_create(account=self.account, name=data["name"], path=data["path"])
        return self.respond(GroupSerializer, group, status=status.HTTP_201_CREATED)

    @extend_schema(responses=GroupSerializer, parameters=[ETAG])
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(GroupSerializer, self.entity())

    @extend_schema(request=RenameSerializer, responses=GroupSerializer, parameters=[ETAG])
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(RenameSerializer)
        group = self.entity()
        new_name, new_path = data.get("name"), data.get("path")
        validate_name(new_name or group.name, "group", field="name")
        validate_path(new_path or group.path, field="path")
        self.authorize(self.arn("group", new_path or group.path, new_name or group.name))
        group = group_update(group=group, new_name=new_name, new_path=new_path)
        return self.respond(GroupSerializer, group)

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        group = self.entity()
        if self.query_flag("with_dependents"):
            self.authorize(group.arn, actions=_DEPENDENT_ACTIONS)
            self.authorize_detach_all(group)
            group_delete_with_dependents(group=group)
        else:
            group_delete(group=group)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=UserSerializer(many=True), summary="List the members (GetGroup)")
    @action(detail=True, methods=["get"], url_path="members")
    def members(self, request: Request, name: str) -> Response:
        users = group_members(self.entity()).select_related("permissions_boundary")
        return self.page(users, UserSerializer, ordering=("name", "pk"))

    @extend_schema(request=MemberInputSerializer, responses={201: UserSerializer},
                   summary="Add a user to the group (AddUserToGroup)")
    @members.mapping.post
    def add_member(self, request: Request, name: str) -> Response:
        data = self.input(MemberInputSerializer)
        group = self.entity()
        user = user_get(account=self.account, name=data["user_name"])
        group_add_user(group=group, user=user)
        return Response(self.represent(UserSerializer, user), status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_USER_NAME], responses={204: None},
                   summary="Remove a user from the group (RemoveUserFromGroup)")
    @action(detail=True, methods=["delete"], url_path=f"members/(?P<user_name>{NAME_REGEX})")
    def remove_member(self, request: Request, name: str, user_name: str) -> Response:
        group = self.entity()
        user = user_get(account=self.account, name=user_name)
        group_remove_user(group=group, user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)
