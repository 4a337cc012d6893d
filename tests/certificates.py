"""Certificates and keys for tests, generated with `cryptography` once per test session
(nothing committed): RSA keys by label, self-signed certificates, SSH public keys."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def rsa_key(label: str, bits: int = 2048) -> rsa.RSAPrivateKey:
    """An RSA key, the same for a label (and size) during the session."""
    return _rsa_key(label, bits)


@functools.cache
def _rsa_key(label: str, bits: int) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def private_key_pem(label: str, bits: int = 2048) -> str:
    """The key of `label` in unencrypted PKCS#8 PEM."""
    return rsa_key(label, bits).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()


@functools.cache
def certificate_pem(common_name: str, key_label: str = "server", *, days: int = 365,
                    expired: bool = False) -> str:
    """A self-signed certificate for `common_name` on the key of `key_label` (already expired
    when `expired`)."""
    key = rsa_key(key_label)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    start, end = ((now - timedelta(days=30), now - timedelta(days=1)) if expired
                  else (now - timedelta(days=1), now + timedelta(days=days)))
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(end)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def ssh_public_key(label: str, bits: int = 2048, *, pem: bool = False) -> str:
    """The public half of the key of `label`: `ssh-rsa AAAA... label` or PEM."""
    public = rsa_key(label, bits).public_key()
    if pem:
        return public.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return public.public_bytes(serialization.Encoding.OpenSSH,
                               serialization.PublicFormat.OpenSSH).decode() + f" {label}"
