"""Serializers of identity providers: SAML providers and OpenID Connect providers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.fields import tags_field
from iamconsole.api.serializers import OutputSerializer

from ...demo.providers import saml_metadata
from ...demo.test_idp import demo_jwks
from ...provider_rules import CLIENT_ID_MAX, METADATA_MAX, PRIVATE_KEY_MAX

ACCT = "123456789012"
CREATED = "2026-01-15T09:30:00Z"
SAML_EXAMPLE = {"name": "okta", "arn": f"arn:aws:iam::{ACCT}:saml-provider/okta",
                "valid_until": "2036-12-31T23:59:59Z", "created_at": CREATED}
SAML_DETAIL_EXAMPLE = {
    **SAML_EXAMPLE, "saml_provider_uuid": "B3XQ7Z2M4K8N1P5R9T6V0W2Y4A",
    "saml_metadata_document": '<?xml version="1.0"?><md:EntityDescriptor ...>',
    "assertion_encryption_mode": "", "private_keys": [], "tags": {"team": "identity"},
}
OIDC_EXAMPLE = {
    "id": "token.actions.githubusercontent.com",
    "arn": f"arn:aws:iam::{ACCT}:oidc-provider/token.actions.githubusercontent.com",
    "url": "token.actions.githubusercontent.com", "client_id_list": ["sts.amazonaws.com"],
    "thumbprint_list": [], "jwks": {}, "created_at": CREATED, "tags": {"team": "platform"},
}
JWKS_HELP = ('Not an AWS field: the public keys verifying the provider\'s ID tokens, a JSON '
             'Web Key Set {"keys": [...]} of RSA or EC keys (without it, keys are fetched from '
             "the issuer's /.well-known/openid-configuration when it is reachable).")


def _example(name: str, value: dict[str, Any], **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, **kwargs)


def oidc_provider_id(url: str) -> str:
    """The REST API's ID of an OpenID Connect provider: its host and path (the end of its
    ARN) with each / written as ~, so that it fits in one path segment."""
    return url.replace("/", "~")


def oidc_provider_url(provider_id: str) -> str:
    """The host and path an API ID names (each ~ read back as /)."""
    return provider_id.replace("~", "/")


class SamlPrivateKeySerializer(OutputSerializer):
    """A private key's ID and upload date (the key itself is never shown)."""

    key_id = serializers.CharField()
    timestamp = serializers.DateTimeField(source="created_at")


@extend_schema_serializer(examples=[_example("A SAML provider", SAML_EXAMPLE,
                                             response_only=True)])
class SamlProviderSerializer(OutputSerializer):
    """A SAML provider (ListSAMLProviders: without the metadata document)."""

    name = serializers.CharField()
    arn = serializers.CharField()
    valid_until = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


@extend_schema_serializer(examples=[_example("A SAML provider", SAML_DETAIL_EXAMPLE,
                                             response_only=True)])
class SamlProviderDetailSerializer(SamlProviderSerializer):
    """A SAML provider (GetSAMLProvider): metadata document, UUID, encryption mode, the
    private keys' IDs, tags."""

    saml_provider_uuid = serializers.CharField(source="uuid")
    saml_metadata_document = serializers.CharField(source="metadata_document")
    assertion_encryption_mode = serializers.CharField(allow_blank=True)
    private_keys = serializers.SerializerMethodField()
    tags = tags_field()

    def get_private_keys(self, provider: Any) -> list[dict[str, Any]]:
        return [SamlPrivateKeySerializer(key).data for key in provider.private_keys.all()]


@extend_schema_serializer(examples=[_example(
    "A SAML provider", {"name": "azure", "saml_metadata_document": saml_metadata(),
                        "tags": {"team": "identity"}}, request_only=True)])
class SamlProviderCreateSerializer(serializers.Serializer):
    """CreateSAMLProvider's input."""

    name = serializers.CharField(max_length=128)
    saml_metadata_document = serializers.CharField(max_length=METADATA_MAX, trim_whitespace=False)
    tags = tags_field(required=False, default=dict)
    assertion_encryption_mode = serializers.ChoiceField(choices=["Allowed", "Required"],
                                                        required=False)
    add_private_key = serializers.CharField(max_length=PRIVATE_KEY_MAX, required=False,
                                            trim_whitespace=False, write_only=True)


