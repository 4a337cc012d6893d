"""Server certificates of the account (upload, get, list, rename or move, delete; tagged as
other taggable resources in tags.py) and X.509 signing certificates of users and of the root
user (upload, list, activate or deactivate, delete)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from iamconsole.exceptions import InvalidInput
from iamconsole.operations import Operation, register
from iamconsole.validators import validate_name, validate_path, validate_tags
from policies.authorization import Requirement
from policies.condition_keys import tag_context

from ..key_selectors import server_certificate_list, signing_certificate_list
from ..kinds import SERVER_CERTIFICATE
from ..models import CredentialStatus, ServerCertificate, SigningCertificate
from ..services import (
    credential_delete,
    credential_update_status,
    server_certificate_delete,
    server_certificate_update,
    server_certificate_upload,
    signing_certificate_upload,
)
from .entities import EntityOperation
from .owners import CredentialOperation, OwnedCredentialOperation
from .tags import TagServerCertificate


def validate_status(status: str) -> None:
    """Active or Inactive: what an Update* of a credential may set."""
    if status not in CredentialStatus.values:
        raise InvalidInput("The status is Active or Inactive.", field="status")


@register
@dataclass(kw_only=True, eq=False)
class ListServerCertificates(Operation):
    """ListServerCertificates: the account's server certificates under a path prefix."""

    read_only = True
    path_prefix: str | None = None

    def perform(self) -> QuerySet[ServerCertificate]:
        return server_certificate_list(account=self.caller.account, path_prefix=self.path_prefix)


@register
@dataclass(kw_only=True, eq=False)
class UploadServerCertificate(Operation):
    """UploadServerCertificate: a PEM certificate, its private key (stored encrypted, never
    returned) and an optional chain (ASCA... ID); with tags it also needs
    TagServerCertificate, as AWS requires."""

    server_certificate_name: str
    certificate_body: str
    private_key: str = field(repr=False)
    path: str = "/"
    certificate_chain: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        validate_name(self.server_certificate_name, "server certificate",
                      field="server_certificate_name")
        validate_path(self.path)
        validate_tags(self.tags)

    def resource(self) -> str:
        return self.arn("server-certificate", self.path, self.server_certificate_name)

    def context(self) -> Mapping[str, Any]:
        return tag_context(self.tags)

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        if self.tags:
            yield TagServerCertificate.primary(self.resource(), tag_context(self.tags))

    def perform(self) -> ServerCertificate:
        return server_certificate_upload(
            account=self.caller.account, name=self.server_certificate_name,
            certificate_body=self.certificate_body, private_key=self.private_key,
            path=self.path, certificate_chain=self.certificate_chain, tags=self.tags,
        )


@dataclass(kw_only=True, eq=False)
class ServerCertificateOperation(EntityOperation):
    """An operation on one server certificate, named by server_certificate_name."""

    kind = SERVER_CERTIFICATE
    server_certificate_name: str


@register
@dataclass(kw_only=True, eq=False)
class GetServerCertificate(ServerCertificateOperation):
    """GetServerCertificate: the certificate, its chain and metadata (never its key)."""

    read_only = True

    def perform(self) -> ServerCertificate:
        return self.entity


@register
@dataclass(kw_only=True, eq=False)
class UpdateServerCertificate(ServerCertificateOperation):
    """UpdateServerCertificate: rename or move; AWS requires the permission on the
    certificate as it is and as it will be."""

    new_path: str | None = None
    new_server_certificate_name: str | None = None

    def validate(self) -> None:
        if self.new_server_certificate_name is not None:
            validate_name(self.new_server_certificate_name, "server certificate",
                          field="new_server_certificate_name")
        if self.new_path is not None:
            validate_path(self.new_path, field="new_path")

    def requirements(self) -> Iterable[Requirement]:
        yield self.requirement()
        new_arn = self.arn("server-certificate", self.new_path or self.entity.path,
                           self.new_server_certificate_name or self.entity.name)
        if new_arn != self.entity.arn:
            yield self.requirement(resource=new_arn)

    def perform(self) -> ServerCertificate:
        return server_certificate_update(certificate=self.entity,
                                         new_name=self.new_server_certificate_name,
                                         new_path=self.new_path)


@register
@dataclass(kw_only=True, eq=False)
class DeleteServerCertificate(ServerCertificateOperation):
    """DeleteServerCertificate."""

    def perform(self) -> None:
        server_certificate_delete(certificate=self.entity)


@register
@dataclass(kw_only=True, eq=False)
class ListSigningCertificates(CredentialOperation):
    """ListSigningCertificates: the owner's signing certificates, oldest first."""

    read_only = True

    def perform(self) -> QuerySet[SigningCertificate]:
        return signing_certificate_list(**self.owner())


@register
@dataclass(kw_only=True, eq=False)
class UploadSigningCertificate(CredentialOperation):
    """UploadSigningCertificate: an X.509 certificate in PEM for the owner (at most two),
    Active once uploaded."""

    certificate_body: str

    def perform(self) -> SigningCertificate:
        return signing_certificate_upload(certificate_body=self.certificate_body,
                                          **self.owner())


@dataclass(kw_only=True, eq=False)
class SigningCertificateOperation(OwnedCredentialOperation):
    """An operation on one of the owner's signing certificates, by certificate ID."""

    id_field = "certificate_id"
    missing = "The Certificate with id {id} cannot be found."
    certificate_id: str

    def credentials(self) -> QuerySet[SigningCertificate]:
        return SigningCertificate.objects.select_related("user")


@register
@dataclass(kw_only=True, eq=False)
class UpdateSigningCertificate(SigningCertificateOperation):
    """UpdateSigningCertificate: activate or deactivate a signing certificate."""

    status: str

    def validate(self) -> None:
        super().validate()
        validate_status(self.status)

    def perform(self) -> SigningCertificate:
        return credential_update_status(credential=self.credential, status=self.status)


@register
@dataclass(kw_only=True, eq=False)
class DeleteSigningCertificate(SigningCertificateOperation):
    """DeleteSigningCertificate."""

    def perform(self) -> None:
        credential_delete(credential=self.credential)
