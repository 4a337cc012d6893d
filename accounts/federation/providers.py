"""Finding the provider that vouches for a token or assertion, in the account of the role
it asks for, and the keys that verify an OpenID Connect provider's tokens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache

from ..models import OidcProvider, SamlProvider
from .errors import IDPCommunicationError, InvalidIdentityToken
from .jwks import UNREACHABLE, discover_jwks
from .oidc import issuer_identifier

# Fetched keys are kept this long (an issuer rotates its keys with overlap).
DISCOVERED_KEYS_SECONDS = 3600


def arn_account_id(arn: str) -> str:
    """The account ID field of an ARN ("" when it has none)."""
    parts = arn.split(":", 5)
    return parts[4] if len(parts) == 6 and parts[0] == "arn" else ""


def oidc_provider_for(*, account_id: str, issuer: str) -> OidcProvider:
    """The account's OpenID Connect provider for the token's issuer, else AWS's
    InvalidIdentityToken."""
    provider = (OidcProvider.objects.select_related("account")
                .filter(account__account_id=account_id, url=issuer_identifier(issuer)).first())
    if provider is None:
        raise InvalidIdentityToken(f"No OpenIDConnect provider found in your account for "
                                   f"{issuer}")
    return provider


def saml_provider_for(*, account_id: str, arn: str) -> SamlProvider:
    """The SAML provider named by PrincipalArn in the role's account, else AWS's
    InvalidIdentityToken."""
    provider = (SamlProvider.objects.select_related("account")
                .filter(account__account_id=account_id, arn=arn).first())
    if provider is None:
        raise InvalidIdentityToken(f"Specified provider doesn't exist: {arn} is not a SAML "
                                   "provider of the role's account.")
    return provider


def provider_keys(provider: OidcProvider) -> dict[str, Any]:
    """The keys verifying the provider's tokens: its uploaded JWKS, else those its issuer
    publishes (fetched within IAM_OIDC_DISCOVERY_TIMEOUT seconds and kept an hour; never
    when the timeout is 0)."""
    if provider.jwks:
        return provider.jwks
    timeout = settings.IAM_OIDC_DISCOVERY_TIMEOUT
    if not timeout:
        raise IDPCommunicationError(f"{UNREACHABLE} (no keys were uploaded for "
                                    f"{provider.url}, and fetching them is switched off)")
    key = f"oidc-jwks:{provider.url}"
    keys = cache.get(key)
    if keys is None:
        keys = discover_jwks(provider.url, timeout=timeout)
        cache.set(key, keys, DISCOVERED_KEYS_SECONDS)
    return keys
