"""OpenID Connect providers: list, create (with tags, which also needs
TagOpenIDConnectProvider), get, add and remove a client ID (audience), replace the
thumbprints or the uploaded JWKS, delete. Their tag operations are declared with the
SAML providers'."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.operations import Operation, register
from iamconsole.validators import validate_tags
from policies.authorization import Requirement
from policies.condition_keys import tag_context

from ..federation.jwks import parse_jwks
from ..kinds import OIDC_PROVIDER
from ..models import OidcProvider
from ..provider_rules import (
    oidc_url_identifier,
    validate_client_id,
    validate_client_ids,
    validate_thumbprints,
)
from ..selectors import oidc_provider_list
from ..services import (
    oidc_provider_add_client_id,
    oidc_provider_create,
    oidc_provider_delete,
    oidc_provider_remove_client_id,
    oidc_provider_update_jwks,
    oidc_provider_update_thumbprints,
)
from .saml_providers import ProviderOperation, TagOpenIDConnectProvider


@dataclass(kw_only=True, eq=False)
class OidcProviderOperation(ProviderOperation):
    """An operation on one OpenID Connect provider, named by open_id_connect_provider_arn."""

    kind = OIDC_PROVIDER
    open_id_connect_provider_arn: str


@register
@dataclass(kw_only=True, eq=False)
class ListOpenIDConnectProviders(Operation):
    """ListOpenIDConnectProviders: the account's OpenID Connect providers."""

    read_only = True

    def perform(self) -> QuerySet[OidcProvider]:
        return oidc_provider_list(account=self.caller.account)


@register
@dataclass(kw_only=True, eq=False)
class CreateOpenIDConnectProvider(Operation):
    """CreateOpenIDConnectProvider: a provider for an https:// URL (one per URL in the
    account) with its audiences and thumbprints, with tags if given (which also needs
    TagOpenIDConnectProvider, as AWS requires)."""

    url: str
    client_id_list: Sequence[str] = ()
    thumbprint_list: Sequence[str] = ()
    tags: Mapping[str, str] = field(default_factory=dict)
    # Not an AWS parameter: the public keys verifying the provider's tokens (a JWKS).
    jwks: str | None = None

    def validate(self) -> None:
        oidc_url_identifier(self.url)
        validate_client_ids(self.client_id_list)
        validate_thumbprints(self.thumbprint_list)
        validate_tags(self.tags)
        if self.jwks:
            parse_jwks(self.jwks)

    def resource(self) -> str:
        return self.arn("oidc-provider", "/", oidc_url_identifier(self.url))

    def context(self) -> Mapping[str, Any]:
        return tag_context(self.tags)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield TagOpenIDConnectProvider.primary(self.resource(), tag_context(self.tags))

    def perform(self) -> OidcProvider:
        return oidc_provider_create(account=self.caller.account, url=self.url,
                                    client_ids=self.client_id_list,
                                    thumbprints=self.thumbprint_list, tags=self.tags,
                                    jwks=self.jwks)


@register
@dataclass(kw_only=True, eq=False)
class GetOpenIDConnectProvider(OidcProviderOperation):
    """GetOpenIDConnectProvider: URL, client IDs, thumbprints, creation date and tags."""

    read_only = True

    def perform(self) -> OidcProvider:
        return self.entity


@dataclass(kw_only=True, eq=False)
class ClientIdOperation(OidcProviderOperation):
    """An operation on one client ID of a provider."""

    client_id: str

    def validate(self) -> None:
        validate_client_id(self.client_id)


@register
@dataclass(kw_only=True, eq=False)
class AddClientIDToOpenIDConnectProvider(ClientIdOperation):
    """AddClientIDToOpenIDConnectProvider: one more audience (idempotent; 100 at most)."""

    def perform(self) -> OidcProvider:
        return oidc_provider_add_client_id(provider=self.entity, client_id=self.client_id)


@register
@dataclass(kw_only=True, eq=False)
class RemoveClientIDFromOpenIDConnectProvider(ClientIdOperation):
    """RemoveClientIDFromOpenIDConnectProvider: one audience fewer (idempotent)."""

    def perform(self) -> OidcProvider:
        return oidc_provider_remove_client_id(provider=self.entity, client_id=self.client_id)


@register
@dataclass(kw_only=True, eq=False)
class UpdateOpenIDConnectProviderThumbprint(OidcProviderOperation):
    """UpdateOpenIDConnectProviderThumbprint: the thumbprint list replaced (0 to 5)."""

    thumbprint_list: Sequence[str] = ()

    def validate(self) -> None:
        validate_thumbprints(self.thumbprint_list)

    def perform(self) -> OidcProvider:
        return oidc_provider_update_thumbprints(provider=self.entity,
                                                thumbprints=self.thumbprint_list)


@register
@dataclass(kw_only=True, eq=False)
class UpdateOpenIDConnectProviderKeys(OidcProviderOperation):
    """Replace the JWKS verifying the provider's tokens (not an AWS operation: AWS fetches
    the keys from the issuer, which this console does not rely on). Authorized as
    iam:UpdateOpenIDConnectProviderThumbprint, the action that changes what AWS trusts a
    provider's keys by."""

    action = "iam:UpdateOpenIDConnectProviderThumbprint"
    jwks: str | None = None

    def validate(self) -> None:
        if self.jwks:
            parse_jwks(self.jwks)

    def perform(self) -> OidcProvider:
        return oidc_provider_update_jwks(provider=self.entity, jwks=self.jwks)


@register
@dataclass(kw_only=True, eq=False)
class DeleteOpenIDConnectProvider(OidcProviderOperation):
    """DeleteOpenIDConnectProvider (roles trusting it are left as they are, as in AWS)."""

    def perform(self) -> None:
        oidc_provider_delete(provider=self.entity)
