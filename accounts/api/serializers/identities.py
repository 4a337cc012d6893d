"""Serializers of users, groups, roles and instance profiles (input and output apart)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.fields import (
    ACCT,
    EXAMPLE_POLICY,
    ParsedDocumentField,
    PermissionsBoundarySerializer,
    PolicyDocumentField,
    name_field,
    path_field,
    tags_field,
)
from iamconsole.api.serializers import OutputSerializer

CREATED = "2026-01-15T09:30:00Z"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
}
_BOUNDARY = {
    "permissions_boundary_type": "PermissionsBoundaryPolicy",
    "permissions_boundary_arn": "arn:aws:iam::aws:policy/PowerUserAccess",
}


def _example(name: str, value: dict[str, Any], **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, **kwargs)


# --- users -------------------------------------------------------------------------------

USER_EXAMPLE = {
    "name": "alice", "user_id": "AIDAEXAMPLE7ALICE0001", "arn": f"arn:aws:iam::{ACCT}:user/alice",
    "path": "/", "created_at": CREATED, "password_last_used_at": None,
    "permissions_boundary": None, "tags": {"team": "platform"},
}


@extend_schema_serializer(examples=[_example("A user", USER_EXAMPLE, response_only=True)])
class UserSerializer(OutputSerializer):
    """An IAM user (GetUser)."""

    name = serializers.CharField()
    user_id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()
    path = serializers.CharField()
    created_at = serializers.DateTimeField()
    password_last_used_at = serializers.DateTimeField(allow_null=True)
    permissions_boundary = PermissionsBoundarySerializer(allow_null=True)
    tags = tags_field()


@extend_schema_serializer(examples=[_example("A user in a list", {
    **USER_EXAMPLE, "group_count": 1, "access_key_count": 1, "active_access_key_count": 1,
    "mfa_device_count": 0, "attached_policy_count": 2, "inline_policy_count": 0,
    "has_login_profile": True,
}, response_only=True)])
class UserListSerializer(UserSerializer):
    """A user in ListUsers, with the counts a list shows."""

    group_count = serializers.IntegerField()
    access_key_count = serializers.IntegerField()
    active_access_key_count = serializers.IntegerField()
    mfa_device_count = serializers.IntegerField()
    attached_policy_count = serializers.IntegerField()
    inline_policy_count = serializers.IntegerField()
    has_login_profile = serializers.BooleanField()


@extend_schema_serializer(examples=[
    _example("Create a user", {"name": "alice", "path": "/", "tags": {"team": "platform"}},
             request_only=True),
    _example("With a permissions boundary", {
        "name": "bob", "path": "/contractors/",
        "permissions_boundary": "arn:aws:iam::aws:policy/PowerUserAccess",
    }, request_only=True),
])
class UserCreateSerializer(serializers.Serializer):
    """CreateUser's input."""

    name = name_field(64)
    path = path_field(required=False)
    tags = tags_field(required=False, default=dict)
    permissions_boundary = serializers.CharField(
        required=False, max_length=2048, help_text="The ARN of a managed policy."
    )


