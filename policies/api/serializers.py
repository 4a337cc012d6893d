"""Input and output serializers of the policies API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.fields import (
    ACCT,
    EXAMPLE_POLICY,
    ParsedDocumentField,
    PolicyDocumentField,
    name_field,
    tags_field,
)
from iamconsole.api.serializers import OutputSerializer

CREATED = "2026-01-15T09:30:00Z"
TEXT = '{\n    "Version": "2012-10-17",\n    "Statement": [...]\n}'
POLICY_ARN = f"arn:aws:iam::{ACCT}:policy/s3-list"


def _example(name: str, value: Any, **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, **kwargs)


POLICY_EXAMPLE = {
    "policy_name": "s3-list", "policy_id": "ANPAEXAMPLE7S3LIST001", "arn": POLICY_ARN,
    "path": "/", "description": "List buckets.", "scope": "Local", "is_attachable": True,
    "default_version_id": "v2", "attachment_count": 3, "permissions_boundary_usage_count": 0,
    "created_at": CREATED, "updated_at": "2026-02-01T10:00:00Z", "tags": {},
}


@extend_schema_serializer(examples=[_example("A policy", POLICY_EXAMPLE, response_only=True)])
class PolicySerializer(OutputSerializer):
    """A managed policy (GetPolicy), AWS-managed (scope AWS) or customer-managed (Local).

    `policy_id` is how the API addresses a policy: /api/v1/policies/{policy_id}/.
    """

    # Usage counts change when other entities attach the policy: not part of its ETag.
    etag_exclude = ("attachment_count", "permissions_boundary_usage_count")

    policy_name = serializers.CharField(source="name")
    policy_id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()
    path = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    scope = serializers.CharField()
    is_attachable = serializers.BooleanField()
    default_version_id = serializers.SerializerMethodField()
    attachment_count = serializers.IntegerField()
    permissions_boundary_usage_count = serializers.IntegerField(source="boundary_usage_count")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    tags = tags_field()

    def get_default_version_id(self, policy: Any) -> str | None:
        number = getattr(policy, "default_version_number", None)
        return f"v{number}" if number else None


@extend_schema_serializer(examples=[
    _example("Create a policy", {
        "name": "s3-list", "description": "List buckets.", "policy_document": EXAMPLE_POLICY,
    }, request_only=True),
])
class PolicyCreateSerializer(serializers.Serializer):
    """CreatePolicy's input; the document becomes version v1, the default."""

    name = name_field(128)
    path = serializers.CharField(
        max_length=512, min_length=1, required=False, default="/", trim_whitespace=False
    )
    description = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default=""
    )
    policy_document = PolicyDocumentField()
    tags = tags_field(required=False, default=dict)


@extend_schema_serializer(examples=[
    _example("Make v2 the default", {"default_version_id": "v2"}, request_only=True),
])
class PolicyUpdateSerializer(serializers.Serializer):
    """SetDefaultPolicyVersion's input, as a change of the policy's default version."""

    default_version_id = serializers.RegexField(r"^v[1-9][0-9]{0,8}$", help_text="e.g. v2")


VERSION_EXAMPLE = {
    "version_id": "v2", "is_default_version": True, "created_at": CREATED, "document": TEXT,
    "document_json": EXAMPLE_POLICY,
}


@extend_schema_serializer(examples=[
    _example("A policy version", VERSION_EXAMPLE, response_only=True),
])
class PolicyVersionSerializer(OutputSerializer):
    """A policy version (GetPolicyVersion): the author's exact text and its parsed form."""

    version_id = serializers.CharField()
    is_default_version = serializers.BooleanField(source="is_default")
    created_at = serializers.DateTimeField()
    document = serializers.CharField(source="document_text")
    document_json = ParsedDocumentField(source="document")


@extend_schema_serializer(examples=[
    _example("Add a version and make it the default", {
        "policy_document": EXAMPLE_POLICY, "set_as_default": True,
    }, request_only=True),
])
class PolicyVersionCreateSerializer(serializers.Serializer):
    """CreatePolicyVersion's input."""

    policy_document = PolicyDocumentField()
    set_as_default = serializers.BooleanField(required=False, default=False)


@extend_schema_serializer(examples=[_example("An inline policy", {
    "policy_name": "read-logs", "document": TEXT, "document_json": EXAMPLE_POLICY, "size": 92,
    "created_at": CREATED, "updated_at": CREATED,
}, response_only=True)])
class InlinePolicySerializer(OutputSerializer):
    """An inline policy (Get{User,Group,Role}Policy); `size` excludes whitespace, as AWS counts."""

    policy_name = serializers.CharField(source="name")
    document = serializers.CharField(source="document_text")
    document_json = ParsedDocumentField(source="document")
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


@extend_schema_serializer(examples=[
    _example("Put an inline policy", {"policy_document": EXAMPLE_POLICY}, request_only=True),
])
class InlinePolicyInputSerializer(serializers.Serializer):
    """Put{User,Group,Role}Policy's input (the name is in the URL)."""

    policy_document = PolicyDocumentField()


@extend_schema_serializer(examples=[_example("An attached policy", {
    "policy_name": "ReadOnlyAccess", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "policy_id": "ANPAEXAMPLE7READONLY1",
}, response_only=True)])
class AttachedPolicySerializer(OutputSerializer):
    """A managed policy attached to a user, group or role (ListAttached*Policies)."""

    policy_name = serializers.CharField(source="name")
    policy_arn = serializers.CharField(source="arn")
    policy_id = serializers.CharField(source="unique_id")


@extend_schema_serializer(examples=[
    _example("Attach ReadOnlyAccess", {"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
             request_only=True),
])
class PolicyArnInputSerializer(serializers.Serializer):
    """A managed policy to attach, or to set as permissions boundary, by ARN."""

    policy_arn = serializers.CharField(min_length=20, max_length=2048)


@extend_schema_serializer(examples=[_example("A permissions boundary", {
    "permissions_boundary": {
        "permissions_boundary_type": "PermissionsBoundaryPolicy",
        "permissions_boundary_arn": "arn:aws:iam::aws:policy/PowerUserAccess",
    },
}, response_only=True)])
class BoundaryStateSerializer(serializers.Serializer):
    """A user's or role's permissions boundary, or null when it has none."""

    permissions_boundary = serializers.SerializerMethodField()

    def get_permissions_boundary(self, entity: Any) -> dict[str, str] | None:
        policy = entity.permissions_boundary
        if policy is None:
            return None
        return {"permissions_boundary_type": "PermissionsBoundaryPolicy",
                "permissions_boundary_arn": policy.arn}


class EntityRefSerializer(OutputSerializer):
    """A user, group or role using a policy."""

    name = serializers.CharField()
    id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()


_REF = {"name": "alice", "id": "AIDAEXAMPLE7ALICE0001", "arn": f"arn:aws:iam::{ACCT}:user/alice"}


@extend_schema_serializer(examples=[_example("Who uses the policy", {
    "users": [_REF], "groups": [], "roles": [], "boundary_users": [], "boundary_roles": [],
}, response_only=True)])
class PolicyEntitiesSerializer(serializers.Serializer):
    """ListEntitiesForPolicy in the caller's account, plus the boundary uses."""

    users = EntityRefSerializer(many=True)
    groups = EntityRefSerializer(many=True)
    roles = EntityRefSerializer(many=True)
    boundary_users = EntityRefSerializer(many=True)
    boundary_roles = EntityRefSerializer(many=True)
