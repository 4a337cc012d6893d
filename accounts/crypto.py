"""Encryption at rest for secrets that must be read back (secret access keys, MFA seeds)."""

from __future__ import annotations

import base64
import functools
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


def derive_key(secret_key: str) -> bytes:
    """A Fernet key derived from SECRET_KEY with HKDF, used when no key is configured."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"iamconsole.field-encryption",
        info=b"fernet-key-v1",
    )
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


@functools.lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    try:
        fernets = [Fernet(key.encode()) for key in keys] or [Fernet(derive_key(secret_key))]
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be a Fernet key (32 url-safe base64-encoded bytes)."
        ) from exc
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    """The cipher: the first configured key encrypts; every configured key decrypts (rotation)."""
    keys = tuple(getattr(settings, "FIELD_ENCRYPTION_KEYS", ()) or ())
    return _fernet(keys, settings.SECRET_KEY)


def encrypt(plaintext: str) -> str:
    """Encrypt a secret for storage."""
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    """Decrypt a stored secret; a token no configured key opens raises ImproperlyConfigured."""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored secret cannot be decrypted: FIELD_ENCRYPTION_KEY (or SECRET_KEY) changed."
        ) from exc


def decrypt_credential(token: str) -> str | None:
    """Decrypt a stored secret that authenticates a caller, or None if no configured key
    opens it: the caller is refused as with a wrong secret (401, not a server error), and the
    misconfiguration is logged for the operators."""
    try:
        return decrypt(token)
    except ImproperlyConfigured:
        logger.error("A stored access key secret cannot be decrypted: FIELD_ENCRYPTION_KEY "
                     "(or SECRET_KEY, from which the default key is derived) changed. Restore "
                     "the previous key, or list it in FIELD_ENCRYPTION_KEYS to decrypt with it.")
        return None
