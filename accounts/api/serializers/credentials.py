"""Serializers of access keys, console passwords (login profiles), MFA devices and tags."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.fields import ACCT, name_field, path_field, tags_field
from iamconsole.api.serializers import OutputSerializer

CREATED = "2026-01-15T09:30:00Z"


def _example(name: str, value: dict[str, Any], **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, **kwargs)


# --- access keys -------------------------------------------------------------------------

ACCESS_KEY_EXAMPLE = {
    "access_key_id": "AKIAEXAMPLE7ALICE001", "user_name": "alice", "status": "Active",
    "created_at": CREATED, "last_used_at": "2026-02-01T12:00:00Z",
    "last_used_region": "us-east-1", "last_used_service": "iam",
}


@extend_schema_serializer(examples=[
    _example("An access key", ACCESS_KEY_EXAMPLE, response_only=True),
])
class AccessKeySerializer(OutputSerializer):
    """An access key's metadata (ListAccessKeys, GetAccessKeyLastUsed); never the secret."""

    access_key_id = serializers.CharField()
    user_name = serializers.SerializerMethodField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    last_used_region = serializers.SerializerMethodField()
    last_used_service = serializers.SerializerMethodField()

    def get_user_name(self, key: Any) -> str | None:
        return key.user.name if key.user_id else None

    def get_last_used_region(self, key: Any) -> str | None:
        return key.last_used_region or None

    def get_last_used_service(self, key: Any) -> str | None:
        return key.last_used_service or None


