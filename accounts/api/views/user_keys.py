"""A user's signing certificates, SSH public keys and service-specific credentials:
`users/{name}/signing-certificates/`, `users/{name}/ssh-public-keys/`,
`users/{name}/service-specific-credentials/`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ID_PATTERN

from ...operations.certificates import (
    DeleteSigningCertificate,
    ListSigningCertificates,
    UpdateSigningCertificate,
    UploadSigningCertificate,
)
from ...operations.user_keys import (
    CreateServiceSpecificCredential,
    DeleteServiceSpecificCredential,
    DeleteSSHPublicKey,
    EncodedSSHPublicKey,
    GetSSHPublicKey,
    ListServiceSpecificCredentials,
    ListSSHPublicKeys,
    ResetServiceSpecificCredential,
    UpdateServiceSpecificCredential,
    UpdateSSHPublicKey,
    UploadSSHPublicKey,
)
from ..serializers import (
    CredentialStatusSerializer,
    ServiceSpecificCredentialCreatedSerializer,
    ServiceSpecificCredentialCreateSerializer,
    ServiceSpecificCredentialSerializer,
    SigningCertificateSerializer,
    SigningCertificateUploadSerializer,
    SSHPublicKeyDetailSerializer,
    SSHPublicKeySerializer,
    SSHPublicKeyUploadSerializer,
)

ID_REGEX = r"\w+"  # unknown IDs are NoSuchEntity


def _id(name: str, what: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, OpenApiParameter.PATH, pattern=ID_PATTERN,
                            description=f"The {what}'s ID.")


_CERT_ID = _id("certificate_id", "signing certificate")
_KEY_ID = _id("ssh_public_key_id", "SSH public key (APKA...)")
_CREDENTIAL_ID = _id("credential_id", "service-specific credential (ACCA...)")
_ENCODING = OpenApiParameter("encoding", str, OpenApiParameter.QUERY, enum=["SSH", "PEM"],
                             description="The key body's encoding (default SSH).")
_SERVICE = OpenApiParameter("service_name", str, OpenApiParameter.QUERY,
                            description="Only the credentials of this service.")


class UserKeysMixin:
    """Signing certificates, SSH public keys and service-specific credentials of a user."""

    # --- signing certificates ------------------------------------------------------------

    @extend_schema(responses=SigningCertificateSerializer(many=True),
                   summary="List the user's signing certificates (ListSigningCertificates)")
    @action(detail=True, methods=["get"], url_path="signing-certificates")
    def signing_certificates(self, request: Request, name: str) -> Response:
        rows = self.run(ListSigningCertificates, user_name=name)
        return self.page(rows, SigningCertificateSerializer, ordering=("upload_date", "pk"))

    @extend_schema(request=SigningCertificateUploadSerializer,
                   responses={201: SigningCertificateSerializer},
                   summary="Upload an X.509 signing certificate (UploadSigningCertificate)")
    @signing_certificates.mapping.post
    def upload_signing_certificate(self, request: Request, name: str) -> Response:
        data = self.input(SigningCertificateUploadSerializer)
        row = self.run(UploadSigningCertificate, user_name=name, **data)
        return Response(self.represent(SigningCertificateSerializer, row),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_CERT_ID], request=CredentialStatusSerializer,
                   responses=SigningCertificateSerializer,
                   summary="Activate or deactivate a signing certificate "
                           "(UpdateSigningCertificate)")
    @action(detail=True, methods=["patch"],
            url_path=f"signing-certificates/(?P<certificate_id>{ID_REGEX})")
    def signing_certificate(self, request: Request, name: str, certificate_id: str) -> Response:
        data = self.input(CredentialStatusSerializer)
        row = self.run(UpdateSigningCertificate, user_name=name, certificate_id=certificate_id,
                       status=data["status"])
        return Response(self.represent(SigningCertificateSerializer, row))

    @extend_schema(parameters=[_CERT_ID], responses={204: None},
                   summary="Delete a signing certificate (DeleteSigningCertificate)")
    @signing_certificate.mapping.delete
    def delete_signing_certificate(self, request: Request, name: str,
                                   certificate_id: str) -> Response:
        self.run(DeleteSigningCertificate, user_name=name, certificate_id=certificate_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- SSH public keys -----------------------------------------------------------------

    @extend_schema(responses=SSHPublicKeySerializer(many=True),
                   summary="List the user's SSH public keys (ListSSHPublicKeys)")
    @action(detail=True, methods=["get"], url_path="ssh-public-keys")
    def ssh_public_keys(self, request: Request, name: str) -> Response:
        rows = self.run(ListSSHPublicKeys, user_name=name)
        return self.page(rows, SSHPublicKeySerializer, ordering=("upload_date", "pk"))

    @extend_schema(request=SSHPublicKeyUploadSerializer,
                   responses={201: SSHPublicKeyDetailSerializer},
                   summary="Upload an ssh-rsa public key for CodeCommit (UploadSSHPublicKey)")
    @ssh_public_keys.mapping.post
    def upload_ssh_public_key(self, request: Request, name: str) -> Response:
        data = self.input(SSHPublicKeyUploadSerializer)
        key = self.run(UploadSSHPublicKey, user_name=name, **data)
        shown = EncodedSSHPublicKey(key, key.ssh_public_key_body)
        return Response(self.represent(SSHPublicKeyDetailSerializer, shown),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_KEY_ID, _ENCODING], responses=SSHPublicKeyDetailSerializer,
                   summary="Get an SSH public key in OpenSSH or PEM encoding (GetSSHPublicKey)")
    @action(detail=True, methods=["get"],
            url_path=f"ssh-public-keys/(?P<ssh_public_key_id>{ID_REGEX})")
    def ssh_public_key(self, request: Request, name: str, ssh_public_key_id: str) -> Response:
        shown = self.run(GetSSHPublicKey, user_name=name, ssh_public_key_id=ssh_public_key_id,
                         encoding=request.query_params.get("encoding", "SSH").upper())
        return Response(self.represent(SSHPublicKeyDetailSerializer, shown))

    @extend_schema(parameters=[_KEY_ID], request=CredentialStatusSerializer,
                   responses=SSHPublicKeySerializer,
                   summary="Activate or deactivate an SSH public key (UpdateSSHPublicKey)")
    @ssh_public_key.mapping.patch
    def update_ssh_public_key(self, request: Request, name: str,
                              ssh_public_key_id: str) -> Response:
        data = self.input(CredentialStatusSerializer)
        key = self.run(UpdateSSHPublicKey, user_name=name, ssh_public_key_id=ssh_public_key_id,
                       status=data["status"])
        return Response(self.represent(SSHPublicKeySerializer, key))

    @extend_schema(parameters=[_KEY_ID], responses={204: None},
                   summary="Delete an SSH public key (DeleteSSHPublicKey)")
    @ssh_public_key.mapping.delete
    def delete_ssh_public_key(self, request: Request, name: str,
                              ssh_public_key_id: str) -> Response:
        self.run(DeleteSSHPublicKey, user_name=name, ssh_public_key_id=ssh_public_key_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- service-specific credentials ----------------------------------------------------

    @extend_schema(parameters=[_SERVICE],
                   responses=ServiceSpecificCredentialSerializer(many=True),
                   summary="List the user's service-specific credentials "
                           "(ListServiceSpecificCredentials)")
    @action(detail=True, methods=["get"], url_path="service-specific-credentials")
    def service_specific_credentials(self, request: Request, name: str) -> Response:
        rows = self.run(ListServiceSpecificCredentials, user_name=name,
                        service_name=request.query_params.get("service_name") or None)
        return self.page(rows, ServiceSpecificCredentialSerializer,
                         ordering=("service_name", "create_date", "pk"))

    @extend_schema(request=ServiceSpecificCredentialCreateSerializer,
                   responses={201: ServiceSpecificCredentialCreatedSerializer},
                   summary="Create a service-specific credential; the password is shown once "
                           "(CreateServiceSpecificCredential)")
    @service_specific_credentials.mapping.post
    def create_service_specific_credential(self, request: Request, name: str) -> Response:
        data = self.input(ServiceSpecificCredentialCreateSerializer)
        created = self.run(CreateServiceSpecificCredential, user_name=name, **data)
        return Response(self.represent(ServiceSpecificCredentialCreatedSerializer, created),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_CREDENTIAL_ID], request=CredentialStatusSerializer,
                   responses=ServiceSpecificCredentialSerializer,
                   summary="Activate or deactivate a service-specific credential "
                           "(UpdateServiceSpecificCredential)")
    @action(detail=True, methods=["patch"],
            url_path=f"service-specific-credentials/(?P<credential_id>{ID_REGEX})")
    def service_specific_credential(self, request: Request, name: str,
                                    credential_id: str) -> Response:
        data = self.input(CredentialStatusSerializer)
        row = self.run(UpdateServiceSpecificCredential, user_name=name,
                       service_specific_credential_id=credential_id, status=data["status"])
        return Response(self.represent(ServiceSpecificCredentialSerializer, row))

    @extend_schema(parameters=[_CREDENTIAL_ID], responses={204: None},
                   summary="Delete a service-specific credential "
                           "(DeleteServiceSpecificCredential)")
    @service_specific_credential.mapping.delete
    def delete_service_specific_credential(self, request: Request, name: str,
                                           credential_id: str) -> Response:
        self.run(DeleteServiceSpecificCredential, user_name=name,
                 service_specific_credential_id=credential_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(parameters=[_CREDENTIAL_ID], request=None,
                   responses=ServiceSpecificCredentialCreatedSerializer,
                   summary="Reset a service-specific credential's password; the new one is "
                           "shown once (ResetServiceSpecificCredential)")
    @action(detail=True, methods=["post"],
            url_path=f"service-specific-credentials/(?P<credential_id>{ID_REGEX})/reset")
    def reset_service_specific_credential(self, request: Request, name: str,
                                          credential_id: str) -> Response:
        created = self.run(ResetServiceSpecificCredential, user_name=name,
                           service_specific_credential_id=credential_id)
        return Response(self.represent(ServiceSpecificCredentialCreatedSerializer, created))
