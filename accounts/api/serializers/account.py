"""Serializers of the account: alias, password policy, summary, reports."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.fields import ACCT


def _example(name: str, value: Any, **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, **kwargs)


@extend_schema_serializer(examples=[_example("The account", {
    "account_id": ACCT, "alias": "acme", "name": "Acme",
    "root_arn": f"arn:aws:iam::{ACCT}:root",
}, response_only=True)])
class AccountSerializer(serializers.Serializer):
    """The caller's account: ID, alias (ListAccountAliases) and display name."""

    account_id = serializers.CharField()
    alias = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_blank=True)
    root_arn = serializers.CharField()


@extend_schema_serializer(examples=[
    _example("Set the alias", {"alias": "acme-prod"}, request_only=True),
])
class AliasInputSerializer(serializers.Serializer):
    """CreateAccountAlias's input (3-63 lowercase letters, digits and single hyphens)."""

    alias = serializers.CharField(max_length=63, min_length=1)


PASSWORD_POLICY_EXAMPLE = {
    "minimum_password_length": 14, "require_symbols": True, "require_numbers": True,
    "require_uppercase_characters": True, "require_lowercase_characters": True,
    "allow_users_to_change_password": True, "max_password_age": 90,
    "password_reuse_prevention": 24, "hard_expiry": False,
}


@extend_schema_serializer(examples=[
    _example("A strict policy", PASSWORD_POLICY_EXAMPLE, request_only=True),
    _example("The password policy", {**PASSWORD_POLICY_EXAMPLE, "expire_passwords": True},
             response_only=True),
])
class PasswordPolicySerializer(serializers.Serializer):
    """The account password policy (Get/UpdateAccountPasswordPolicy).

    On update, fields left out return to AWS's defaults, as UpdateAccountPasswordPolicy does.
    """

    minimum_password_length = serializers.IntegerField(
        min_value=6, max_value=128, required=False, default=6
    )
    require_symbols = serializers.BooleanField(required=False, default=False)
    require_numbers = serializers.BooleanField(required=False, default=False)
    require_uppercase_characters = serializers.BooleanField(required=False, default=False)
    require_lowercase_characters = serializers.BooleanField(required=False, default=False)
    allow_users_to_change_password = serializers.BooleanField(required=False, default=False)
    max_password_age = serializers.IntegerField(
        min_value=1, max_value=1095, required=False, allow_null=True, default=None,
        help_text="Days before a password expires; null means never.",
    )
    password_reuse_prevention = serializers.IntegerField(
        min_value=1, max_value=24, required=False, allow_null=True, default=None,
        help_text="How many previous passwords cannot be reused; null means none.",
    )
    hard_expiry = serializers.BooleanField(required=False, default=False)
    expire_passwords = serializers.BooleanField(read_only=True)


@extend_schema_field({
    "type": "object",
    "additionalProperties": {"type": "integer", "nullable": True},
    "description": "GetAccountSummary's SummaryMap: usage and quotas by AWS's key names "
                   "(a quota switched off is null).",
    "example": {"Users": 12, "UsersQuota": 5000, "Groups": 3, "GroupsQuota": 300},
})
class _SummaryMapField(serializers.DictField):
    pass


@extend_schema_serializer(examples=[_example("The account summary", {"summary_map": {
    "Users": 12, "UsersQuota": 5000, "Groups": 3, "GroupsQuota": 300, "Roles": 7,
    "RolesQuota": 1000, "Policies": 4, "PoliciesQuota": 1500, "AccountMFAEnabled": 1,
}}, response_only=True)])
class AccountSummarySerializer(serializers.Serializer):
    """GetAccountSummary."""

    summary_map = _SummaryMapField()


@extend_schema_serializer(examples=[_example("Generated", {
    "state": "STARTED", "description": "No report exists. Starting a new report generation task",
}, response_only=True)])
class ReportStateSerializer(serializers.Serializer):
    """GenerateCredentialReport's answer."""

    state = serializers.CharField()
    description = serializers.CharField()


GAAD_EXAMPLE = {
    "UserDetailList": [{
        "Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLE7ALICE0001",
        "Arn": f"arn:aws:iam::{ACCT}:user/alice", "CreateDate": "2026-01-15T09:30:00+00:00",
        "UserPolicyList": [], "GroupList": ["developers"],
        "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess",
                                     "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
        "Tags": [],
    }],
    "GroupDetailList": [], "RoleDetailList": [], "Policies": [], "IsTruncated": False,
}


@extend_schema_field({
    "type": "object",
    "additionalProperties": True,
    "description": "What GetAccountAuthorizationDetails lacks (alias, password policy, "
                   "login profiles, MFA devices, access-key metadata...).",
})
class _ExtensionField(serializers.DictField):
    pass


@extend_schema_serializer(examples=[
    _example("Authorization details", GAAD_EXAMPLE, response_only=True),
])
class AuthorizationDetailsSerializer(serializers.Serializer):
    """GetAccountAuthorizationDetails in AWS's shape (documents URL-encoded), all pages merged."""

    UserDetailList = serializers.ListField(child=serializers.DictField())
    GroupDetailList = serializers.ListField(child=serializers.DictField())
    RoleDetailList = serializers.ListField(child=serializers.DictField())
    Policies = serializers.ListField(child=serializers.DictField())
    IsTruncated = serializers.BooleanField()


# "x-console" is not a Python name: declare the extension block after the class.
AuthorizationDetailsSerializer._declared_fields["x-console"] = _ExtensionField(required=False)


__all__ = [
    "AccountSerializer",
    "AccountSummarySerializer",
    "AliasInputSerializer",
    "AuthorizationDetailsSerializer",
    "PasswordPolicySerializer",
    "ReportStateSerializer",
]
