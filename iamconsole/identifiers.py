"""Unique IDs and ARNs in AWS's formats."""

from __future__ import annotations

import hashlib
import secrets
import string

_ID_ALPHABET = string.ascii_uppercase + string.digits
# AWS's unique-ID prefixes: user, group, role, managed policy, instance profile.
USER_ID_PREFIX = "AIDA"
GROUP_ID_PREFIX = "AGPA"
ROLE_ID_PREFIX = "AROA"
POLICY_ID_PREFIX = "ANPA"
INSTANCE_PROFILE_ID_PREFIX = "AIPA"
ACCESS_KEY_ID_PREFIX = "AKIA"
SERVER_CERTIFICATE_ID_PREFIX = "ASCA"
SSH_PUBLIC_KEY_ID_PREFIX = "APKA"
SERVICE_CREDENTIAL_ID_PREFIX = "ACCA"
AWS_MANAGED_ACCOUNT = "aws"
# Secret access keys: 40 characters of base64's alphabet, as AWS issues them.
SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"


def new_unique_id(prefix: str, length: int = 21) -> str:
    """A random entity ID: the prefix and uppercase alphanumerics, 21 characters in all (20
    for access keys and SSH public keys, as AWS issues them)."""
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(length - len(prefix)))


def new_access_key_id() -> str:
    """A random access key ID: AKIA and 16 uppercase alphanumerics (20 characters)."""
    return new_unique_id(ACCESS_KEY_ID_PREFIX, 20)


def new_certificate_id() -> str:
    """A random signing certificate ID: 32 uppercase alphanumerics (AWS: 24 to 128)."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(32))


def new_secret_access_key() -> str:
    """A random 40-character secret access key."""
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(40))


def stable_unique_id(prefix: str, seed: str) -> str:
    """A deterministic ID derived from `seed` (an ARN), stable across installations."""
    digest = hashlib.sha256(seed.encode()).digest()
    return prefix + "".join(_ID_ALPHABET[b % len(_ID_ALPHABET)] for b in digest[:17])


def iam_arn(account_id: str, resource_type: str, path: str, name: str) -> str:
    """`arn:aws:iam::{account}:{type}{path}{name}`; the path keeps its slashes."""
    return f"arn:aws:iam::{account_id}:{resource_type}{path}{name}"


def root_arn(account_id: str) -> str:
    """The root user's ARN."""
    return f"arn:aws:iam::{account_id}:root"
