"""SSH public keys (for CodeCommit) and service-specific credentials (CodeCommit's HTTPS Git
credentials, Amazon Keyspaces...) of IAM users; without UserName, the caller's own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from iamconsole.exceptions import InvalidInput, UnrecognizedPublicKeyEncoding
from iamconsole.operations import register

from ..key_selectors import service_specific_credential_list, ssh_public_key_list
from ..models import ServiceSpecificCredential, SSHPublicKey
from ..pem import parse_ssh_public_key
from ..services import (
    CreatedServiceSpecificCredential,
    credential_delete,
    credential_update_status,
    service_specific_credential_create,
    service_specific_credential_reset,
    ssh_public_key_upload,
)
from ..services.user_keys import validate_service_name
from .certificates import validate_status
from .owners import OwnedCredentialOperation, UserCredentialOperation

SERVICE_NAME_KEY = "iam:ServiceSpecificCredentialServiceName"
ENCODINGS = ("SSH", "PEM")


@register
@dataclass(kw_only=True, eq=False)
class ListSSHPublicKeys(UserCredentialOperation):
    """ListSSHPublicKeys: the user's SSH public keys, oldest first."""

    read_only = True

    def perform(self) -> QuerySet[SSHPublicKey]:
        return ssh_public_key_list(user=self.entity)


@register
@dataclass(kw_only=True, eq=False)
class UploadSSHPublicKey(UserCredentialOperation):
    """UploadSSHPublicKey: an ssh-rsa key (OpenSSH or PEM, 2,048 bits or more), at most five
    per user (APKA... ID)."""

    ssh_public_key_body: str

    def perform(self) -> SSHPublicKey:
        return ssh_public_key_upload(user=self.entity,
                                     ssh_public_key_body=self.ssh_public_key_body)


@dataclass(kw_only=True, eq=False)
class SSHPublicKeyOperation(OwnedCredentialOperation, UserCredentialOperation):
    """An operation on one of the user's SSH public keys, by its ID."""

    id_field = "ssh_public_key_id"
    missing = "The Public Key with id {id} cannot be found."
    ssh_public_key_id: str

    def credentials(self) -> QuerySet[SSHPublicKey]:
        return SSHPublicKey.objects.select_related("user")


@dataclass(frozen=True)
class EncodedSSHPublicKey:
    """GetSSHPublicKey's answer: the key with its body in the encoding asked for."""

    key: SSHPublicKey
    ssh_public_key_body: str


@register
@dataclass(kw_only=True, eq=False)
class GetSSHPublicKey(SSHPublicKeyOperation):
    """GetSSHPublicKey: one key, its body in OpenSSH (SSH) or PEM encoding."""

    read_only = True
    encoding: str = "SSH"

    def validate(self) -> None:
        super().validate()
        if self.encoding not in ENCODINGS:
            raise UnrecognizedPublicKeyEncoding("The encoding is SSH or PEM.", field="encoding")

    def perform(self) -> EncodedSSHPublicKey:
        parsed = parse_ssh_public_key(self.credential.ssh_public_key_body)
        uploaded_in_ssh = parsed.body.startswith("ssh-")
        if self.encoding == "PEM":
            body = parsed.body if not uploaded_in_ssh else parsed.pem
        else:
            body = parsed.body if uploaded_in_ssh else parsed.openssh
        return EncodedSSHPublicKey(self.credential, body)


@register
@dataclass(kw_only=True, eq=False)
class UpdateSSHPublicKey(SSHPublicKeyOperation):
    """UpdateSSHPublicKey: activate or deactivate a key."""

    status: str

    def validate(self) -> None:
        super().validate()
        validate_status(self.status)

    def perform(self) -> SSHPublicKey:
        return credential_update_status(credential=self.credential, status=self.status)


@register
@dataclass(kw_only=True, eq=False)
class DeleteSSHPublicKey(SSHPublicKeyOperation):
    """DeleteSSHPublicKey."""

    def perform(self) -> None:
        credential_delete(credential=self.credential)


@register
@dataclass(kw_only=True, eq=False)
class ListServiceSpecificCredentials(UserCredentialOperation):
    """ListServiceSpecificCredentials: the user's credentials, of one service if named
    (NotSupportedService for a service without them); never their passwords."""

    read_only = True
    service_name: str | None = None

    def validate(self) -> None:
        super().validate()
        if self.service_name:
            validate_service_name(self.service_name)

    def perform(self) -> QuerySet[ServiceSpecificCredential]:
        return service_specific_credential_list(user=self.entity,
                                                service_name=self.service_name)


@register
@dataclass(kw_only=True, eq=False)
class CreateServiceSpecificCredential(UserCredentialOperation):
    """CreateServiceSpecificCredential: a generated `<user>-at-<account>` user name and a
    password for one service (at most two per user and service); the password is in the
    output, and nowhere else ever again."""

    service_name: str
    credential_age_days: int | None = None

    def validate(self) -> None:
        super().validate()
        validate_service_name(self.service_name)
        days = self.credential_age_days
        if days is not None and (not isinstance(days, int) or isinstance(days, bool)):
            raise InvalidInput("CredentialAgeDays is a number of days.",
                               field="credential_age_days")

    def context(self) -> Mapping[str, Any]:
        context: dict[str, Any] = {**super().context(), SERVICE_NAME_KEY: self.service_name}
        if self.credential_age_days is not None:
            context["iam:ServiceSpecificCredentialAgeDays"] = self.credential_age_days
        return context

    def perform(self) -> CreatedServiceSpecificCredential:
        return service_specific_credential_create(
            user=self.entity, service_name=self.service_name,
            credential_age_days=self.credential_age_days)


@dataclass(kw_only=True, eq=False)
class ServiceSpecificCredentialOperation(OwnedCredentialOperation, UserCredentialOperation):
    """An operation on one of the user's service-specific credentials, by its ID; authorized
    with the credential's service as iam:ServiceSpecificCredentialServiceName."""

    id_field = "service_specific_credential_id"
    missing = "No such credential {id} exists."
    service_specific_credential_id: str

    def credentials(self) -> QuerySet[ServiceSpecificCredential]:
        return ServiceSpecificCredential.objects.select_related("user", "account")

    def context(self) -> Mapping[str, Any]:
        context = dict(super().context())
        if self.credential is not None:
            context[SERVICE_NAME_KEY] = self.credential.service_name
        return context


@register
@dataclass(kw_only=True, eq=False)
class UpdateServiceSpecificCredential(ServiceSpecificCredentialOperation):
    """UpdateServiceSpecificCredential: activate or deactivate a credential."""

    status: str

    def validate(self) -> None:
        super().validate()
        validate_status(self.status)

    def perform(self) -> ServiceSpecificCredential:
        return credential_update_status(credential=self.credential, status=self.status)


@register
@dataclass(kw_only=True, eq=False)
class ResetServiceSpecificCredential(ServiceSpecificCredentialOperation):
    """ResetServiceSpecificCredential: a new password, in the output only."""

    def perform(self) -> CreatedServiceSpecificCredential:
        return service_specific_credential_reset(credential=self.credential)


@register
@dataclass(kw_only=True, eq=False)
class DeleteServiceSpecificCredential(ServiceSpecificCredentialOperation):
    """DeleteServiceSpecificCredential."""

    def perform(self) -> None:
        credential_delete(credential=self.credential)
