"""Serializer fields shared by the API: tags, policy documents, names and paths."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .serializers import OutputSerializer

ACCT = "111111111111"
NAME_PATTERN = r"^[A-Za-z0-9_+=,.@-]+$"
EXAMPLE_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}],
}


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


@extend_schema_field(
    {
        "oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": True}],
        "description": "A policy document: JSON text (kept exactly as written) or an object.",
        "example": EXAMPLE_POLICY,
    }
)
class PolicyDocumentField(serializers.JSONField):
    """A policy document given as JSON text or as an object (validated by the services)."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, (str, dict)):
            raise serializers.ValidationError("A policy document is JSON text or an object.")
        if _has_nul(value):
            raise serializers.ValidationError("A policy document cannot contain NUL characters.")
        return value


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": True,
        "description": "The document parsed as JSON.",
        "example": EXAMPLE_POLICY,
    }
)
class ParsedDocumentField(serializers.JSONField):
    """A stored document's parsed form (read-only)."""


def tags_field(**kwargs: Any) -> serializers.DictField:
    """Tags as an object {key: value} (AWS: at most 50, keys 1-128, values 0-256 characters)."""
    return serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=256, trim_whitespace=False),
        help_text="Tags as {key: value}: at most 50; keys 1-128 characters, values 0-256.",
        **kwargs,
    )


def name_field(max_length: int, **kwargs: Any) -> serializers.CharField:
    """An entity name: letters, digits and _+=,.@- (checked again by the services)."""
    return serializers.RegexField(
        NAME_PATTERN, max_length=max_length, min_length=1, **kwargs
    )


def path_field(**kwargs: Any) -> serializers.CharField:
    """A path: `/` or `/a/b/` (checked by the services), default `/`."""
    kwargs.setdefault("default", "/")
    return serializers.CharField(
        max_length=512, min_length=1, trim_whitespace=False,
        help_text="`/` or a path such as /division/team/.", **kwargs,
    )


class PermissionsBoundarySerializer(OutputSerializer):
    """A user's or role's permissions boundary (AWS's AttachedPermissionsBoundary)."""

    permissions_boundary_type = serializers.SerializerMethodField()
    permissions_boundary_arn = serializers.CharField(source="arn")

    def get_permissions_boundary_type(self, obj: Any) -> str:
        return "PermissionsBoundaryPolicy"
