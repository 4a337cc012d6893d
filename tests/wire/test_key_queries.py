"""The certificate and key lists over the wire run a bounded number of SQL queries."""

from __future__ import annotations

import pytest

from tests.certificates import certificate_pem, private_key_pem, ssh_public_key

from .test_queries import QUERIES

USER = "wire-keyring"


@pytest.fixture(scope="module")
def keyring(iam, django_db_blocker):
    """A user with as many certificates and keys as AWS allows, and server certificates."""
    with django_db_blocker.unblock():
        iam.create_user(UserName=USER)
        for index in range(2):
            iam.upload_signing_certificate(
                UserName=USER, CertificateBody=certificate_pem(f"ring-{index}", f"ring-{index}"))
            for service in ("codecommit.amazonaws.com", "cassandra.amazonaws.com"):
                iam.create_service_specific_credential(UserName=USER, ServiceName=service)
        for index in range(5):
            iam.upload_ssh_public_key(UserName=USER,
                                      SSHPublicKeyBody=ssh_public_key(f"ring-{index}"))
            iam.upload_server_certificate(
                ServerCertificateName=f"{USER}-{index}", PrivateKey=private_key_pem("server"),
                CertificateBody=certificate_pem(f"ring-{index}.example.com"))
    return iam


@pytest.mark.parametrize(("call", "key", "rows"), [
    (lambda iam: iam.list_server_certificates(), "ServerCertificateMetadataList", 5),
    (lambda iam: iam.list_signing_certificates(UserName=USER), "Certificates", 2),
    (lambda iam: iam.list_ssh_public_keys(UserName=USER), "SSHPublicKeys", 5),
    (lambda iam: iam.list_service_specific_credentials(UserName=USER),
     "ServiceSpecificCredentials", 4),
])
def test_a_list_runs_a_bounded_number_of_queries(keyring, call, key, rows,
                                                 django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERIES):
        assert len(call(keyring)[key]) == rows