@extend_schema_serializer(examples=[
    _example("Rename", {"name": "alice.smith"}, request_only=True),
    _example("Move", {"path": "/engineering/"}, request_only=True),
])
class RenameSerializer(serializers.Serializer):
    """UpdateUser's / UpdateGroup's input: a new name, a new path, or both."""

    name = name_field(128, required=False)
    path = path_field(required=False, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("name") is None and attrs.get("path") is None:
            raise serializers.ValidationError("Give a new name, a new path, or both.")
        return attrs


# --- groups ------------------------------------------------------------------------------

GROUP_EXAMPLE = {
    "name": "developers", "group_id": "AGPAEXAMPLE7DEVS00001",
    "arn": f"arn:aws:iam::{ACCT}:group/developers", "path": "/", "created_at": CREATED,
}


@extend_schema_serializer(examples=[_example("A group", GROUP_EXAMPLE, response_only=True)])
class GroupSerializer(OutputSerializer):
    """An IAM group (GetGroup)."""

    name = serializers.CharField()
    group_id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()
    path = serializers.CharField()
    created_at = serializers.DateTimeField()


@extend_schema_serializer(examples=[_example("A group in a list", {
    **GROUP_EXAMPLE, "member_count": 3, "attached_policy_count": 1, "inline_policy_count": 0,
}, response_only=True)])
class GroupListSerializer(GroupSerializer):
    """A group in ListGroups, with its counts."""

    member_count = serializers.IntegerField()
    attached_policy_count = serializers.IntegerField()
    inline_policy_count = serializers.IntegerField()


@extend_schema_serializer(examples=[
    _example("Create a group", {"name": "developers", "path": "/"}, request_only=True),
])
class GroupCreateSerializer(serializers.Serializer):
    """CreateGroup's input."""

    name = name_field(128)
    path = path_field(required=False)


@extend_schema_serializer(examples=[
    _example("Add a member", {"user_name": "alice"}, request_only=True),
])
class MemberInputSerializer(serializers.Serializer):
    """AddUserToGroup's input."""

    user_name = name_field(128)


# --- roles -------------------------------------------------------------------------------

ROLE_EXAMPLE = {
    "name": "web-server", "role_id": "AROAEXAMPLE7WEB000001",
    "arn": f"arn:aws:iam::{ACCT}:role/web-server", "path": "/", "created_at": CREATED,
    "description": "Assumed by the web tier's instances.", "max_session_duration": 3600,
    "trust_policy": '{"Version": "2012-10-17", "Statement": [...]}', "trust_policy_json": TRUST,
    "permissions_boundary": _BOUNDARY, "tags": {}, "last_used_at": None, "last_used_region": None,
    "service_linked": False,
}


@extend_schema_serializer(examples=[_example("A role", ROLE_EXAMPLE, response_only=True)])
class RoleSerializer(OutputSerializer):
    """An IAM role (GetRole) with its trust policy as written and parsed."""

    name = serializers.CharField()
    role_id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()
    path = serializers.CharField()
    created_at = serializers.DateTimeField()
    description = serializers.CharField(allow_blank=True)
    max_session_duration = serializers.IntegerField()
    trust_policy = serializers.CharField(help_text="The trust policy exactly as written.")
    trust_policy_json = ParsedDocumentField(source="trust_policy_document")
    permissions_boundary = PermissionsBoundarySerializer(allow_null=True)
    tags = tags_field()
    last_used_at = serializers.DateTimeField(allow_null=True)
    last_used_region = serializers.SerializerMethodField()
    service_linked = serializers.BooleanField(
        help_text="A role an AWS service created (CreateServiceLinkedRole): only "
                  "DeleteServiceLinkedRole deletes it, and its trust policy and policies "
                  "cannot be changed.")

    def get_last_used_region(self, role: Any) -> str | None:
        return role.last_used_region or None


@extend_schema_serializer(examples=[_example("A role in a list", {
    **ROLE_EXAMPLE, "attached_policy_count": 1, "inline_policy_count": 1,
    "instance_profile_count": 1,
}, response_only=True)])
class RoleListSerializer(RoleSerializer):
    """A role in ListRoles, with its counts."""

    attached_policy_count = serializers.IntegerField()
    inline_policy_count = serializers.IntegerField()
    instance_profile_count = serializers.IntegerField()


@extend_schema_serializer(examples=[
    _example("Create a role for EC2", {
        "name": "web-server", "trust_policy": TRUST,
        "description": "Assumed by the web tier's instances.", "max_session_duration": 3600,
    }, request_only=True),
])
class RoleCreateSerializer(serializers.Serializer):
    """CreateRole's input."""

    name = name_field(64)
    path = path_field(required=False)
    trust_policy = PolicyDocumentField(help_text="The trust (assume-role) policy.")
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=1000, default=""
    )
    max_session_duration = serializers.IntegerField(
        required=False, min_value=3600, max_value=43200, default=3600
    )
    tags = tags_field(required=False, default=dict)
    permissions_boundary = serializers.CharField(
        required=False, max_length=2048, help_text="The ARN of a managed policy."
    )


