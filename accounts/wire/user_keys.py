"""Wire actions on IAM users' SSH public keys (for CodeCommit) and service-specific
credentials (the password only in Create/ResetServiceSpecificCredential's answer)."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page
from iamconsole.wire.protocol import WireError

from ..operations.user_keys import (
    CreateServiceSpecificCredential,
    DeleteServiceSpecificCredential,
    DeleteSSHPublicKey,
    GetSSHPublicKey,
    ListServiceSpecificCredentials,
    ListSSHPublicKeys,
    ResetServiceSpecificCredential,
    UpdateServiceSpecificCredential,
    UpdateSSHPublicKey,
    UploadSSHPublicKey,
)
from . import key_shapes


@action("UploadSSHPublicKey")
def upload_ssh_public_key(call: WireCall) -> dict[str, Any]:
    key = call.run(UploadSSHPublicKey, user_name=call.get("UserName"),
                   ssh_public_key_body=call.get("SSHPublicKeyBody"))
    return {"SSHPublicKey": key_shapes.ssh_public_key(key)}


@action("GetSSHPublicKey")
def get_ssh_public_key(call: WireCall) -> dict[str, Any]:
    encoded = call.run(GetSSHPublicKey, user_name=call.get("UserName"),
                       ssh_public_key_id=call.get("SSHPublicKeyId"),
                       encoding=call.get("Encoding"))
    return {"SSHPublicKey": key_shapes.encoded_ssh_public_key(encoded)}


@action("ListSSHPublicKeys")
def list_ssh_public_keys(call: WireCall) -> dict[str, Any]:
    keys = call.run(ListSSHPublicKeys, user_name=call.get("UserName"))
    return page(call, keys, "SSHPublicKeys", key_shapes.ssh_public_key_metadata)


_KEY = {"user_name": "UserName", "ssh_public_key_id": "SSHPublicKeyId"}
forward("UpdateSSHPublicKey", UpdateSSHPublicKey, **_KEY, status="Status")
forward("DeleteSSHPublicKey", DeleteSSHPublicKey, **_KEY)


@action("CreateServiceSpecificCredential")
def create_service_specific_credential(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateServiceSpecificCredential, user_name=call.get("UserName"),
                       service_name=call.get("ServiceName"),
                       credential_age_days=call.get("CredentialAgeDays"))
    return {"ServiceSpecificCredential": key_shapes.created_service_specific_credential(created)}


@action("ListServiceSpecificCredentials")
def list_service_specific_credentials(call: WireCall) -> dict[str, Any]:
    if call.get("AllUsers"):
        raise WireError("InvalidInput", "AllUsers is not supported here: list the "
                        "credentials of one user at a time (UserName).")
    credentials = call.run(ListServiceSpecificCredentials, user_name=call.get("UserName"),
                           service_name=call.get("ServiceName"))
    return page(call, credentials, "ServiceSpecificCredentials",
                key_shapes.service_specific_credential)


_CREDENTIAL = {"user_name": "UserName",
               "service_specific_credential_id": "ServiceSpecificCredentialId"}
forward("UpdateServiceSpecificCredential", UpdateServiceSpecificCredential, **_CREDENTIAL,
        status="Status")
forward("DeleteServiceSpecificCredential", DeleteServiceSpecificCredential, **_CREDENTIAL)


@action("ResetServiceSpecificCredential")
def reset_service_specific_credential(call: WireCall) -> dict[str, Any]:
    created = call.run(ResetServiceSpecificCredential, user_name=call.get("UserName"),
                       service_specific_credential_id=call.get("ServiceSpecificCredentialId"))
    return {"ServiceSpecificCredential": key_shapes.created_service_specific_credential(created)}
