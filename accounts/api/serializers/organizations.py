"""Serializers of AWS Organizations in the REST API: AWS's response shapes in snake_case."""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.fields import ACCT, PolicyDocumentField, name_field, tags_field
from iamconsole.api.serializers import OutputSerializer

ORG = "o-exampleorg"
ROOT = "r-examplerootid111"
OU = "ou-exam-ple11111"
MEMBER = "222222222222"
POLICY_ID = "p-examplepolicyid111"
WHEN = "2026-01-15T09:30:00Z"
POLICY_TYPES = ("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY")
DENY_CREATE_USER = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})


def _response(name: str, value: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, response_only=True)


def _request(name: str, value: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, request_only=True)


def aws_tags(tags: dict[str, str]) -> list[dict[str, str]]:
    """{key: value} as AWS's [{"Key", "Value"}] (what the operations take)."""
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def _no_nul(tags: dict[str, str]) -> dict[str, str]:
    if any("\x00" in key or not key for key in tags):
        raise serializers.ValidationError("A tag key has 1 to 128 characters, without NUL.")
    return tags


# --- outputs -------------------------------------------------------------------------------

class PolicyTypeStatusSerializer(OutputSerializer):
    """A policy type and whether it is enabled."""

    type = serializers.CharField(source="Type")
    status = serializers.CharField(source="Status")


ORGANIZATION_EXAMPLE = {
    "id": ORG, "arn": f"arn:aws:organizations::{ACCT}:organization/{ORG}", "feature_set": "ALL",
    "master_account_arn": f"arn:aws:organizations::{ACCT}:account/{ORG}/{ACCT}",
    "master_account_id": ACCT, "master_account_email": "root@example.com",
    "available_policy_types": [{"type": "SERVICE_CONTROL_POLICY", "status": "ENABLED"}],
}


@extend_schema_serializer(examples=[_response("An organization", ORGANIZATION_EXAMPLE)])
class OrganizationSerializer(OutputSerializer):
    """The caller's organization (DescribeOrganization)."""

    id = serializers.CharField(source="Id")
    arn = serializers.CharField(source="Arn")
    feature_set = serializers.CharField(source="FeatureSet")
    master_account_arn = serializers.CharField(source="MasterAccountArn")
    master_account_id = serializers.CharField(source="MasterAccountId")
    master_account_email = serializers.CharField(source="MasterAccountEmail")
    available_policy_types = PolicyTypeStatusSerializer(source="AvailablePolicyTypes", many=True)


@extend_schema_serializer(examples=[_response("The root", {
    "id": ROOT, "arn": f"arn:aws:organizations::{ACCT}:root/{ORG}/{ROOT}", "name": "Root",
    "policy_types": [{"type": "SERVICE_CONTROL_POLICY", "status": "ENABLED"}]})])
class RootSerializer(OutputSerializer):
    """The organization's root, with its enabled policy types (ListRoots)."""

    id = serializers.CharField(source="Id")
    arn = serializers.CharField(source="Arn")
    name = serializers.CharField(source="Name")
    policy_types = PolicyTypeStatusSerializer(source="PolicyTypes", many=True)


@extend_schema_serializer(examples=[_response("An OU", {
    "id": OU, "arn": f"arn:aws:organizations::{ACCT}:ou/{ORG}/{OU}", "name": "Workloads",
    "path": f"{ORG}/{ROOT}/{OU}/"})])
class OrganizationalUnitSerializer(OutputSerializer):
    """An organizational unit (DescribeOrganizationalUnit)."""

    id = serializers.CharField(source="Id")
    arn = serializers.CharField(source="Arn")
    name = serializers.CharField(source="Name")
    path = serializers.CharField(source="Path")


@extend_schema_serializer(examples=[_response("An OU", {"id": OU,
                                                       "type": "ORGANIZATIONAL_UNIT"})])
class RelativeSerializer(OutputSerializer):
    """A child or parent in the tree: its ID and type (ROOT, ORGANIZATIONAL_UNIT, ACCOUNT)."""

    id = serializers.CharField(source="Id")
    type = serializers.CharField(source="Type")


@extend_schema_serializer(examples=[_response("A member account", {
    "id": MEMBER, "arn": f"arn:aws:organizations::{ACCT}:account/{ORG}/{MEMBER}",
    "email": "dev@example.com", "name": "Development", "status": "ACTIVE", "state": "ACTIVE",
    "joined_method": "CREATED", "joined_timestamp": WHEN})])
class OrganizationAccountSerializer(OutputSerializer):
    """An account of the organization (DescribeAccount)."""

    id = serializers.CharField(source="Id")
    arn = serializers.CharField(source="Arn")
    email = serializers.CharField(source="Email")
    name = serializers.CharField(source="Name")
    status = serializers.CharField(source="Status")
    state = serializers.CharField(source="State")
    joined_method = serializers.CharField(source="JoinedMethod")
    joined_timestamp = serializers.DateTimeField(source="JoinedTimestamp")


@extend_schema_serializer(examples=[_response("A created account", {
    "id": "car-examplerequest1111", "account_name": "Development", "state": "SUCCEEDED",
    "requested_timestamp": WHEN, "completed_timestamp": WHEN, "account_id": MEMBER,
    "failure_reason": None})])
