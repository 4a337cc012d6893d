"""SSH public keys and service-specific credentials over AWS's wire API, driven by boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.certificates import ssh_public_key

from .conftest import WIRE_ACCOUNT
from .test_mfa import error


def test_an_ssh_public_key_is_uploaded_read_listed_deactivated_and_deleted(iam):
    iam.create_user(UserName="wire-git")
    body = ssh_public_key("wire-git")
    uploaded = iam.upload_ssh_public_key(UserName="wire-git",
                                         SSHPublicKeyBody=body)["SSHPublicKey"]
    key_id = uploaded["SSHPublicKeyId"]
    assert key_id.startswith("APKA") and len(key_id) == 20
    assert (uploaded["UserName"], uploaded["Status"]) == ("wire-git", "Active")
    assert uploaded["SSHPublicKeyBody"] == body and uploaded["Fingerprint"].count(":") == 15

    got = iam.get_ssh_public_key(UserName="wire-git", SSHPublicKeyId=key_id,
                                 Encoding="SSH")["SSHPublicKey"]
    assert got == uploaded
    pem = iam.get_ssh_public_key(UserName="wire-git", SSHPublicKeyId=key_id,
                                 Encoding="PEM")["SSHPublicKey"]["SSHPublicKeyBody"]
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    listed = iam.list_ssh_public_keys(UserName="wire-git")["SSHPublicKeys"]
    assert listed == [{key: uploaded[key] for key in
                       ("UserName", "SSHPublicKeyId", "Status", "UploadDate")}]

    with pytest.raises(ClientError) as caught:
        iam.upload_ssh_public_key(UserName="wire-git", SSHPublicKeyBody=body)
    assert error(caught) == ("DuplicateSSHPublicKey", 400)
    iam.update_ssh_public_key(UserName="wire-git", SSHPublicKeyId=key_id, Status="Inactive")
    assert iam.list_ssh_public_keys(UserName="wire-git")["SSHPublicKeys"][0]["Status"] == (
        "Inactive")
    iam.delete_ssh_public_key(UserName="wire-git", SSHPublicKeyId=key_id)
    with pytest.raises(ClientError) as caught:
        iam.get_ssh_public_key(UserName="wire-git", SSHPublicKeyId=key_id, Encoding="SSH")
    assert error(caught) == ("NoSuchEntity", 404)


def test_an_ssh_public_key_of_an_unknown_user_or_in_no_format_is_refused(iam):
    with pytest.raises(ClientError) as caught:
        iam.upload_ssh_public_key(UserName="wire-nobody", SSHPublicKeyBody=ssh_public_key("x"))
    assert error(caught) == ("NoSuchEntity", 404)
    iam.create_user(UserName="wire-git-bad")
    with pytest.raises(ClientError) as caught:
        iam.upload_ssh_public_key(UserName="wire-git-bad", SSHPublicKeyBody="ssh-rsa nonsense")
    assert error(caught) == ("InvalidPublicKey", 400)


def test_a_service_specific_credential_shows_its_password_on_create_and_reset_only(iam):
    iam.create_user(UserName="wire-coder")
    created = iam.create_service_specific_credential(
        UserName="wire-coder", ServiceName="codecommit.amazonaws.com",
    )["ServiceSpecificCredential"]
    credential_id = created["ServiceSpecificCredentialId"]
    assert created["ServiceUserName"] == f"wire-coder-at-{WIRE_ACCOUNT}"
    assert len(created["ServicePassword"]) == 44 and created["Status"] == "Active"
    listed = iam.list_service_specific_credentials(UserName="wire-coder")
    [row] = listed["ServiceSpecificCredentials"]
    assert row == {key: value for key, value in created.items() if key != "ServicePassword"}

    reset = iam.reset_service_specific_credential(
        UserName="wire-coder", ServiceSpecificCredentialId=credential_id,
    )["ServiceSpecificCredential"]
    assert reset["ServicePassword"] != created["ServicePassword"]
    iam.update_service_specific_credential(UserName="wire-coder", Status="Inactive",
                                           ServiceSpecificCredentialId=credential_id)
    iam.create_service_specific_credential(UserName="wire-coder",
                                           ServiceName="codecommit.amazonaws.com")
    with pytest.raises(ClientError) as caught:
        iam.create_service_specific_credential(UserName="wire-coder",
                                               ServiceName="codecommit.amazonaws.com")
    assert error(caught) == ("LimitExceeded", 409)
    statuses = [c["Status"] for c in iam.list_service_specific_credentials(
        UserName="wire-coder", ServiceName="codecommit.amazonaws.com",
    )["ServiceSpecificCredentials"]]
    assert sorted(statuses) == ["Active", "Inactive"]

    iam.delete_service_specific_credential(UserName="wire-coder",
                                           ServiceSpecificCredentialId=credential_id)
    with pytest.raises(ClientError) as caught:
        iam.reset_service_specific_credential(UserName="wire-coder",
                                              ServiceSpecificCredentialId=credential_id)
    assert error(caught) == ("NoSuchEntity", 404)


def test_a_service_without_credentials_is_refused(iam):
    iam.create_user(UserName="wire-coder-2")
    with pytest.raises(ClientError) as caught:
        iam.create_service_specific_credential(UserName="wire-coder-2",
                                               ServiceName="s3.amazonaws.com")
    assert error(caught) == ("NotSupportedService", 404)


def test_a_user_without_permissions_cannot_upload_its_own_ssh_key(make_user):
    client, _ = make_user("wire-git-denied")
    with pytest.raises(ClientError) as caught:
        client.upload_ssh_public_key(UserName="wire-git-denied",
                                     SSHPublicKeyBody=ssh_public_key("wire-git-denied"))
    assert error(caught) == ("AccessDenied", 403)


def test_listing_every_users_credentials_at_once_is_refused_rather_than_narrowed(iam):
    with pytest.raises(ClientError) as caught:
        iam.list_service_specific_credentials(AllUsers=True)
    assert error(caught) == ("InvalidInput", 400)
