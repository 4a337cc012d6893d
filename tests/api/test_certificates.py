"""Server certificates, signing certificates, SSH public keys and service-specific
credentials through the REST API: AWS's validation errors, quotas, duplicates, and secrets
that are never returned after their creation and never stored in the clear."""

from __future__ import annotations

import base64
import hashlib

import pytest
from django.test import override_settings

from accounts.crypto import decrypt
from accounts.models import ServerCertificate, ServiceSpecificCredential
from accounts.services import user_create
from tests.api.helpers import error
from tests.certificates import certificate_pem, private_key_pem, ssh_public_key

pytestmark = pytest.mark.django_db

CERTS, USERS = "/api/v1/server-certificates/", "/api/v1/users/"


def _upload(name: str = "web", **changes: str) -> dict[str, str]:
    return {"name": name, "certificate_body": certificate_pem(f"{name}.example.com"),
            "private_key": private_key_pem("server"), **changes}


# --- server certificates -----------------------------------------------------------------

def test_upload_get_rename_and_delete_a_server_certificate(admin, account):
    response = admin.post(CERTS, _upload(tags={"team": "web"},
                                         certificate_chain=certificate_pem("ca", "ca")))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["server_certificate_id"].startswith("ASCA")
    assert body["arn"] == f"arn:aws:iam::{account.account_id}:server-certificate/web"
    assert body["expiration"] and body["tags"] == {"team": "web"}
    detail = admin.get(CERTS + "web/").json()
    assert detail["certificate_body"].startswith("-----BEGIN CERTIFICATE-----")
    assert detail["certificate_chain"].startswith("-----BEGIN CERTIFICATE-----")
    renamed = admin.patch(CERTS + "web/", {"name": "web-2", "path": "/cloudfront/"}).json()
    assert renamed["arn"].endswith(":server-certificate/cloudfront/web-2")
    assert renamed["server_certificate_id"] == body["server_certificate_id"]
    listed = admin.get(CERTS + "?path_prefix=/cloudfront/").json()["results"]
    assert [c["name"] for c in listed] == ["web-2"]
    assert admin.delete(CERTS + "web-2/").status_code == 204
    assert error(admin.get(CERTS + "web-2/")) == (404, "NoSuchEntity")


def test_the_private_key_is_never_returned_and_is_stored_encrypted(admin):
    admin.post(CERTS, _upload())
    key = private_key_pem("server")
    for response in (admin.get(CERTS), admin.get(CERTS + "web/")):
        assert "PRIVATE KEY" not in response.content.decode()
    stored = ServerCertificate.objects.get(name="web").private_key_encrypted
    assert "PRIVATE KEY" not in stored and decrypt(stored) == key.strip()


@pytest.mark.parametrize("changes, code", [
    ({"certificate_body": "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----"},
     "MalformedCertificate"),
    ({"private_key": "not a key"}, "MalformedCertificate"),
    ({"certificate_chain": "garbage"}, "MalformedCertificate"),
    ({"private_key": private_key_pem("other")}, "KeyPairMismatch"),
    ({"name": "bad name!"}, "InvalidInput"),
])
def test_a_bad_certificate_key_or_chain_is_refused_as_aws_does(admin, changes, code):
    response = admin.post(CERTS, _upload(**changes))
    assert error(response) == (400, code)
    assert not ServerCertificate.objects.exists()


def test_server_certificate_names_are_unique_and_the_account_quota_holds(admin):
    assert admin.post(CERTS, _upload()).status_code == 201
    assert error(admin.post(CERTS, _upload("WEB"))) == (409, "EntityAlreadyExists")
    with override_settings(IAM_QUOTA_SERVER_CERTIFICATES=1):
        response = admin.post(CERTS, _upload("other"))
    assert error(response) == (409, "LimitExceeded")
    assert "ServerCertificatesPerAccount: 1" in response.json()["message"]


# --- signing certificates ----------------------------------------------------------------

def test_signing_certificates_upload_deactivate_delete_and_at_most_two(admin, alice):
    url = USERS + "alice/signing-certificates/"
    first = admin.post(url, {"certificate_body": certificate_pem("a1", "a1")})
    assert first.status_code == 201, first.content
    cert_id = first.json()["certificate_id"]
    assert 24 <= len(cert_id) <= 128 and first.json()["status"] == "Active"
    assert admin.post(url, {"certificate_body": certificate_pem("a2", "a2")}).status_code == 201
    third = admin.post(url, {"certificate_body": certificate_pem("a3", "a3")})
    assert error(third) == (409, "LimitExceeded")
    assert admin.patch(f"{url}{cert_id}/", {"status": "Inactive"}).json()["status"] == "Inactive"
    assert admin.delete(f"{url}{cert_id}/").status_code == 204
    assert len(admin.get(url).json()["results"]) == 1


def test_a_signing_certificate_is_refused_twice_in_an_account_expired_or_malformed(
        admin, account, alice):
    user_create(account=account, name="bob")
    body = certificate_pem("shared", "shared")
    assert admin.post(USERS + "alice/signing-certificates/",
                      {"certificate_body": body}).status_code == 201
    assert error(admin.post(USERS + "bob/signing-certificates/", {"certificate_body": body})) \
        == (409, "DuplicateCertificate")
    expired = certificate_pem("old", "old", expired=True)
    assert error(admin.post(USERS + "bob/signing-certificates/",
                            {"certificate_body": expired})) == (400, "InvalidCertificate")
    assert error(admin.post(USERS + "bob/signing-certificates/",
                            {"certificate_body": "hello"})) == (400, "MalformedCertificate")


