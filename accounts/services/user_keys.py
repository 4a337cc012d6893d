"""SSH public keys and service-specific credentials of IAM users: uploaded or created within
AWS's quotas; a service-specific password is shown once and stored hashed."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from iamconsole.exceptions import DuplicateSSHPublicKey, InvalidInput, NotSupportedService
from iamconsole.identifiers import (
    SERVICE_CREDENTIAL_ID_PREFIX,
    SSH_PUBLIC_KEY_ID_PREFIX,
    new_unique_id,
)
from iamconsole.services import check_quota, clean, lock, save_new

from ..models import IamUser, ServiceSpecificCredential, SSHPublicKey
from ..pem import parse_ssh_public_key
from .owners import check_owner_quota

# The services AWS issues service-specific credentials for; the API keys of Bedrock and
# CloudWatch Logs may expire (CredentialAgeDays), the others never do.
SERVICES = {
    "codecommit.amazonaws.com": "AWS CodeCommit (HTTPS Git credentials)",
    "cassandra.amazonaws.com": "Amazon Keyspaces (for Apache Cassandra)",
    "bedrock.amazonaws.com": "Amazon Bedrock (API keys)",
    "logs.amazonaws.com": "Amazon CloudWatch Logs (API keys)",
}
EXPIRING_SERVICES = ("bedrock.amazonaws.com", "logs.amazonaws.com")
CREDENTIAL_AGE_DAYS_MAX = 36600


@transaction.atomic
def ssh_public_key_upload(*, user: IamUser, ssh_public_key_body: str) -> SSHPublicKey:
    """UploadSSHPublicKey: an ssh-rsa key (OpenSSH or PEM, at least 2,048 bits), at most
    IAM_MAX_SSH_PUBLIC_KEYS_PER_USER per user, each once (DuplicateSSHPublicKey)."""
    parsed = parse_ssh_public_key(ssh_public_key_body)
    user, account_pk = check_owner_quota(
        SSHPublicKey.objects.all(), setting="IAM_MAX_SSH_PUBLIC_KEYS_PER_USER",
        quota_name="SSHPublicKeysPerUser", user=user,
    )
    duplicate = "The SSH public key is already associated with the specified IAM user."
    if SSHPublicKey.objects.filter(user=user, fingerprint=parsed.fingerprint).exists():
        raise DuplicateSSHPublicKey(duplicate, field="ssh_public_key_body")
    key = SSHPublicKey(
        account_id=account_pk, user=user,
        ssh_public_key_id=new_unique_id(SSH_PUBLIC_KEY_ID_PREFIX, 20),
        ssh_public_key_body=parsed.body, fingerprint=parsed.fingerprint,
    )
    clean(key)
    return save_new(key, conflict=duplicate, field="ssh_public_key_body")


@dataclass(frozen=True)
class CreatedServiceSpecificCredential:
    """A credential and its password: the only time the password is available."""

    credential: ServiceSpecificCredential
    service_password: str = field(repr=False)


def validate_service_name(service_name: str) -> str:
    """A service AWS issues service-specific credentials for, else NotSupportedService."""
    if service_name not in SERVICES:
        raise NotSupportedService(
            f"Service-specific credentials are not supported for service {service_name}: "
            f"use one of {', '.join(SERVICES)}.", field="service_name")
    return service_name


def _new_password() -> str:
    # 32 random bytes in base64: 44 characters, as AWS's generated passwords.
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _service_user_name(user: IamUser, service_name: str) -> str:
    """`<user>-at-<account>`, then `<user>+1-at-<account>`... the first the service has not
    issued (a user's two credentials for one service need two user names)."""
    taken = set(ServiceSpecificCredential.objects.filter(
        service_name=service_name, service_user_name__startswith=user.name,
    ).values_list("service_user_name", flat=True))
    account_id = user.account.account_id
    n = 0
    while True:
        name = f"{user.name}{f'+{n}' if n else ''}-at-{account_id}"
        if name not in taken:
            return name
        n += 1


@transaction.atomic
def service_specific_credential_create(
    *, user: IamUser, service_name: str, credential_age_days: int | None = None,
) -> CreatedServiceSpecificCredential:
    """CreateServiceSpecificCredential: a generated user name and password for one service
    (at most IAM_MAX_SERVICE_SPECIFIC_CREDENTIALS per user and service); the password is
    returned once and stored hashed."""
    validate_service_name(service_name)
    if credential_age_days is not None:
        if service_name not in EXPIRING_SERVICES:
            raise InvalidInput("CredentialAgeDays applies only to the API keys of "
                               f"{' and '.join(EXPIRING_SERVICES)}.",
                               field="credential_age_days")
        if not 1 <= credential_age_days <= CREDENTIAL_AGE_DAYS_MAX:
            raise InvalidInput(f"CredentialAgeDays is 1 to {CREDENTIAL_AGE_DAYS_MAX}.",
                               field="credential_age_days")
    user = lock(user)
    check_quota(
        setting="IAM_MAX_SERVICE_SPECIFIC_CREDENTIALS",
        quota_name="ServiceSpecificCredentialsPerUserPerService",
        count=ServiceSpecificCredential.objects.filter(
            user=user, service_name=service_name).count(),
    )
    password = _new_password()
    now = timezone.now()
    credential = ServiceSpecificCredential(
        account_id=user.account_id, user=user, service_name=service_name,
        service_specific_credential_id=new_unique_id(SERVICE_CREDENTIAL_ID_PREFIX),
        service_user_name=_service_user_name(user, service_name),
        password_hash=make_password(password), create_date=now,
        expiration_date=(now + timedelta(days=credential_age_days)
                         if credential_age_days else None),
    )
    clean(credential)
    save_new(credential, conflict="A credential with that user name already exists; "
             "try again.", field=None)
    return CreatedServiceSpecificCredential(credential, password)


@transaction.atomic
def service_specific_credential_reset(
    *, credential: ServiceSpecificCredential,
) -> CreatedServiceSpecificCredential:
    """ResetServiceSpecificCredential: a new password, returned once; the old one stops
    working."""
    credential = lock(credential)
    password = _new_password()
    credential.password_hash = make_password(password)
    credential.save(update_fields=["password_hash"])
    return CreatedServiceSpecificCredential(credential, password)


def service_specific_credential_check(*, credential: ServiceSpecificCredential,
                                      password: str) -> bool:
    """True when `password` is the credential's (a constant-time hash compare)."""
    return check_password(password, credential.password_hash)
