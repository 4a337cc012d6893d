"""Reading certificates, private keys and SSH public keys as AWS accepts them: X.509 in PEM,
server certificates whose private key matches, ssh-rsa keys of at least 2,048 bits."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from iamconsole.exceptions import (
    InvalidPublicKey,
    KeyPairMismatch,
    MalformedCertificate,
    UnrecognizedPublicKeyEncoding,
)

SSH_KEY_MIN_BITS = 2048
_UNPARSABLE_CERTIFICATE = ("Unable to parse certificate. Please ensure the certificate is in "
                           "PEM format.")
_PUBLIC_KEY = serialization.PublicFormat.SubjectPublicKeyInfo


@dataclass(frozen=True)
class Certificate:
    """A parsed X.509 certificate: its PEM text as given (trimmed), when it expires, and the
    SHA-256 of its DER encoding (the same certificate whatever its line breaks)."""

    body: str
    certificate: x509.Certificate
    expiration: datetime
    fingerprint: str


def parse_certificate(body: str, *, field: str = "certificate_body") -> Certificate:
    """One PEM certificate, else MalformedCertificate."""
    text = (body or "").strip()
    try:
        certificate = x509.load_pem_x509_certificate(text.encode("latin-1"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise MalformedCertificate(_UNPARSABLE_CERTIFICATE, field=field) from exc
    der = certificate.public_bytes(serialization.Encoding.DER)
    return Certificate(body=text, certificate=certificate,
                       expiration=certificate.not_valid_after_utc,
                       fingerprint=hashlib.sha256(der).hexdigest())


def parse_chain(chain: str) -> str:
    """A certificate chain: one or more PEM certificates, else MalformedCertificate."""
    text = (chain or "").strip()
    try:
        certificates = x509.load_pem_x509_certificates(text.encode("latin-1"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise MalformedCertificate(
            "Unable to parse certificate chain. Please ensure the chain is in PEM format.",
            field="certificate_chain") from exc
    if not certificates:
        raise MalformedCertificate("The certificate chain holds no certificate.",
                                   field="certificate_chain")
    return text


def check_key_pair(certificate: Certificate, private_key: str) -> str:
    """The private key (PEM, unencrypted) matching the certificate's public key: else
    MalformedCertificate (unreadable) or KeyPairMismatch."""
    text = (private_key or "").strip()
    try:
        key = serialization.load_pem_private_key(text.encode("latin-1"), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm, UnicodeEncodeError) as exc:
        raise MalformedCertificate(
            "Unable to parse private key. Please ensure the private key is an unencrypted "
            "PEM key.", field="private_key") from exc
    ours = key.public_key().public_bytes(serialization.Encoding.DER, _PUBLIC_KEY)
    theirs = certificate.certificate.public_key().public_bytes(
        serialization.Encoding.DER, _PUBLIC_KEY)
    if ours != theirs:
        raise KeyPairMismatch("The private key did not match the public key provided.",
                              field="private_key")
    return text


@dataclass(frozen=True)
class SSHPublicKeyBody:
    """An uploaded SSH public key: as given (trimmed), in OpenSSH and PEM encodings, and its
    fingerprint as AWS shows it (the MD5 of the key blob, in colon-separated hex)."""

    body: str
    openssh: str
    pem: str
    fingerprint: str


def _load_ssh_key(text: str) -> rsa.RSAPublicKey:
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode("latin-1"))
        except (ValueError, UnsupportedAlgorithm, UnicodeEncodeError) as exc:
            raise InvalidPublicKey("The public key is malformed or otherwise invalid.",
                                   field="ssh_public_key_body") from exc
    elif text.startswith("ssh-rsa "):
        parts = text.split()
        try:
            key = serialization.load_ssh_public_key(f"{parts[0]} {parts[1]}".encode("ascii"))
        except (ValueError, IndexError, UnsupportedAlgorithm, UnicodeEncodeError,
                binascii.Error) as exc:
            raise InvalidPublicKey("The public key is malformed or otherwise invalid.",
                                   field="ssh_public_key_body") from exc
    else:
        raise UnrecognizedPublicKeyEncoding(
            "The public key encoding format is unsupported or unrecognized: give an ssh-rsa "
            "key in OpenSSH or PEM format.", field="ssh_public_key_body")
    if not isinstance(key, rsa.RSAPublicKey):
        raise UnrecognizedPublicKeyEncoding(
            "The public key encoding format is unsupported or unrecognized: only RSA keys "
            "(ssh-rsa) are accepted.", field="ssh_public_key_body")
    return key


def parse_ssh_public_key(body: str) -> SSHPublicKeyBody:
    """An ssh-rsa key in OpenSSH (`ssh-rsa AAAA... comment`) or PEM format, of at least
    2,048 bits: else UnrecognizedPublicKeyEncoding or InvalidPublicKey."""
    text = (body or "").strip()
    key = _load_ssh_key(text)
    if key.key_size < SSH_KEY_MIN_BITS:
        raise InvalidPublicKey(
            f"The public key has {key.key_size} bits: the minimum is {SSH_KEY_MIN_BITS}.",
            field="ssh_public_key_body")
    openssh = key.public_bytes(serialization.Encoding.OpenSSH,
                               serialization.PublicFormat.OpenSSH).decode()
    pem = key.public_bytes(serialization.Encoding.PEM, _PUBLIC_KEY).decode().strip()
    digest = hashlib.md5(base64.b64decode(openssh.split()[1]), usedforsecurity=False)
    return SSHPublicKeyBody(body=text, openssh=openssh, pem=pem,
                            fingerprint=":".join(f"{b:02x}" for b in digest.digest()))