@extend_schema_serializer(examples=[
    _example("Change the description", {"description": "Web tier"}, request_only=True),
    _example("Allow 4-hour sessions", {"max_session_duration": 14400}, request_only=True),
])
class RoleUpdateSerializer(serializers.Serializer):
    """UpdateRole's input."""

    description = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    max_session_duration = serializers.IntegerField(
        required=False, min_value=3600, max_value=43200
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError("Give a description or a max_session_duration.")
        return attrs


@extend_schema_serializer(examples=[_example("A trust policy", {
    "role_name": "web-server", "document": '{"Version": "2012-10-17", "Statement": [...]}',
    "document_json": TRUST,
}, response_only=True)])
class TrustPolicySerializer(serializers.Serializer):
    """A role's trust policy, exactly as written and parsed."""

    role_name = serializers.CharField(source="name")
    document = serializers.CharField(source="trust_policy")
    document_json = ParsedDocumentField(source="trust_policy_document")


@extend_schema_serializer(examples=[
    _example("Replace the trust policy", {"policy_document": TRUST}, request_only=True),
])
class TrustPolicyInputSerializer(serializers.Serializer):
    """UpdateAssumeRolePolicy's input."""

    policy_document = PolicyDocumentField()


# --- instance profiles -------------------------------------------------------------------

ROLE_REF_EXAMPLE = {
    "name": "web-server", "role_id": "AROAEXAMPLE7WEB000001",
    "arn": f"arn:aws:iam::{ACCT}:role/web-server",
}


@extend_schema_serializer(examples=[_example("A role", ROLE_REF_EXAMPLE, response_only=True)])
class RoleRefSerializer(OutputSerializer):
    """A role named from another entity."""

    name = serializers.CharField()
    role_id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()


INSTANCE_PROFILE_EXAMPLE = {
    "name": "web-server", "instance_profile_id": "AIPAEXAMPLE7WEB000001",
    "arn": f"arn:aws:iam::{ACCT}:instance-profile/web-server", "path": "/",
    "created_at": CREATED, "role": ROLE_REF_EXAMPLE, "tags": {},
}


@extend_schema_serializer(examples=[
    _example("An instance profile", INSTANCE_PROFILE_EXAMPLE, response_only=True),
])
class InstanceProfileSerializer(OutputSerializer):
    """An instance profile (GetInstanceProfile) with its role, if any."""

    name = serializers.CharField()
    instance_profile_id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()
    path = serializers.CharField()
    created_at = serializers.DateTimeField()
    role = RoleRefSerializer(allow_null=True)
    tags = tags_field()


@extend_schema_serializer(examples=[
    _example("Create an instance profile with its role",
             {"name": "web-server", "role_name": "web-server"}, request_only=True),
])
class InstanceProfileCreateSerializer(serializers.Serializer):
    """CreateInstanceProfile's input, optionally with the role to put in it."""

    name = name_field(128)
    path = path_field(required=False)
    tags = tags_field(required=False, default=dict)
    role_name = name_field(64, required=False)


@extend_schema_serializer(examples=[
    _example("Put a role in the profile", {"role_name": "web-server"}, request_only=True),
])
class RoleInputSerializer(serializers.Serializer):
    """AddRoleToInstanceProfile's input."""

    role_name = name_field(128)


__all__ = [
    "EXAMPLE_POLICY",
    "GroupCreateSerializer",
    "GroupListSerializer",
    "GroupSerializer",
    "InstanceProfileCreateSerializer",
    "InstanceProfileSerializer",
    "MemberInputSerializer",
    "RenameSerializer",
    "RoleCreateSerializer",
    "RoleInputSerializer",
    "RoleListSerializer",
    "RoleRefSerializer",
    "RoleSerializer",
    "RoleUpdateSerializer",
    "TrustPolicyInputSerializer",
    "TrustPolicySerializer",
    "UserCreateSerializer",
    "UserListSerializer",
    "UserSerializer",
]
