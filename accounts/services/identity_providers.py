"""Services for identity providers: SAML providers (metadata, assertion encryption, private
keys) and OpenID Connect providers (URL, client IDs, thumbprints, JWKS)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import EntityAlreadyExists, InvalidInput, LimitExceeded, NoSuchEntity
from iamconsole.identifiers import iam_arn
from iamconsole.services import check_quota, clean, lock, lock_account, save_new
from iamconsole.validators import validate_tags

from ..crypto import encrypt
from ..federation.jwks import parse_jwks
from ..models import Account, OidcProvider, SamlPrivateKey, SamlProvider
from ..provider_rules import (
    PRIVATE_KEYS_MAX,
    check_client_id_count,
    new_provider_id,
    oidc_url_identifier,
    saml_metadata_valid_until,
    validate_client_id,
    validate_client_ids,
    validate_encryption_mode,
    validate_key_id,
    validate_private_key,
    validate_saml_name,
    validate_thumbprints,
)

SAML_EXISTS = "SAML provider {name} already exists."
OIDC_EXISTS = "Provider with url https://{url} already exists."
REQUIRED_NEEDS_KEY = ("AssertionEncryptionMode Required needs a private key: add one "
                      "(AddPrivateKey) to decrypt the assertions.")


def _add_private_key(provider: SamlProvider, key: str) -> SamlPrivateKey:
    if provider.private_keys.count() >= PRIVATE_KEYS_MAX:
        raise LimitExceeded(f"Cannot exceed quota for PrivateKeysPerSAMLProvider: "
                            f"{PRIVATE_KEYS_MAX}", field="add_private_key")
    return SamlPrivateKey.objects.create(provider=provider, key_id=new_provider_id(),
                                         key_encrypted=encrypt(key))


def _check_encryption(provider: SamlProvider) -> None:
    if (provider.assertion_encryption_mode == "Required"
            and not provider.private_keys.exists()):
        raise InvalidInput(REQUIRED_NEEDS_KEY, field="assertion_encryption_mode")


@transaction.atomic
def saml_provider_create(
    *,
    account: Account,
    name: str,
    metadata_document: str,
    tags: Mapping[str, str] | None = None,
    assertion_encryption_mode: str | None = None,
    private_key: str | None = None,
    created_at: datetime | None = None,
) -> SamlProvider:
    """Create a SAML provider (CreateSAMLProvider) from its IdP's metadata document, its
    expiry taken from the metadata's validUntil; an optional private key is stored
    encrypted."""
    validate_saml_name(name)
    valid_until = saml_metadata_valid_until(metadata_document)
    tag_set = validate_tags(tags)
    mode = validate_encryption_mode(assertion_encryption_mode) if assertion_encryption_mode \
        else ""
    if private_key is not None:
        validate_private_key(private_key)
    account = lock_account(account)
    check_quota(setting="IAM_QUOTA_SAML_PROVIDERS", quota_name="SAMLProvidersPerAccount",
                count=SamlProvider.objects.filter(account=account).count())
    exists = SAML_EXISTS.format(name=name)
    if SamlProvider.objects.filter(account=account, name__iexact=name).exists():
        raise EntityAlreadyExists(exists, field="name")
    provider = SamlProvider(
        account=account, name=name, arn=iam_arn(account.account_id, "saml-provider", "/", name),
        uuid=new_provider_id(), metadata_document=metadata_document, valid_until=valid_until,
        assertion_encryption_mode=mode, tags=tag_set, created_at=created_at or timezone.now(),
    )
    clean(provider)
    save_new(provider, conflict=exists)
    if private_key is not None:
        _add_private_key(provider, private_key)
    _check_encryption(provider)
    return provider


@transaction.atomic
def saml_provider_update(
    *,
    provider: SamlProvider,
    metadata_document: str | None = None,
    assertion_encryption_mode: str | None = None,
    add_private_key: str | None = None,
    remove_private_key: str | None = None,
) -> SamlProvider:
    """Update a SAML provider (UpdateSAMLProvider): replace its metadata (and so its
    expiry), set its assertion encryption, add or remove a private key (rotation: add the
    new key, then remove the old one)."""
    provider = lock(provider)
    fields = ["updated_at"]
    if metadata_document is not None:
        provider.valid_until = saml_metadata_valid_until(metadata_document)
        provider.metadata_document = metadata_document
        fields += ["metadata_document", "valid_until"]
    if assertion_encryption_mode is not None:
        provider.assertion_encryption_mode = validate_encryption_mode(assertion_encryption_mode)
        fields.append("assertion_encryption_mode")
    if remove_private_key is not None:
        validate_key_id(remove_private_key)
        deleted, _ = provider.private_keys.filter(key_id=remove_private_key).delete()
        if not deleted:
            raise NoSuchEntity(f"The private key {remove_private_key} does not exist on "
                               f"SAML provider {provider.name}.", field="remove_private_key")
    if add_private_key is not None:
        validate_private_key(add_private_key)
        _add_private_key(provider, add_private_key)
    provider.save(update_fields=fields)
    _check_encryption(provider)
    return provider


def _delete(provider: SamlProvider | OidcProvider) -> None:
    # Roles trusting the provider keep its ARN in their trust policies, as in AWS.
    provider = lock(provider)
    account_pk = provider.account_id
    provider.delete()
    invalidate_principal_policies(account_pk)


@transaction.atomic
def saml_provider_delete(*, provider: SamlProvider) -> None:
    """Delete a SAML provider (DeleteSAMLProvider) and its private keys."""
    _delete(provider)


@transaction.atomic
def oidc_provider_create(
    *,
    account: Account,
    url: str,
    client_ids: Sequence[str] = (),
    thumbprints: Sequence[str] = (),
    tags: Mapping[str, str] | None = None,
    jwks: str | None = None,
    created_at: datetime | None = None,
) -> OidcProvider:
    """Create an OpenID Connect provider (CreateOpenIDConnectProvider): one per URL in an
    account, named in its ARN by the URL's host and path, with the JWKS verifying its
    tokens if given."""
    identifier = oidc_url_identifier(url)
    keys = parse_jwks(jwks) if jwks else {}
    audiences = validate_client_ids(client_ids)
    prints = validate_thumbprints(thumbprints)
    tag_set = validate_tags(tags)
    account = lock_account(account)
    check_quota(setting="IAM_QUOTA_OIDC_PROVIDERS",
                quota_name="OpenIdConnectProvidersPerAccount",
                count=OidcProvider.objects.filter(account=account).count())
    exists = OIDC_EXISTS.format(url=identifier)
    if OidcProvider.objects.filter(account=account, url=identifier).exists():
        raise EntityAlreadyExists(exists, field="url")
    provider = OidcProvider(
        account=account, url=identifier,
        arn=iam_arn(account.account_id, "oidc-provider", "/", identifier),
        client_ids=audiences, thumbprints=prints, tags=tag_set, jwks=keys,
        created_at=created_at or timezone.now(),
    )
    clean(provider)
    return save_new(provider, conflict=exists, field="url")


@transaction.atomic
def oidc_provider_add_client_id(*, provider: OidcProvider, client_id: str) -> OidcProvider:
    """Add an audience (AddClientIDToOpenIDConnectProvider); one already there is kept."""
    validate_client_id(client_id)
    provider = lock(provider)
    if client_id not in provider.client_ids:
        check_client_id_count(len(provider.client_ids) + 1)
        provider.client_ids = [*provider.client_ids, client_id]
        provider.save(update_fields=["client_ids", "updated_at"])
    return provider


@transaction.atomic
def oidc_provider_remove_client_id(*, provider: OidcProvider, client_id: str) -> OidcProvider:
    """Remove an audience (RemoveClientIDFromOpenIDConnectProvider); an absent one is no
    error."""
    validate_client_id(client_id)
    provider = lock(provider)
    if client_id in provider.client_ids:
        provider.client_ids = [c for c in provider.client_ids if c != client_id]
        provider.save(update_fields=["client_ids", "updated_at"])
    return provider


@transaction.atomic
def oidc_provider_update_thumbprints(*, provider: OidcProvider,
                                     thumbprints: Sequence[str]) -> OidcProvider:
    """Replace the thumbprint list (UpdateOpenIDConnectProviderThumbprint): not merged."""
    prints = validate_thumbprints(thumbprints)
    provider = lock(provider)
    provider.thumbprints = prints
    provider.save(update_fields=["thumbprints", "updated_at"])
    return provider


@transaction.atomic
def oidc_provider_update_jwks(*, provider: OidcProvider, jwks: str | None) -> OidcProvider:
    """Replace the keys verifying the provider's ID tokens with an uploaded JWKS, or remove
    them (None or empty: keys are then fetched from the issuer when it is reachable)."""
    keys = parse_jwks(jwks) if jwks else {}
    provider = lock(provider)
    provider.jwks = keys
    provider.save(update_fields=["jwks", "updated_at"])
    return provider


@transaction.atomic
def oidc_provider_delete(*, provider: OidcProvider) -> None:
    """Delete an OpenID Connect provider (DeleteOpenIDConnectProvider)."""
    _delete(provider)