class CreateAccountStatusSerializer(OutputSerializer):
    """A CreateAccount request (completed at once: SUCCEEDED, or FAILED with a reason)."""

    id = serializers.CharField(source="Id")
    account_name = serializers.CharField(source="AccountName")
    state = serializers.CharField(source="State")
    requested_timestamp = serializers.DateTimeField(source="RequestedTimestamp")
    completed_timestamp = serializers.DateTimeField(source="CompletedTimestamp",
                                                    allow_null=True)
    account_id = serializers.CharField(source="AccountId", default=None, allow_null=True)
    failure_reason = serializers.CharField(source="FailureReason", default=None,
                                           allow_null=True)


@extend_schema_field({"type": "array", "items": {"type": "object",
                                                 "additionalProperties": True},
                      "description": "AWS's HandshakeResource tree (Value, Type, Resources)."})
class _ResourcesField(serializers.JSONField):
    pass


@extend_schema_serializer(examples=[_response("An invitation", {
    "id": "h-examplehandshake1", "arn": f"arn:aws:organizations::{ACCT}:handshake/{ORG}/invite/"
    "h-examplehandshake1", "state": "OPEN", "action": "INVITE",
    "parties": [{"id": ORG, "type": "ORGANIZATION"}, {"id": MEMBER, "type": "ACCOUNT"}],
    "requested_timestamp": WHEN, "expiration_timestamp": WHEN,
    "resources": [{"Value": ORG, "Type": "ORGANIZATION"}, {"Value": MEMBER, "Type": "ACCOUNT"}],
})])
class HandshakeSerializer(OutputSerializer):
    """An invitation to join the organization (a handshake)."""

    id = serializers.CharField(source="Id")
    arn = serializers.CharField(source="Arn")
    state = serializers.CharField(source="State")
    action = serializers.CharField(source="Action")
    parties = RelativeSerializer(source="Parties", many=True)
    requested_timestamp = serializers.DateTimeField(source="RequestedTimestamp")
    expiration_timestamp = serializers.DateTimeField(source="ExpirationTimestamp")
    resources = _ResourcesField(source="Resources")


POLICY_SUMMARY_EXAMPLE = {
    "id": POLICY_ID, "arn": f"arn:aws:organizations::{ACCT}:policy/{ORG}/"
    f"service_control_policy/{POLICY_ID}", "name": "DenyCreateUser",
    "description": "No new IAM users", "type": "SERVICE_CONTROL_POLICY", "aws_managed": False,
}


@extend_schema_serializer(examples=[_response("An SCP", POLICY_SUMMARY_EXAMPLE)])
class OrganizationPolicySummarySerializer(OutputSerializer):
    """An SCP or RCP in a list (ListPolicies, ListPoliciesForTarget)."""

    id = serializers.CharField(source="Id")
    arn = serializers.CharField(source="Arn")
    name = serializers.CharField(source="Name")
    description = serializers.CharField(source="Description")
    type = serializers.CharField(source="Type")
    aws_managed = serializers.BooleanField(source="AwsManaged")


@extend_schema_serializer(examples=[_response("An SCP", {**POLICY_SUMMARY_EXAMPLE,
                                                        "content": DENY_CREATE_USER})])
class OrganizationPolicySerializer(OutputSerializer):
    """An SCP or RCP with its document (DescribePolicy)."""

    id = serializers.CharField(source="PolicySummary.Id")
    arn = serializers.CharField(source="PolicySummary.Arn")
    name = serializers.CharField(source="PolicySummary.Name")
    description = serializers.CharField(source="PolicySummary.Description")
    type = serializers.CharField(source="PolicySummary.Type")
    aws_managed = serializers.BooleanField(source="PolicySummary.AwsManaged")
    content = serializers.CharField(source="Content", help_text="The policy's JSON text.")


@extend_schema_serializer(examples=[_response("An OU", {
    "target_id": OU, "arn": f"arn:aws:organizations::{ACCT}:ou/{ORG}/{OU}",
    "name": "Workloads", "type": "ORGANIZATIONAL_UNIT"})])
class PolicyTargetSerializer(OutputSerializer):
    """A root, OU or account a policy is attached to (ListTargetsForPolicy)."""

    target_id = serializers.CharField(source="TargetId")
    arn = serializers.CharField(source="Arn")
    name = serializers.CharField(source="Name")
    type = serializers.CharField(source="Type")


@extend_schema_serializer(examples=[_response("A tag policy", {
    "policy_content": "{}", "last_updated_timestamp": WHEN, "target_id": MEMBER,
    "policy_type": "TAG_POLICY"})])
class EffectivePolicySerializer(OutputSerializer):
    """A management policy's effective content for a target (DescribeEffectivePolicy)."""

    policy_content = serializers.CharField(source="PolicyContent")
    last_updated_timestamp = serializers.DateTimeField(source="LastUpdatedTimestamp")
    target_id = serializers.CharField(source="TargetId")
    policy_type = serializers.CharField(source="PolicyType")


# --- inputs --------------------------------------------------------------------------------

