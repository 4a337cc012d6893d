"""Certificates and user keys as the IAM API's output shapes (AWS's member names): server
certificates (never their private key), signing certificates, SSH public keys and
service-specific credentials (their password only when created or reset)."""

from __future__ import annotations

from typing import Any

from ..models import ServerCertificate, ServiceSpecificCredential, SigningCertificate, SSHPublicKey
from ..operations.user_keys import EncodedSSHPublicKey
from ..services import CreatedServiceSpecificCredential
from .shapes import tag_list


def server_certificate_metadata(certificate: ServerCertificate) -> dict[str, Any]:
    """ServerCertificateMetadata."""
    return {"Path": certificate.path, "ServerCertificateName": certificate.name,
            "ServerCertificateId": certificate.unique_id, "Arn": certificate.arn,
            "UploadDate": certificate.created_at, "Expiration": certificate.expiration}


def server_certificate(certificate: ServerCertificate) -> dict[str, Any]:
    """GetServerCertificate's ServerCertificate: the metadata, the certificate, its chain
    and tags when there are some; never the private key."""
    return {"ServerCertificateMetadata": server_certificate_metadata(certificate),
            "CertificateBody": certificate.certificate_body,
            "CertificateChain": certificate.certificate_chain or None,
            "Tags": tag_list(certificate.tags) or None}


def signing_certificate(certificate: SigningCertificate) -> dict[str, Any]:
    """SigningCertificate (the root user's have no UserName)."""
    return {"UserName": certificate.user.name if certificate.user_id else None,
            "CertificateId": certificate.certificate_id,
            "CertificateBody": certificate.certificate_body, "Status": certificate.status,
            "UploadDate": certificate.upload_date}


def ssh_public_key_metadata(key: SSHPublicKey) -> dict[str, Any]:
    """SSHPublicKeyMetadata (ListSSHPublicKeys)."""
    return {"UserName": key.user.name, "SSHPublicKeyId": key.ssh_public_key_id,
            "Status": key.status, "UploadDate": key.upload_date}


def ssh_public_key(key: SSHPublicKey, body: str | None = None) -> dict[str, Any]:
    """SSHPublicKey: the metadata, the fingerprint and the body (as uploaded, or in the
    encoding GetSSHPublicKey asked for)."""
    return {**ssh_public_key_metadata(key), "Fingerprint": key.fingerprint,
            "SSHPublicKeyBody": key.ssh_public_key_body if body is None else body}


def encoded_ssh_public_key(encoded: EncodedSSHPublicKey) -> dict[str, Any]:
    """GetSSHPublicKey's SSHPublicKey."""
    return ssh_public_key(encoded.key, encoded.ssh_public_key_body)


def service_specific_credential(credential: ServiceSpecificCredential) -> dict[str, Any]:
    """ServiceSpecificCredentialMetadata: never the password."""
    return {"UserName": credential.user.name, "Status": credential.status,
            "ServiceUserName": credential.service_user_name,
            "CreateDate": credential.create_date, "ExpirationDate": credential.expiration_date,
            "ServiceSpecificCredentialId": credential.service_specific_credential_id,
            "ServiceName": credential.service_name}


def created_service_specific_credential(
        created: CreatedServiceSpecificCredential) -> dict[str, Any]:
    """Create/ResetServiceSpecificCredential's credential: with its password, this once."""
    return {**service_specific_credential(created.credential),
            "ServicePassword": created.service_password}
