"""Wire actions on server certificates (upload, get, list, rename or move, delete, tag) and
X.509 signing certificates of users and of the root user (upload, list, activate or
deactivate, delete)."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from ..operations.certificates import (
    DeleteServerCertificate,
    DeleteSigningCertificate,
    GetServerCertificate,
    ListServerCertificates,
    ListSigningCertificates,
    UpdateServerCertificate,
    UpdateSigningCertificate,
    UploadServerCertificate,
    UploadSigningCertificate,
)
from ..operations.tags import (
    ListServerCertificateTags,
    TagServerCertificate,
    UntagServerCertificate,
)
from . import key_shapes, shapes

_NAME = {"server_certificate_name": "ServerCertificateName"}


@action("UploadServerCertificate")
def upload_server_certificate(call: WireCall) -> dict[str, Any]:
    certificate = call.run(
        UploadServerCertificate, server_certificate_name=call.get("ServerCertificateName"),
        certificate_body=call.get("CertificateBody"), private_key=call.get("PrivateKey"),
        path=call.get("Path", "/"), certificate_chain=call.get("CertificateChain"),
        tags=shapes.tag_dict(call.get("Tags")))
    return {"ServerCertificateMetadata": key_shapes.server_certificate_metadata(certificate),
            "Tags": shapes.tag_list(certificate.tags) or None}


@action("GetServerCertificate")
def get_server_certificate(call: WireCall) -> dict[str, Any]:
    certificate = call.run(GetServerCertificate,
                           server_certificate_name=call.get("ServerCertificateName"))
    return {"ServerCertificate": key_shapes.server_certificate(certificate)}


@action("ListServerCertificates")
def list_server_certificates(call: WireCall) -> dict[str, Any]:
    certificates = call.run(ListServerCertificates, path_prefix=call.get("PathPrefix"))
    return page(call, certificates.order_by("name", "pk"), "ServerCertificateMetadataList",
                key_shapes.server_certificate_metadata)


forward("UpdateServerCertificate", UpdateServerCertificate, **_NAME, new_path="NewPath",
        new_server_certificate_name="NewServerCertificateName")
forward("DeleteServerCertificate", DeleteServerCertificate, **_NAME)


@action("TagServerCertificate")
def tag_server_certificate(call: WireCall) -> None:
    call.run(TagServerCertificate, server_certificate_name=call.get("ServerCertificateName"),
             tags=shapes.tag_dict(call.get("Tags")))


forward("UntagServerCertificate", UntagServerCertificate, **_NAME, tag_keys="TagKeys")


@action("ListServerCertificateTags")
def list_server_certificate_tags(call: WireCall) -> dict[str, Any]:
    tags = call.run(ListServerCertificateTags,
                    server_certificate_name=call.get("ServerCertificateName"))
    return page(call, shapes.tag_list(tags), "Tags")


@action("UploadSigningCertificate")
def upload_signing_certificate(call: WireCall) -> dict[str, Any]:
    certificate = call.run(UploadSigningCertificate, user_name=call.get("UserName"),
                           certificate_body=call.get("CertificateBody"))
    return {"Certificate": key_shapes.signing_certificate(certificate)}


@action("ListSigningCertificates")
def list_signing_certificates(call: WireCall) -> dict[str, Any]:
    certificates = call.run(ListSigningCertificates, user_name=call.get("UserName"))
    return page(call, certificates, "Certificates", key_shapes.signing_certificate)


_CERTIFICATE = {"user_name": "UserName", "certificate_id": "CertificateId"}
forward("UpdateSigningCertificate", UpdateSigningCertificate, **_CERTIFICATE, status="Status")
forward("DeleteSigningCertificate", DeleteSigningCertificate, **_CERTIFICATE)
