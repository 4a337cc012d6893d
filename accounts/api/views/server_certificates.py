"""`/api/v1/server-certificates/`: the account's server certificates (no console page, as in
AWS): upload with the private key (never returned), get, list, rename or move, delete, tags."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamViewSet

from ...filtersets import ServerCertificateFilterSet
from ...key_selectors import server_certificate_get, server_certificate_list
from ...kinds import SERVER_CERTIFICATE
from ...models import ServerCertificate
from ...operations.certificates import (
    DeleteServerCertificate,
    GetServerCertificate,
    ListServerCertificates,
    UpdateServerCertificate,
    UploadServerCertificate,
)
from ..serializers import (
    RenameSerializer,
    ServerCertificateDetailSerializer,
    ServerCertificateSerializer,
    ServerCertificateUploadSerializer,
)
from ..tags import TagsMixin


@extend_schema_view(
    list=extend_schema(summary="List server certificates (ListServerCertificates)"),
    create=extend_schema(summary="Upload a server certificate (UploadServerCertificate)"),
    retrieve=extend_schema(summary="Get a server certificate (GetServerCertificate)"),
    partial_update=extend_schema(
        summary="Rename or move a server certificate (UpdateServerCertificate)"),
    destroy=extend_schema(summary="Delete a server certificate (DeleteServerCertificate)"),
)
class ServerCertificateViewSet(TagsMixin, IamViewSet):
    """Server certificates of the caller's account, addressed by name (case-insensitive)."""

    entity_type = "server-certificate"
    kind = SERVER_CERTIFICATE
    model = ServerCertificate
    filterset_class = ServerCertificateFilterSet
    ordering_fields = ["name", "path", "created_at", "expiration"]

    def list_queryset(self):
        return server_certificate_list(account=self.account)

    def lookup_entity(self, name: str) -> ServerCertificate:
        return server_certificate_get(account=self.account, name=name)

    @extend_schema(responses=ServerCertificateSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.filtered_page(ServerCertificateSerializer, self.run(ListServerCertificates))

    @extend_schema(request=ServerCertificateUploadSerializer,
                   responses={201: ServerCertificateSerializer})
    def create(self, request: Request) -> Response:
        data = self.input(ServerCertificateUploadSerializer)
        certificate = self.run(
            UploadServerCertificate, server_certificate_name=data["name"], path=data["path"],
            certificate_body=data["certificate_body"], private_key=data["private_key"],
            certificate_chain=data.get("certificate_chain"), tags=data["tags"])
        return self.respond(ServerCertificateSerializer, certificate,
                            status=status.HTTP_201_CREATED)

    @extend_schema(responses=ServerCertificateDetailSerializer)
    def retrieve(self, request: Request, name: str) -> Response:
        return self.respond(ServerCertificateDetailSerializer,
                            self.run(GetServerCertificate, server_certificate_name=name))

    @extend_schema(request=RenameSerializer, responses=ServerCertificateSerializer)
    def partial_update(self, request: Request, name: str) -> Response:
        data = self.input(RenameSerializer)
        certificate = self.run(UpdateServerCertificate, server_certificate_name=name,
                               new_server_certificate_name=data.get("name"),
                               new_path=data.get("path"))
        return self.respond(ServerCertificateSerializer, certificate)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteServerCertificate, server_certificate_name=name)
        return Response(status=status.HTTP_204_NO_CONTENT)
