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

_TASK = ("task/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk/"
         "9a5d3b4e-1c2f-4e6a-8b7d-0f1e2d3c4b5a")


@extend_schema_serializer(examples=[
    OpenApiExample("For Elastic Beanstalk", value={
        "aws_service_name": "elasticbeanstalk.amazonaws.com"}, request_only=True),
    OpenApiExample("With a suffix", value={
        "aws_service_name": "autoscaling.amazonaws.com", "custom_suffix": "web",
        "description": "Scales the web tier."}, request_only=True),
])
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


@extend_schema_serializer(examples=[OpenApiExample(
    "Describe the role", value={"description": "Assumed by the web tier's instances."},
    request_only=True)])
class RoleDescriptionSerializer(serializers.Serializer):
    """UpdateRoleDescription's input."""

    description = serializers.CharField(allow_blank=True, max_length=1000)


@extend_schema_serializer(examples=[OpenApiExample("A deletion that succeeded", value={
    "deletion_task_id": _TASK, "role_name": "AWSServiceRoleForElasticBeanstalk",
    "status": "SUCCEEDED", "reason": None}, response_only=True, status_codes=["200", "202"])])
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
