"""Serializers of server certificates, signing certificates, SSH public keys and
service-specific credentials: secrets (private keys, passwords) are never in an output but
the one answering their creation."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from iamconsole.api.fields import ACCT, name_field, path_field, tags_field
from iamconsole.api.serializers import OutputSerializer

CREATED = "2026-01-15T09:30:00Z"
PEM_MAX = 16384
_PEM = "-----BEGIN CERTIFICATE-----\nMIIC...\n-----END CERTIFICATE-----"


def _example(name: str, value: dict[str, Any], **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, **kwargs)


def _pem_field(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=PEM_MAX, trim_whitespace=False, **kwargs)


def _status_field() -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=["Active", "Inactive"])


class _UserNameMixin(serializers.Serializer):
    user_name = serializers.SerializerMethodField()

    def get_user_name(self, row: Any) -> str | None:
        return row.user.name if row.user_id else None


# --- server certificates -----------------------------------------------------------------

SERVER_CERTIFICATE_EXAMPLE = {
    "name": "web-cert", "server_certificate_id": "ASCAEXAMPLE123EXAMPLE",
    "arn": f"arn:aws:iam::{ACCT}:server-certificate/web-cert", "path": "/",
    "upload_date": CREATED, "expiration": "2027-01-15T09:30:00Z", "tags": {},
}


@extend_schema_serializer(examples=[
    _example("A server certificate", SERVER_CERTIFICATE_EXAMPLE, response_only=True)])
class ServerCertificateSerializer(OutputSerializer):
    """A server certificate's metadata (ListServerCertificates); never its private key."""

    name = serializers.CharField()
    server_certificate_id = serializers.CharField(source="unique_id")
    arn = serializers.CharField()
    path = serializers.CharField()
    upload_date = serializers.DateTimeField(source="created_at")
    expiration = serializers.DateTimeField()
    tags = tags_field()


@extend_schema_serializer(examples=[_example("A server certificate with its body", {
    **SERVER_CERTIFICATE_EXAMPLE, "certificate_body": _PEM, "certificate_chain": None,
}, response_only=True)])
class ServerCertificateDetailSerializer(ServerCertificateSerializer):
    """GetServerCertificate: the metadata, the certificate and its chain."""

    certificate_body = serializers.CharField()
    certificate_chain = serializers.SerializerMethodField()

    def get_certificate_chain(self, certificate: Any) -> str | None:
        return certificate.certificate_chain or None


@extend_schema_serializer(examples=[_example("Upload a server certificate", {
    "name": "web-cert", "certificate_body": _PEM,
    "private_key": "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----",
}, request_only=True)])
class ServerCertificateUploadSerializer(serializers.Serializer):
    """UploadServerCertificate's input: PEM certificate, private key and optional chain."""

    name = name_field(128)
    path = path_field(required=False)
    certificate_body = _pem_field()
    private_key = _pem_field(write_only=True, style={"input_type": "password"})
    certificate_chain = serializers.CharField(max_length=2097152, trim_whitespace=False,
                                              required=False, allow_null=True)
    tags = tags_field(required=False, default=dict)


# --- signing certificates ----------------------------------------------------------------

@extend_schema_serializer(examples=[_example("A signing certificate", {
    "certificate_id": "TA7SMP42TDN5Z26OBPJE7EXAMPLE", "user_name": "alice",
    "status": "Active", "upload_date": CREATED, "certificate_body": _PEM,
}, response_only=True)])
class SigningCertificateSerializer(_UserNameMixin, OutputSerializer):
    """A signing certificate (ListSigningCertificates, UploadSigningCertificate)."""

    certificate_id = serializers.CharField()
    status = serializers.CharField()
    upload_date = serializers.DateTimeField()
    certificate_body = serializers.CharField()


@extend_schema_serializer(examples=[
    _example("Upload a signing certificate", {"certificate_body": _PEM}, request_only=True)])
class SigningCertificateUploadSerializer(serializers.Serializer):
    """UploadSigningCertificate's input: an X.509 certificate in PEM."""

    certificate_body = _pem_field()


@extend_schema_serializer(examples=[
    _example("Deactivate", {"status": "Inactive"}, request_only=True)])
class CredentialStatusSerializer(serializers.Serializer):
    """Update*'s input for a signing certificate, SSH public key or service credential."""

    status = _status_field()


# --- SSH public keys ---------------------------------------------------------------------

@extend_schema_serializer(examples=[_example("An SSH public key", {
    "ssh_public_key_id": "APKAEIBAERJR2EXAMPLE", "user_name": "alice", "status": "Active",
    "upload_date": CREATED, "fingerprint": "c7:2d:5c:c6:40:58:e8:32:7d:5e:0b:2c:e0:e3:b2:89",
}, response_only=True)])
class SSHPublicKeySerializer(_UserNameMixin, OutputSerializer):
    """An SSH public key's metadata (ListSSHPublicKeys)."""

    ssh_public_key_id = serializers.CharField()
    status = serializers.CharField()
    upload_date = serializers.DateTimeField()
    fingerprint = serializers.CharField()


