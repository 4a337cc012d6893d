"""A user's SSH public keys, service-specific credentials and X.509 signing certificates on
the Security credentials tab; the credential report's certificate columns."""

from __future__ import annotations

import pytest

from accounts.credential_report import credential_report_rows
from accounts.models import ServiceSpecificCredential, SigningCertificate, SSHPublicKey
from accounts.services import (
    service_specific_credential_check,
    service_specific_credential_create,
    signing_certificate_upload,
    ssh_public_key_upload,
)
from tests.certificates import certificate_pem, ssh_public_key

pytestmark = pytest.mark.django_db
BASE = "/users/details/alice/"
TAB = BASE + "?tab=security_credentials"


def test_the_tab_shows_aws_sections_with_each_credential(root_client, alice):
    key = ssh_public_key_upload(user=alice, ssh_public_key_body=ssh_public_key("tab"))
    cert = signing_certificate_upload(user=alice, certificate_body=certificate_pem("tab", "tab"))
    git = service_specific_credential_create(user=alice,
                                             service_name="codecommit.amazonaws.com")
    page = root_client.get(TAB).content.decode()
    for text in ("SSH public keys for AWS CodeCommit", "HTTPS Git credentials for AWS CodeCommit",
                 "Credentials for Amazon Keyspaces (for Apache Cassandra)",
                 "X.509 signing certificates", key.ssh_public_key_id, key.fingerprint,
                 cert.certificate_id, git.credential.service_user_name):
        assert text in page
    assert git.service_password not in page


def test_upload_an_ssh_key_and_see_a_short_key_refused_beside_the_field(root_client, alice):
    response = root_client.post(BASE + "ssh-public-keys/upload/",
                                {"ssh_public_key_body": ssh_public_key("weak", 1024)})
    assert response.status_code == 400
    assert "the minimum is 2048" in response.content.decode()
    response = root_client.post(BASE + "ssh-public-keys/upload/",
                                {"ssh_public_key_body": ssh_public_key("good")})
    assert response.status_code == 302
    key = SSHPublicKey.objects.get(user=alice)
    root_client.post(BASE + f"ssh-public-keys/{key.ssh_public_key_id}/status/",
                     {"status": "Inactive"})
    key.refresh_from_db()
    assert not key.is_active
    root_client.post(BASE + f"ssh-public-keys/{key.ssh_public_key_id}/delete/")
    assert not SSHPublicKey.objects.exists()


def test_a_generated_password_is_shown_once_and_never_on_reload(root_client, alice):
    response = root_client.post(BASE + "service-credentials/create/",
                                {"service_name": "codecommit.amazonaws.com"})
    assert response.status_code == 302
    shown = root_client.get(response["Location"])
    assert shown["Cache-Control"] == "no-store"
    credential = ServiceSpecificCredential.objects.get(user=alice)
    page = shown.content.decode()
    password = page.split('data-secret>', 1)[1].split("<", 1)[0]
    assert service_specific_credential_check(credential=credential, password=password)
    again = root_client.get(response["Location"]).content.decode()
    assert password not in again and "shown once" in again
    # Resetting gives a new one, once.
    reset = root_client.post(
        BASE + f"service-credentials/{credential.service_specific_credential_id}/reset/")
    new_page = root_client.get(reset["Location"]).content.decode()
    new_password = new_page.split('data-secret>', 1)[1].split("<", 1)[0]
    credential.refresh_from_db()
    assert new_password != password
    assert service_specific_credential_check(credential=credential, password=new_password)


def test_the_delete_page_lists_these_credentials_and_deletes_them_with_the_user(
        root_client, alice):
    ssh_public_key_upload(user=alice, ssh_public_key_body=ssh_public_key("gone"))
    signing_certificate_upload(user=alice, certificate_body=certificate_pem("gone", "gone"))
    service_specific_credential_create(user=alice, service_name="cassandra.amazonaws.com")
    page = root_client.get(BASE + "delete/").content.decode()
    for blocker in ("Signing certificate:", "SSH public key:", "Service-specific credential:"):
        assert blocker in page
    assert root_client.post(BASE + "delete/", {"confirm": "alice"}).status_code == 302
    assert not SigningCertificate.objects.exists() and not SSHPublicKey.objects.exists()
    assert not ServiceSpecificCredential.objects.exists()


def test_the_credential_report_fills_the_certificate_columns(account, alice):
    first = signing_certificate_upload(user=alice, certificate_body=certificate_pem("r1", "r1"))
    signing_certificate_upload(user=alice, certificate_body=certificate_pem("r2", "r2"))
    SigningCertificate.objects.filter(pk=first.pk).update(status="Inactive")
    row = next(r for r in credential_report_rows(account) if r["user"] == "alice")
    assert row["cert_1_active"] == "false" and row["cert_2_active"] == "true"
    assert row["cert_1_last_rotated"].startswith(str(first.upload_date.year))
    root = credential_report_rows(account)[0]
    assert root["cert_1_active"] == "false" and root["cert_1_last_rotated"] == "N/A"