@extend_schema_serializer(examples=[_request("All features", {"feature_set": "ALL"})])
class OrganizationCreateSerializer(serializers.Serializer):
    """CreateOrganization: the caller's account becomes the management account."""

    feature_set = serializers.ChoiceField(["ALL", "CONSOLIDATED_BILLING"], default="ALL")


class _TagsInput(serializers.Serializer):
    tags = tags_field(default=dict, validators=[_no_nul])


@extend_schema_serializer(examples=[_request("An OU under the root", {
    "parent_id": ROOT, "name": "Workloads", "tags": {"team": "platform"}})])
class OrganizationalUnitCreateSerializer(_TagsInput):
    """CreateOrganizationalUnit under the root or an OU."""

    parent_id = serializers.CharField(max_length=100, help_text="The root (r-...) or OU.")
    name = serializers.CharField(max_length=128)


@extend_schema_serializer(examples=[_request("Rename", {"name": "Production"})])
class OrganizationalUnitUpdateSerializer(serializers.Serializer):
    """UpdateOrganizationalUnit: a new name."""

    name = serializers.CharField(max_length=128)


@extend_schema_serializer(examples=[_request("A new account", {
    "email": "dev@example.com", "account_name": "Development",
    "role_name": "OrganizationAccountAccessRole", "iam_user_access_to_billing": "ALLOW",
    "tags": {}})])
class OrganizationAccountCreateSerializer(_TagsInput):
    """CreateAccount: a new member account with its administrator role."""

    email = serializers.CharField(min_length=6, max_length=64)
    account_name = serializers.CharField(min_length=1, max_length=50)
    role_name = name_field(64, default="OrganizationAccountAccessRole")
    iam_user_access_to_billing = serializers.ChoiceField(["ALLOW", "DENY"], default="ALLOW")


@extend_schema_serializer(examples=[_request("Into an OU", {
    "source_parent_id": ROOT, "destination_parent_id": OU})])
class AccountMoveSerializer(serializers.Serializer):
    """MoveAccount: from its current parent to another root or OU."""

    source_parent_id = serializers.CharField(max_length=100)
    destination_parent_id = serializers.CharField(max_length=100)


@extend_schema_serializer(examples=[_request("Invite an account", {
    "target_id": MEMBER, "target_type": "ACCOUNT", "notes": "Welcome", "tags": {}})])
class InviteSerializer(_TagsInput):
    """InviteAccountToOrganization: an account by ID, or by its root user's email."""

    target_id = serializers.CharField(max_length=64)
    target_type = serializers.ChoiceField(["ACCOUNT", "EMAIL"], default="ACCOUNT")
    notes = serializers.CharField(max_length=1024, allow_blank=True, default="",
                                  trim_whitespace=False)


def _content(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


@extend_schema_serializer(examples=[_request("An SCP", {
    "name": "DenyCreateUser", "description": "No new IAM users",
    "type": "SERVICE_CONTROL_POLICY", "content": json.loads(DENY_CREATE_USER), "tags": {}})])
class OrganizationPolicyCreateSerializer(_TagsInput):
    """CreatePolicy: an SCP or RCP."""

    name = serializers.CharField(max_length=128)
    description = serializers.CharField(max_length=512, allow_blank=True, default="")
    type = serializers.ChoiceField(POLICY_TYPES)
    content = PolicyDocumentField()

    def validate_content(self, value: Any) -> str:
        return _content(value)


@extend_schema_serializer(examples=[_request("New content", {
    "description": "Still no new IAM users", "content": json.loads(DENY_CREATE_USER)})])
class OrganizationPolicyUpdateSerializer(serializers.Serializer):
    """UpdatePolicy: any of name, description and content."""

    name = serializers.CharField(max_length=128, required=False)
    description = serializers.CharField(max_length=512, allow_blank=True, required=False)
    content = PolicyDocumentField(required=False)

    def validate_content(self, value: Any) -> str:
        return _content(value)


@extend_schema_serializer(examples=[
    _request("Tags to add", {"tags": {"team": "platform"}}),
    _response("The tags", {"tags": {"team": "platform"}}),
])
class OrganizationTagsSerializer(_TagsInput):
    """A root's, OU's, account's or policy's tags, or the tags to add or overwrite."""


__all__ = [
    "AccountMoveSerializer",
    "CreateAccountStatusSerializer",
    "EffectivePolicySerializer",
    "HandshakeSerializer",
    "InviteSerializer",
    "OrganizationAccountCreateSerializer",
    "OrganizationAccountSerializer",
    "OrganizationCreateSerializer",
    "OrganizationPolicyCreateSerializer",
    "OrganizationPolicySerializer",
    "OrganizationPolicySummarySerializer",
    "OrganizationPolicyUpdateSerializer",
    "OrganizationSerializer",
    "OrganizationTagsSerializer",
    "OrganizationalUnitCreateSerializer",
    "OrganizationalUnitSerializer",
    "OrganizationalUnitUpdateSerializer",
    "PolicyTargetSerializer",
    "PolicyTypeStatusSerializer",
    "RelativeSerializer",
    "RootSerializer",
    "aws_tags",
]