@extend_schema_serializer(examples=[_example("An SSH public key with its body", {
    "ssh_public_key_id": "APKAEIBAERJR2EXAMPLE", "user_name": "alice", "status": "Active",
    "upload_date": CREATED, "fingerprint": "c7:2d:5c:c6:40:58:e8:32:7d:5e:0b:2c:e0:e3:b2:89",
    "ssh_public_key_body": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ... alice@laptop",
}, response_only=True)])
class SSHPublicKeyDetailSerializer(serializers.Serializer):
    """GetSSHPublicKey and UploadSSHPublicKey: the key with its body (in the encoding asked
    for)."""

    ssh_public_key_id = serializers.CharField(source="key.ssh_public_key_id")
    user_name = serializers.CharField(source="key.user.name")
    status = serializers.CharField(source="key.status")
    upload_date = serializers.DateTimeField(source="key.upload_date")
    fingerprint = serializers.CharField(source="key.fingerprint")
    ssh_public_key_body = serializers.CharField()


@extend_schema_serializer(examples=[_example("Upload an SSH public key", {
    "ssh_public_key_body": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ... alice@laptop",
}, request_only=True)])
class SSHPublicKeyUploadSerializer(serializers.Serializer):
    """UploadSSHPublicKey's input: an ssh-rsa key in OpenSSH or PEM format."""

    ssh_public_key_body = _pem_field()


# --- service-specific credentials --------------------------------------------------------

SERVICE_CREDENTIAL_EXAMPLE = {
    "service_specific_credential_id": "ACCAEXAMPLE123EXAMPLE", "user_name": "alice",
    "service_name": "codecommit.amazonaws.com", "service_user_name": f"alice-at-{ACCT}",
    "status": "Active", "create_date": CREATED, "expiration_date": None,
}


@extend_schema_serializer(examples=[_example("A service-specific credential",
                                             SERVICE_CREDENTIAL_EXAMPLE, response_only=True)])
class ServiceSpecificCredentialSerializer(_UserNameMixin, OutputSerializer):
    """A service-specific credential (ListServiceSpecificCredentials); never its password."""

    service_specific_credential_id = serializers.CharField()
    service_name = serializers.CharField()
    service_user_name = serializers.CharField()
    status = serializers.CharField()
    create_date = serializers.DateTimeField()
    expiration_date = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(examples=[_example("A new service-specific credential", {
    **SERVICE_CREDENTIAL_EXAMPLE,
    "service_password": "xTBAr/czp+D3EXAMPLE47lrBjSS1ASxtOoRsa1z1b/8=",
}, response_only=True)])
class ServiceSpecificCredentialCreatedSerializer(serializers.Serializer):
    """Create/ResetServiceSpecificCredential's answer: the only time the password is shown."""

    service_specific_credential_id = serializers.CharField(
        source="credential.service_specific_credential_id")
    user_name = serializers.CharField(source="credential.user.name")
    service_name = serializers.CharField(source="credential.service_name")
    service_user_name = serializers.CharField(source="credential.service_user_name")
    status = serializers.CharField(source="credential.status")
    create_date = serializers.DateTimeField(source="credential.create_date")
    expiration_date = serializers.DateTimeField(source="credential.expiration_date",
                                                allow_null=True)
    service_password = serializers.CharField(
        help_text="Shown once: store it now, it cannot be retrieved again.")


@extend_schema_serializer(examples=[
    _example("HTTPS Git credentials for CodeCommit",
             {"service_name": "codecommit.amazonaws.com"}, request_only=True),
])
class ServiceSpecificCredentialCreateSerializer(serializers.Serializer):
    """CreateServiceSpecificCredential's input."""

    service_name = serializers.CharField(max_length=128)
    credential_age_days = serializers.IntegerField(required=False, allow_null=True,
                                                   min_value=1, max_value=36600)


__all__ = [
    "CredentialStatusSerializer",
    "SSHPublicKeyDetailSerializer",
    "SSHPublicKeySerializer",
    "SSHPublicKeyUploadSerializer",
    "ServerCertificateDetailSerializer",
    "ServerCertificateSerializer",
    "ServerCertificateUploadSerializer",
    "ServiceSpecificCredentialCreateSerializer",
    "ServiceSpecificCredentialCreatedSerializer",
    "ServiceSpecificCredentialSerializer",
    "SigningCertificateSerializer",
    "SigningCertificateUploadSerializer",
]
