"""Serializers of service-linked roles: CreateServiceLinkedRole's input, deletion tasks."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.serializers import OutputSerializer

__all__ = [
    "DeletionTaskSerializer",
    "RoleDescriptionSerializer",
    "ServiceLinkedRoleCreateSerializer",
]

_TASK = ("task/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticbeanstalk/"
         "9a5d3b4e-1c2f-4e6a-8b7d-0f1e2d3c4b5a")


class ServiceLinkedRoleCreateSerializer(serializers.Serializer):
    """CreateServiceLinkedRole's input."""

    aws_service_name = serializers.CharField(
        max_length=128, help_text="The service principal, such as "
                                  "elasticbeanstalk.amazonaws.com.")
    description = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                        default="")
    custom_suffix = serializers.CharField(
        required=False, allow_null=True, default=None, max_length=64,
        help_text="Appended to the role's name after an underscore, for services that allow "
                  "several roles.")


class RoleDescriptionSerializer(serializers.Serializer):
    """UpdateRoleDescription's input."""

    description = serializers.CharField(allow_blank=True, max_length=1000)


@extend_schema_serializer(examples=[OpenApiExample("A deletion that succeeded", value={
    "deletion_task_id": _TASK, "role_name": "AWSServiceRoleForElasticbeanstalk",
    "status": "SUCCEEDED", "reason": None}, response_only=True)])
class DeletionTaskSerializer(OutputSerializer):
    """A deletion task of a service-linked role and its status
    (GetServiceLinkedRoleDeletionStatus)."""

    deletion_task_id = serializers.CharField(source="task_id")
    role_name = serializers.CharField()
    status = serializers.ChoiceField(choices=["NOT_STARTED", "IN_PROGRESS", "SUCCEEDED",
                                              "FAILED"])
    reason = serializers.SerializerMethodField(
        help_text="Why a FAILED deletion failed; null otherwise.")

    def get_reason(self, task: object) -> str | None:
        return getattr(task, "reason", "") or None
