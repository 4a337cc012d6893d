"""`/api/v1/saml-providers/` (addressed by name) and `/api/v1/oidc-providers/` (addressed
by the host and path of their URL, each / written as ~): identity providers."""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamViewSet

from ...kinds import OIDC_PROVIDER, SAML_PROVIDER
from ...models import OidcProvider, SamlProvider
from ...operations.oidc_providers import (
    AddClientIDToOpenIDConnectProvider,
    CreateOpenIDConnectProvider,
    DeleteOpenIDConnectProvider,
    GetOpenIDConnectProvider,
    ListOpenIDConnectProviders,
    RemoveClientIDFromOpenIDConnectProvider,
    UpdateOpenIDConnectProviderKeys,
    UpdateOpenIDConnectProviderThumbprint,
)
from ...operations.saml_providers import (
    CreateSAMLProvider,
    DeleteSAMLProvider,
    GetSAMLProvider,
    ListSAMLProviders,
    UpdateSAMLProvider,
)
from ...selectors import oidc_provider_get, oidc_provider_list, saml_provider_get
from ...selectors import saml_provider_list as saml_providers
from ..serializers import (
    ClientIdSerializer,
    JwksSerializer,
    OidcProviderCreateSerializer,
    OidcProviderSerializer,
    SamlProviderCreateSerializer,
    SamlProviderDetailSerializer,
    SamlProviderSerializer,
    SamlProviderUpdateSerializer,
    ThumbprintsSerializer,
)
from ..serializers.providers import oidc_provider_url
from ..tags import TagsMixin

_SAML_NAME = r"[\w.-]{1,128}"
_OIDC_ID = r"[^/?#]+"


@extend_schema_view(
    list=extend_schema(summary="List SAML providers (ListSAMLProviders)"),
    create=extend_schema(summary="Create a SAML provider (CreateSAMLProvider)"),
    retrieve=extend_schema(summary="Get a SAML provider (GetSAMLProvider)"),
    partial_update=extend_schema(summary="Update a SAML provider (UpdateSAMLProvider)"),
    destroy=extend_schema(summary="Delete a SAML provider (DeleteSAMLProvider)"),
)
class SamlProviderViewSet(TagsMixin, IamViewSet):
    """SAML providers of the caller's account, addressed by name."""

    entity_type = "saml-provider"
    kind = SAML_PROVIDER
    model = SamlProvider
    lookup_value_regex = _SAML_NAME
    ordering_fields = ["name", "created_at", "valid_until"]
    http_method_names = ["get", "post", "patch", "delete"]

    def list_queryset(self):
        return saml_providers(account=self.account)

    def provider_arn(self, name: str) -> str:
        return self.arn("saml-provider", "/", name)

    def lookup_entity(self, name: str) -> SamlProvider:
        return saml_provider_get(account=self.account, arn=self.provider_arn(name))

    @extend_schema(responses=SamlProviderSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.filtered_page(SamlProviderSerializer, self.run(ListSAMLProviders))

    @extend_schema(request=SamlProviderCreateSerializer,
                   responses={201: SamlProviderDetailSerializer})
    def create(self, request: Request) -> Response:
        data = self.input(SamlProviderCreateSerializer)
        provider = self.run(CreateSAMLProvider, **data)
        return self.respond(SamlProviderDetailSerializer, provider,
                            status=status.HTTP_201_CREATED)

    @extend_schema(responses=SamlProviderDetailSerializer)
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(SamlProviderDetailSerializer,
                            self.run(GetSAMLProvider, saml_provider_arn=self.provider_arn(name)))

    @extend_schema(request=SamlProviderUpdateSerializer, responses=SamlProviderDetailSerializer)
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(SamlProviderUpdateSerializer)
        provider = self.run(UpdateSAMLProvider, saml_provider_arn=self.provider_arn(name), **data)
        return self.respond(SamlProviderDetailSerializer, provider)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteSAMLProvider, saml_provider_arn=self.provider_arn(name))
        return Response(status=status.HTTP_204_NO_CONTENT)


_CLIENT_ID = OpenApiParameter("client_id", str, OpenApiParameter.PATH,
                              description="The client ID (audience) to remove.")
_PROVIDER_ID = OpenApiParameter(
    "name", str, OpenApiParameter.PATH, pattern=r"^[^/?#]+$",
    description="The provider's URL without https://, each / written as ~ "
                "(token.actions.githubusercontent.com, example.com~tenant-1): the `id` "
                "of the provider's representation.",
)