# --- SSH public keys ---------------------------------------------------------------------

def test_ssh_key_fingerprint_encodings_and_duplicates(admin, alice):
    url = USERS + "alice/ssh-public-keys/"
    openssh = ssh_public_key("alice")
    response = admin.post(url, {"ssh_public_key_body": openssh})
    assert response.status_code == 201, response.content
    key = response.json()
    blob = base64.b64decode(openssh.split()[1])
    digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    assert key["fingerprint"] == ":".join(digest[i:i + 2] for i in range(0, 32, 2))
    assert key["ssh_public_key_id"].startswith("APKA")
    pem = admin.get(f"{url}{key['ssh_public_key_id']}/?encoding=PEM").json()
    assert pem["ssh_public_key_body"].startswith("-----BEGIN PUBLIC KEY-----")
    ssh = admin.get(f"{url}{key['ssh_public_key_id']}/?encoding=SSH").json()
    assert ssh["ssh_public_key_body"] == openssh
    # The same key in PEM is the same key.
    again = admin.post(url, {"ssh_public_key_body": ssh_public_key("alice", pem=True)})
    assert error(again) == (400, "DuplicateSSHPublicKey")


@pytest.mark.parametrize("body, code", [
    (lambda: ssh_public_key("short", 1024), "InvalidPublicKey"),
    (lambda: "ssh-rsa AAAAnotakey", "InvalidPublicKey"),
    (lambda: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
     "UnrecognizedPublicKeyEncoding"),
    (lambda: "hello", "UnrecognizedPublicKeyEncoding"),
])
def test_a_short_or_unrecognized_ssh_key_is_refused(admin, alice, body, code):
    response = admin.post(USERS + "alice/ssh-public-keys/", {"ssh_public_key_body": body()})
    assert error(response) == (400, code)


def test_at_most_five_ssh_keys_per_user(admin, alice):
    url = USERS + "alice/ssh-public-keys/"
    for n in range(5):
        assert admin.post(url, {"ssh_public_key_body": ssh_public_key(f"k{n}")}).status_code \
            == 201
    assert error(admin.post(url, {"ssh_public_key_body": ssh_public_key("k5")})) \
        == (409, "LimitExceeded")


# --- service-specific credentials --------------------------------------------------------

def test_a_service_password_is_shown_once_hashed_at_rest_and_reset(admin, account, alice):
    url = USERS + "alice/service-specific-credentials/"
    created = admin.post(url, {"service_name": "codecommit.amazonaws.com"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["service_user_name"] == f"alice-at-{account.account_id}"
    assert body["service_specific_credential_id"].startswith("ACCA")
    password = body["service_password"]
    assert len(password) == 44
    listed = admin.get(url).json()["results"]
    assert "service_password" not in listed[0] and password not in str(listed)
    stored = ServiceSpecificCredential.objects.get()
    assert password not in stored.password_hash
    reset = admin.post(f"{url}{body['service_specific_credential_id']}/reset/").json()
    assert reset["service_password"] != password
    second = admin.post(url, {"service_name": "codecommit.amazonaws.com"}).json()
    assert second["service_user_name"] == f"alice+1-at-{account.account_id}"


def test_two_credentials_per_service_and_unsupported_services(admin, alice):
    url = USERS + "alice/service-specific-credentials/"
    for _ in range(2):
        assert admin.post(url, {"service_name": "codecommit.amazonaws.com"}).status_code == 201
    assert error(admin.post(url, {"service_name": "codecommit.amazonaws.com"})) \
        == (409, "LimitExceeded")
    assert admin.post(url, {"service_name": "cassandra.amazonaws.com"}).status_code == 201
    assert error(admin.post(url, {"service_name": "s3.amazonaws.com"})) \
        == (404, "NotSupportedService")
    listed = admin.get(url + "?service_name=cassandra.amazonaws.com").json()["results"]
    assert [c["service_name"] for c in listed] == ["cassandra.amazonaws.com"]


# --- DeleteUser --------------------------------------------------------------------------

def test_delete_user_refused_while_it_has_these_credentials_and_removes_them_on_request(
        admin, alice):
    admin.post(USERS + "alice/signing-certificates/",
               {"certificate_body": certificate_pem("del", "del")})
    admin.post(USERS + "alice/ssh-public-keys/", {"ssh_public_key_body": ssh_public_key("d")})
    admin.post(USERS + "alice/service-specific-credentials/",
               {"service_name": "codecommit.amazonaws.com"})
    refused = admin.delete(USERS + "alice/")
    assert error(refused) == (409, "DeleteConflict")
    types = {blocker["type"] for blocker in refused.json()["details"]}
    assert types == {"signing certificate", "SSH public key", "service-specific credential"}
    assert admin.delete(USERS + "alice/?with_dependents=true").status_code == 204
    assert error(admin.get(USERS + "alice/")) == (404, "NoSuchEntity")
