"""Reads of server certificates, signing certificates, SSH public keys and service-specific
credentials: lists in AWS's order and lookups by name or ID (NoSuchEntity in AWS's words)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from iamconsole.exceptions import NoSuchEntity

from .models import (
    Account,
    IamUser,
    ServerCertificate,
    ServiceSpecificCredential,
    SigningCertificate,
    SSHPublicKey,
)

M = TypeVar("M", bound=Model)


def owned(rows: QuerySet[M], *, user: IamUser | None = None,
          account: Account | None = None) -> QuerySet[M]:
    """The rows of a user, or of the root user when only `account` is given."""
    if user is not None:
        return rows.filter(user=user)
    return rows.filter(account=account, user__isnull=True)


def server_certificate_list(*, account: Account,
                            path_prefix: str | None = None) -> QuerySet[ServerCertificate]:
    """ListServerCertificates: the account's certificates under a path prefix, by name."""
    rows = ServerCertificate.objects.filter(account=account)
    if path_prefix:
        rows = rows.filter(path__startswith=path_prefix)
    return rows.order_by("name")


def server_certificate_get(*, account: Account, name: str) -> ServerCertificate:
    """The server certificate with this name (ignoring case), else NoSuchEntity."""
    found = ServerCertificate.objects.filter(account=account, name__iexact=name).first()
    if found is None:
        raise NoSuchEntity(f"The Server Certificate with name {name} cannot be found.",
                           field="server_certificate_name")
    return found


def signing_certificate_list(**owner: Any) -> QuerySet[SigningCertificate]:
    """ListSigningCertificates of a user (`user=`), or of the root user (`account=`)."""
    return owned(SigningCertificate.objects.select_related("user"), **owner).order_by(
        "upload_date", "pk")


def ssh_public_key_list(*, user: IamUser) -> QuerySet[SSHPublicKey]:
    """ListSSHPublicKeys of a user, oldest first."""
    return SSHPublicKey.objects.filter(user=user).select_related("user").order_by(
        "upload_date", "pk")


def service_specific_credential_list(
    *, user: IamUser, service_name: str | None = None
) -> QuerySet[ServiceSpecificCredential]:
    """ListServiceSpecificCredentials of a user, of one service if given."""
    rows = ServiceSpecificCredential.objects.filter(user=user).select_related("user")
    if service_name:
        rows = rows.filter(service_name=service_name)
    return rows.order_by("service_name", "create_date", "pk")


def owned_get(rows: QuerySet[M], message: str, field: str, **lookup: Any) -> M:
    """The one row of `rows` matching `lookup` (an ID), else NoSuchEntity: another owner's
    credential is as absent as a missing one."""
    found = rows.filter(**lookup).first()
    if found is None:
        raise NoSuchEntity(message, field=field)
    return found