@extend_schema_view(
    list=extend_schema(summary="List OpenID Connect providers (ListOpenIDConnectProviders)"),
    create=extend_schema(summary="Create an OpenID Connect provider "
                                 "(CreateOpenIDConnectProvider)"),
    retrieve=extend_schema(summary="Get an OpenID Connect provider (GetOpenIDConnectProvider)",
                           parameters=[_PROVIDER_ID]),
    destroy=extend_schema(summary="Delete an OpenID Connect provider "
                                  "(DeleteOpenIDConnectProvider)", parameters=[_PROVIDER_ID]),
)
class OidcProviderViewSet(TagsMixin, IamViewSet):
    """OpenID Connect providers of the caller's account, addressed by their URL's host and
    path with each / written as ~ (the `id` field)."""

    entity_type = "oidc-provider"
    kind = OIDC_PROVIDER
    model = OidcProvider
    lookup_value_regex = _OIDC_ID
    ordering_fields = ["url", "created_at"]
    ordering = ("url",)

    def list_queryset(self):
        return oidc_provider_list(account=self.account)

    def provider_arn(self, provider_id: str) -> str:
        return self.arn("oidc-provider", "/", oidc_provider_url(provider_id))

    def lookup_entity(self, name: str) -> OidcProvider:
        return oidc_provider_get(account=self.account, arn=self.provider_arn(name))

    def named(self, name: str) -> dict[str, str]:
        return {"open_id_connect_provider_arn": self.provider_arn(name)}

    @extend_schema(responses=OidcProviderSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.filtered_page(OidcProviderSerializer, self.run(ListOpenIDConnectProviders))

    @extend_schema(request=OidcProviderCreateSerializer, responses={201: OidcProviderSerializer})
    def create(self, request: Request) -> Response:
        data = self.input(OidcProviderCreateSerializer)
        provider = self.run(CreateOpenIDConnectProvider,
                            **{**data, "jwks": jwks_text(data.get("jwks"))})
        return self.respond(OidcProviderSerializer, provider, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OidcProviderSerializer)
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(OidcProviderSerializer,
                            self.run(GetOpenIDConnectProvider, **self.named(name)))

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteOpenIDConnectProvider, **self.named(name))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ClientIdSerializer, responses={200: OidcProviderSerializer},
                   parameters=[_PROVIDER_ID],
                   summary="Add a client ID (AddClientIDToOpenIDConnectProvider)")
    @action(detail=True, methods=["post"], url_path="client-ids")
    def add_client_id(self, request: Request, name: str) -> Response:
        data = self.input(ClientIdSerializer)
        provider = self.run(AddClientIDToOpenIDConnectProvider, client_id=data["client_id"],
                            **self.named(name))
        return self.respond(OidcProviderSerializer, provider)

    @extend_schema(parameters=[_PROVIDER_ID, _CLIENT_ID], responses={200: OidcProviderSerializer},
                   summary="Remove a client ID (RemoveClientIDFromOpenIDConnectProvider)")
    @action(detail=True, methods=["delete"], url_path=r"client-ids/(?P<client_id>[^/]+)")
    def remove_client_id(self, request: Request, name: str, client_id: str) -> Response:
        provider = self.run(RemoveClientIDFromOpenIDConnectProvider, client_id=client_id,
                            **self.named(name))
        return self.respond(OidcProviderSerializer, provider)

    @extend_schema(request=ThumbprintsSerializer, responses={200: OidcProviderSerializer},
                   parameters=[_PROVIDER_ID],
                   summary="Replace the thumbprints (UpdateOpenIDConnectProviderThumbprint)")
    @action(detail=True, methods=["put"], url_path="thumbprints")
    def thumbprints(self, request: Request, name: str) -> Response:
        data = self.input(ThumbprintsSerializer)
        provider = self.run(UpdateOpenIDConnectProviderThumbprint,
                            thumbprint_list=data["thumbprint_list"], **self.named(name))
        return self.respond(OidcProviderSerializer, provider)

    @extend_schema(request=JwksSerializer, responses={200: OidcProviderSerializer},
                   parameters=[_PROVIDER_ID],
                   summary="Replace the keys verifying the provider's tokens (a JWKS)")
    @action(detail=True, methods=["put"], url_path="jwks")
    def jwks(self, request: Request, name: str) -> Response:
        data = self.input(JwksSerializer)
        provider = self.run(UpdateOpenIDConnectProviderKeys, jwks=jwks_text(data["jwks"]),
                            **self.named(name))
        return self.respond(OidcProviderSerializer, provider)


def jwks_text(value: Any) -> str | None:
    """A JWKS as the operations take it (text): a JSON object written out, text as given."""
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value)
