"""SAML providers: list, create (with tags, which also needs TagSAMLProvider, and an
optional assertion-decryption key), get, update (metadata, encryption, private keys),
delete; their tags (ListSAMLProviderTags, TagSAMLProvider, UntagSAMLProvider) come from the
shared tag operations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, per_kind, register
from iamconsole.validators import validate_tags
from policies.authorization import Requirement
from policies.condition_keys import tag_context

from ..kinds import OIDC_PROVIDER, SAML_PROVIDER
from ..models import SamlProvider
from ..provider_rules import (
    saml_metadata_valid_until,
    validate_encryption_mode,
    validate_key_id,
    validate_private_key,
    validate_saml_name,
)
from ..selectors import saml_provider_list
from ..services import saml_provider_create, saml_provider_delete, saml_provider_update
from .entities import EntityOperation
from .tags import ListTags, TagResource, UntagResource

PROVIDERS = (SAML_PROVIDER, OIDC_PROVIDER)
ListSAMLProviderTags, ListOpenIDConnectProviderTags = per_kind(ListTags, "List{}Tags", PROVIDERS)
TagSAMLProvider, TagOpenIDConnectProvider = per_kind(TagResource, "Tag{}", PROVIDERS)
UntagSAMLProvider, UntagOpenIDConnectProvider = per_kind(UntagResource, "Untag{}", PROVIDERS)


@dataclass(kw_only=True, eq=False)
class ProviderOperation(EntityOperation):
    """An operation on one identity provider, named by its ARN (the kind's input field; the
    wire layer checks its length, 20 to 2,048, from AWS's model): an ARN naming nothing in
    the account is NoSuchEntity once the caller may act on it."""


@dataclass(kw_only=True, eq=False)
class SamlProviderOperation(ProviderOperation):
    """An operation on one SAML provider, named by saml_provider_arn."""

    kind = SAML_PROVIDER
    saml_provider_arn: str


@register
@dataclass(kw_only=True, eq=False)
class ListSAMLProviders(Operation):
    """ListSAMLProviders: the account's SAML providers (ARN, valid until, created)."""

    read_only = True

    def perform(self) -> QuerySet[SamlProvider]:
        return saml_provider_list(account=self.caller.account)


@register
@dataclass(kw_only=True, eq=False)
class CreateSAMLProvider(Operation):
    """CreateSAMLProvider: a provider from its IdP's metadata document, with tags if given
    (which also needs TagSAMLProvider, as AWS requires)."""

    name: str
    saml_metadata_document: str
    tags: Mapping[str, str] = field(default_factory=dict)
    assertion_encryption_mode: str | None = None
    add_private_key: str | None = field(default=None, repr=False)

    def validate(self) -> None:
        validate_saml_name(self.name)
        saml_metadata_valid_until(self.saml_metadata_document)
        validate_tags(self.tags)
        if self.assertion_encryption_mode is not None:
            validate_encryption_mode(self.assertion_encryption_mode)
        if self.add_private_key is not None:
            validate_private_key(self.add_private_key)

    def resource(self) -> str:
        return self.arn("saml-provider", "/", self.name)

    def context(self) -> Mapping[str, Any]:
        return tag_context(self.tags)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield TagSAMLProvider.primary(self.resource(), tag_context(self.tags))

    def perform(self) -> SamlProvider:
        return saml_provider_create(
            account=self.caller.account, name=self.name,
            metadata_document=self.saml_metadata_document, tags=self.tags,
            assertion_encryption_mode=self.assertion_encryption_mode,
            private_key=self.add_private_key,
        )


@register
@dataclass(kw_only=True, eq=False)
class GetSAMLProvider(SamlProviderOperation):
    """GetSAMLProvider: the metadata document, dates, UUID, encryption mode, the private
    keys' IDs (never the keys) and tags."""

    read_only = True

    def perform(self) -> SamlProvider:
        return self.entity


@register
@dataclass(kw_only=True, eq=False)
class UpdateSAMLProvider(SamlProviderOperation):
    """UpdateSAMLProvider: a new metadata document, assertion encryption mode, a private
    key added or one removed (at least one of them)."""

    saml_metadata_document: str | None = None
    assertion_encryption_mode: str | None = None
    add_private_key: str | None = field(default=None, repr=False)
    remove_private_key: str | None = None

    def validate(self) -> None:
        if self.saml_metadata_document is not None:
            saml_metadata_valid_until(self.saml_metadata_document)
        if self.assertion_encryption_mode is not None:
            validate_encryption_mode(self.assertion_encryption_mode)
        if self.add_private_key is not None:
            validate_private_key(self.add_private_key)
        if self.remove_private_key is not None:
            validate_key_id(self.remove_private_key)
        if all(value is None for value in (self.saml_metadata_document,
                                           self.assertion_encryption_mode,
                                           self.add_private_key, self.remove_private_key)):
            raise InvalidInput("Give a metadata document, an assertion encryption mode, a "
                               "private key to add or one to remove.",
                               field="saml_metadata_document")

    def perform(self) -> SamlProvider:
        return saml_provider_update(
            provider=self.entity, metadata_document=self.saml_metadata_document,
            assertion_encryption_mode=self.assertion_encryption_mode,
            add_private_key=self.add_private_key, remove_private_key=self.remove_private_key,
        )


@register
@dataclass(kw_only=True, eq=False)
class DeleteSAMLProvider(SamlProviderOperation):
    """DeleteSAMLProvider: the provider and its private keys (roles trusting it are left
    as they are, as in AWS)."""

    def perform(self) -> None:
        saml_provider_delete(provider=self.entity)
