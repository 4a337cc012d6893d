"""Server certificates and signing certificates over AWS's wire API, driven by boto3
(certificates and keys generated with `cryptography` for the session)."""

from __future__ import annotations

from datetime import datetime

import pytest
from botocore.exceptions import ClientError

from tests.certificates import certificate_pem, private_key_pem

from .conftest import WIRE_ACCOUNT
from .test_mfa import error


@pytest.fixture(scope="module")
def reader(make_user):
    """An IAM client of a user with IAMReadOnlyAccess."""
    return make_user("wire-cert-reader", "IAMReadOnlyAccess")[0]


def test_a_server_certificate_is_uploaded_read_listed_renamed_and_deleted(iam):
    body, chain = certificate_pem("www.example.com"), certificate_pem("ca.example.com", "ca")
    uploaded = iam.upload_server_certificate(
        ServerCertificateName="wire-web", Path="/cdn/", CertificateBody=body,
        PrivateKey=private_key_pem("server"), CertificateChain=chain,
        Tags=[{"Key": "team", "Value": "web"}])
    metadata = uploaded["ServerCertificateMetadata"]
    assert metadata["Arn"] == f"arn:aws:iam::{WIRE_ACCOUNT}:server-certificate/cdn/wire-web"
    assert metadata["ServerCertificateId"].startswith("ASCA")
    assert isinstance(metadata["Expiration"], datetime)
    assert uploaded["Tags"] == [{"Key": "team", "Value": "web"}]

    got = iam.get_server_certificate(ServerCertificateName="wire-web")["ServerCertificate"]
    assert got["ServerCertificateMetadata"] == metadata
    assert (got["CertificateBody"].strip(), got["CertificateChain"].strip()) == (
        body.strip(), chain.strip())
    assert "PrivateKey" not in got and got["Tags"] == [{"Key": "team", "Value": "web"}]
    listed = iam.list_server_certificates(PathPrefix="/cdn/")["ServerCertificateMetadataList"]
    assert listed == [metadata]

    iam.update_server_certificate(ServerCertificateName="wire-web", NewPath="/",
                                  NewServerCertificateName="wire-www")
    moved = iam.get_server_certificate(ServerCertificateName="wire-www")["ServerCertificate"]
    assert moved["ServerCertificateMetadata"]["Arn"] == (
        f"arn:aws:iam::{WIRE_ACCOUNT}:server-certificate/wire-www")
    assert iam.list_server_certificates(PathPrefix="/cdn/")["ServerCertificateMetadataList"] == []
    iam.delete_server_certificate(ServerCertificateName="wire-www")
    with pytest.raises(ClientError) as caught:
        iam.get_server_certificate(ServerCertificateName="wire-www")
    assert error(caught) == ("NoSuchEntity", 404)
    assert caught.value.response["Error"]["Message"] == (
        "The Server Certificate with name wire-www cannot be found.")


def test_a_server_certificates_tags_are_set_listed_and_removed(iam):
    iam.upload_server_certificate(ServerCertificateName="wire-tagged-cert",
                                  CertificateBody=certificate_pem("tags.example.com"),
                                  PrivateKey=private_key_pem("server"))
    got = iam.get_server_certificate(ServerCertificateName="wire-tagged-cert")
    assert "Tags" not in got["ServerCertificate"]
    assert "CertificateChain" not in got["ServerCertificate"]
    iam.tag_server_certificate(ServerCertificateName="wire-tagged-cert",
                               Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    first = iam.list_server_certificate_tags(ServerCertificateName="wire-tagged-cert",
                                             MaxItems=1)
    assert first["Tags"] == [{"Key": "a", "Value": "1"}] and first["IsTruncated"]
    iam.untag_server_certificate(ServerCertificateName="wire-tagged-cert", TagKeys=["a"])
    tags = iam.list_server_certificate_tags(ServerCertificateName="wire-tagged-cert")
    assert tags["Tags"] == [{"Key": "b", "Value": "2"}] and not tags["IsTruncated"]


@pytest.mark.parametrize(("body", "key", "code"), [
    ("not a certificate", "server", "MalformedCertificate"),
    (None, "other", "KeyPairMismatch"),
])
def test_a_malformed_certificate_or_a_foreign_key_is_refused(iam, body, key, code):
    with pytest.raises(ClientError) as caught:
        iam.upload_server_certificate(
            ServerCertificateName=f"wire-bad-{code}", PrivateKey=private_key_pem(key),
            CertificateBody=body or certificate_pem("bad.example.com"))
    assert error(caught) == (code, 400)


def test_a_read_only_user_lists_server_certificates_but_cannot_upload_one(iam, reader):
    iam.upload_server_certificate(ServerCertificateName="wire-readable",
                                  CertificateBody=certificate_pem("read.example.com"),
                                  PrivateKey=private_key_pem("server"))
    names = [c["ServerCertificateName"] for c in
             reader.list_server_certificates()["ServerCertificateMetadataList"]]
    assert "wire-readable" in names
    with pytest.raises(ClientError) as caught:
        reader.upload_server_certificate(ServerCertificateName="wire-denied",
                                         CertificateBody=certificate_pem("no.example.com"),
                                         PrivateKey=private_key_pem("server"))
    assert error(caught) == ("AccessDenied", 403)
    assert "iam:UploadServerCertificate" in caught.value.response["Error"]["Message"]


def test_a_users_signing_certificates_are_uploaded_listed_deactivated_and_deleted(iam):
    iam.create_user(UserName="wire-signer")
    body = certificate_pem("signer-1", "signer-1")
    certificate = iam.upload_signing_certificate(UserName="wire-signer",
                                                 CertificateBody=body)["Certificate"]
    assert (certificate["UserName"], certificate["Status"]) == ("wire-signer", "Active")
    assert certificate["CertificateBody"] == body
    iam.upload_signing_certificate(UserName="wire-signer",
                                   CertificateBody=certificate_pem("signer-2", "signer-2"))
    with pytest.raises(ClientError) as caught:
        iam.upload_signing_certificate(UserName="wire-signer",
                                       CertificateBody=certificate_pem("signer-3", "signer-3"))
    assert error(caught) == ("LimitExceeded", 409)

    iam.update_signing_certificate(UserName="wire-signer", Status="Inactive",
                                   CertificateId=certificate["CertificateId"])
    listed = iam.list_signing_certificates(UserName="wire-signer")["Certificates"]
    assert [(c["CertificateId"], c["Status"]) for c in listed][0] == (
        certificate["CertificateId"], "Inactive")
    iam.delete_signing_certificate(UserName="wire-signer",
                                   CertificateId=certificate["CertificateId"])
    with pytest.raises(ClientError) as caught:
        iam.delete_signing_certificate(UserName="wire-signer",
                                       CertificateId=certificate["CertificateId"])
    assert error(caught) == ("NoSuchEntity", 404)


def test_without_a_user_name_the_root_user_acts_on_its_own_signing_certificates(iam):
    certificate = iam.upload_signing_certificate(
        CertificateBody=certificate_pem("root-signer", "root-signer"))["Certificate"]
    assert "UserName" not in certificate
    listed = iam.list_signing_certificates()["Certificates"]
    assert [c["CertificateId"] for c in listed] == [certificate["CertificateId"]]
    iam.delete_signing_certificate(CertificateId=certificate["CertificateId"])
    assert iam.list_signing_certificates()["Certificates"] == []


def test_a_signing_certificate_that_is_no_certificate_is_refused(iam):
    with pytest.raises(ClientError) as caught:
        iam.upload_signing_certificate(CertificateBody="notacert")
    assert error(caught) == ("MalformedCertificate", 400)