@extend_schema_serializer(examples=[_example(
    "New metadata", {"saml_metadata_document": saml_metadata()}, request_only=True)])
class SamlProviderUpdateSerializer(serializers.Serializer):
    """UpdateSAMLProvider's input: at least one of the fields."""

    saml_metadata_document = serializers.CharField(max_length=METADATA_MAX, required=False,
                                                   trim_whitespace=False)
    assertion_encryption_mode = serializers.ChoiceField(choices=["Allowed", "Required"],
                                                        required=False)
    add_private_key = serializers.CharField(max_length=PRIVATE_KEY_MAX, required=False,
                                            trim_whitespace=False, write_only=True)
    remove_private_key = serializers.CharField(max_length=64, required=False)


@extend_schema_serializer(examples=[_example("GitHub Actions", OIDC_EXAMPLE,
                                             response_only=True)])
class OidcProviderSerializer(OutputSerializer):
    """An OpenID Connect provider (GetOpenIDConnectProvider); `id` addresses it in
    /api/v1/oidc-providers/{id}/."""

    id = serializers.SerializerMethodField()
    arn = serializers.CharField()
    url = serializers.CharField()
    client_id_list = serializers.ListField(source="client_ids", child=serializers.CharField())
    thumbprint_list = serializers.ListField(source="thumbprints", child=serializers.CharField())
    jwks = serializers.JSONField(help_text="The public keys verifying the provider's ID "
                                           'tokens, as uploaded ({"keys": [...]}), or {}.')
    created_at = serializers.DateTimeField()
    tags = tags_field()

    def get_id(self, provider: Any) -> str:
        return oidc_provider_id(provider.url)


@extend_schema_serializer(examples=[_example(
    "GitHub Actions", {"url": "https://token.actions.githubusercontent.com",
                       "client_id_list": ["sts.amazonaws.com"]}, request_only=True)])
class OidcProviderCreateSerializer(serializers.Serializer):
    """CreateOpenIDConnectProvider's input."""

    url = serializers.CharField(max_length=255)
    client_id_list = serializers.ListField(child=serializers.CharField(max_length=CLIENT_ID_MAX),
                                           required=False, default=list)
    thumbprint_list = serializers.ListField(child=serializers.CharField(max_length=40),
                                            required=False, default=list)
    tags = tags_field(required=False, default=dict)
    jwks = serializers.JSONField(required=False, allow_null=True, default=None,
                                 help_text=JWKS_HELP)


@extend_schema_serializer(examples=[_example("An audience", {"client_id": "my-app"},
                                             request_only=True)])
class ClientIdSerializer(serializers.Serializer):
    """A client ID (audience) to add."""

    client_id = serializers.CharField(max_length=CLIENT_ID_MAX)


@extend_schema_serializer(examples=[_example(
    "One thumbprint", {"thumbprint_list": ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]},
    request_only=True)])
class ThumbprintsSerializer(serializers.Serializer):
    """The thumbprint list that replaces the provider's (UpdateOpenIDConnectProviderThumbprint)."""

    thumbprint_list = serializers.ListField(child=serializers.CharField(max_length=40),
                                            allow_empty=True)


@extend_schema_serializer(examples=[_example("The demo IdP's key", {"jwks": demo_jwks()},
                                             request_only=True)])
class JwksSerializer(serializers.Serializer):
    """The JWKS that replaces the provider's keys (null removes them)."""

    jwks = serializers.JSONField(allow_null=True, help_text=JWKS_HELP)


__all__ = [
    "ClientIdSerializer",
    "JwksSerializer",
    "OidcProviderCreateSerializer",
    "OidcProviderSerializer",
    "SamlPrivateKeySerializer",
    "SamlProviderCreateSerializer",
    "SamlProviderDetailSerializer",
    "SamlProviderSerializer",
    "SamlProviderUpdateSerializer",
    "ThumbprintsSerializer",
]