@extend_schema_serializer(examples=[_example("A new access key", {
    "access_key_id": "AKIAEXAMPLE7ALICE001", "user_name": "alice", "status": "Active",
    "created_at": CREATED, "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}, response_only=True)])
class AccessKeyCreatedSerializer(serializers.Serializer):
    """CreateAccessKey's answer: the only time the secret is ever shown."""

    access_key_id = serializers.CharField(source="access_key.access_key_id")
    user_name = serializers.CharField(source="access_key.user.name")
    status = serializers.CharField(source="access_key.status")
    created_at = serializers.DateTimeField(source="access_key.created_at")
    secret_access_key = serializers.CharField(
        help_text="Shown once: store it now, it cannot be retrieved again."
    )


@extend_schema_serializer(examples=[
    _example("Deactivate", {"status": "Inactive"}, request_only=True),
])
class AccessKeyUpdateSerializer(serializers.Serializer):
    """UpdateAccessKey's input."""

    status = serializers.ChoiceField(choices=["Active", "Inactive"])


# --- login profiles ----------------------------------------------------------------------

@extend_schema_serializer(examples=[_example("A login profile", {
    "user_name": "alice", "created_at": CREATED, "password_changed_at": CREATED,
    "password_reset_required": True,
}, response_only=True)])
class LoginProfileSerializer(serializers.Serializer):
    """A user's console password settings (GetLoginProfile); never the password."""

    user_name = serializers.CharField(source="user.name")
    created_at = serializers.DateTimeField()
    password_changed_at = serializers.DateTimeField()
    password_reset_required = serializers.BooleanField()


@extend_schema_serializer(examples=[
    _example("Give a console password", {
        "password": "Example-Passw0rd!", "password_reset_required": True,
    }, request_only=True),
])
class LoginProfileCreateSerializer(serializers.Serializer):
    """CreateLoginProfile's input (checked against the account password policy)."""

    password = serializers.CharField(
        max_length=128, trim_whitespace=False, write_only=True, style={"input_type": "password"}
    )
    password_reset_required = serializers.BooleanField(required=False, default=False)


@extend_schema_serializer(examples=[
    _example("Reset the password", {"password": "Another-Passw0rd!"}, request_only=True),
    _example("Require a reset at next sign-in", {"password_reset_required": True},
             request_only=True),
])
class LoginProfileUpdateSerializer(serializers.Serializer):
    """UpdateLoginProfile's input."""

    password = serializers.CharField(
        max_length=128, trim_whitespace=False, write_only=True, required=False,
        style={"input_type": "password"},
    )
    password_reset_required = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError("Give a password or password_reset_required.")
        return attrs


# --- MFA devices -------------------------------------------------------------------------

MFA_EXAMPLE = {
    "name": "alice-phone", "serial_number": f"arn:aws:iam::{ACCT}:mfa/alice-phone",
    "path": "/", "created_at": CREATED, "enabled_at": "2026-01-15T09:35:00Z",
    "user_name": "alice", "is_root": False, "tags": {},
}


@extend_schema_serializer(examples=[_example("An MFA device", MFA_EXAMPLE, response_only=True)])
class MfaDeviceSerializer(OutputSerializer):
    """A virtual MFA device; its serial number is its ARN. The seed is never shown again."""

    name = serializers.CharField()
    serial_number = serializers.CharField()
    path = serializers.CharField()
    created_at = serializers.DateTimeField()
    enabled_at = serializers.DateTimeField(allow_null=True)
    user_name = serializers.SerializerMethodField()
    is_root = serializers.BooleanField()
    tags = tags_field()

    def get_user_name(self, device: Any) -> str | None:
        return device.user.name if device.user_id else None


@extend_schema_serializer(examples=[_example("A new virtual MFA device", {
    **MFA_EXAMPLE, "enabled_at": None, "user_name": None,
    "base32_string_seed": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "provisioning_uri": "otpauth://totp/alice-phone%40acme?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3"
                        "PXP&issuer=iamconsole",
}, response_only=True)])
class MfaDeviceCreatedSerializer(MfaDeviceSerializer):
    """CreateVirtualMFADevice's answer: the seed and its otpauth:// URI (for a QR code), once."""

    base32_string_seed = serializers.CharField(
        help_text="The TOTP seed for manual entry. Shown once."
    )
    provisioning_uri = serializers.CharField(
        help_text="The otpauth:// URI an authenticator app reads from a QR code. Shown once."
    )


@extend_schema_serializer(examples=[
    _example("Create a virtual MFA device", {"name": "alice-phone"}, request_only=True),
])
class MfaDeviceCreateSerializer(serializers.Serializer):
    """CreateVirtualMFADevice's input."""

    name = name_field(226)
    path = path_field(required=False)
    tags = tags_field(required=False, default=dict)


@extend_schema_serializer(examples=[
    _example("Two consecutive codes", {
        "authentication_code_1": "123456", "authentication_code_2": "654321",
    }, request_only=True),
])
class MfaCodesSerializer(serializers.Serializer):
    """ResyncMFADevice's input: two consecutive codes from the device."""

    authentication_code_1 = serializers.RegexField(r"^[0-9]{6}$", help_text="6 digits.")
    authentication_code_2 = serializers.RegexField(r"^[0-9]{6}$", help_text="6 digits.")


@extend_schema_serializer(examples=[
    _example("Enable with two consecutive codes", {
        "device_name": "alice-phone", "authentication_code_1": "123456",
        "authentication_code_2": "654321",
    }, request_only=True),
])
class MfaEnableSerializer(MfaCodesSerializer):
    """EnableMFADevice's input: the device and two consecutive codes from it."""

    device_name = name_field(226)


# --- tags --------------------------------------------------------------------------------

@extend_schema_serializer(examples=[
    _example("Tags", {"tags": {"team": "platform", "cost-center": "1234"}}),
])
class TagsSerializer(serializers.Serializer):
    """A resource's tags (List*Tags), or the tags to add or overwrite (Tag*)."""

    tags = tags_field()


__all__ = [
    "AccessKeyCreatedSerializer",
    "AccessKeySerializer",
    "AccessKeyUpdateSerializer",
    "LoginProfileCreateSerializer",
    "LoginProfileSerializer",
    "LoginProfileUpdateSerializer",
    "MfaCodesSerializer",
    "MfaDeviceCreateSerializer",
    "MfaDeviceCreatedSerializer",
    "MfaDeviceSerializer",
    "MfaEnableSerializer",
    "TagsSerializer",
]
