"""Server certificates (REST only, as AWS's console has no page for them), and users' signing
certificates, SSH public keys and service-specific credentials (console and REST)."""

from __future__ import annotations

from tests.certificates import certificate_pem, private_key_pem, ssh_public_key

from ..harness import Call, Scenario, req
from ..world import ALICE_CERT, ALICE_CREDENTIAL, ALICE_SSH, BOUNDARY, CODECOMMIT, arn
from .credentials import TAB, tab_reads

ALICE, BOB = arn("user/alice"), arn("user/bob")
WEB_CERT, NEW_CERT = arn("server-certificate/web-cert"), arn("server-certificate/new-cert")
ON_ALICE = {"iam:PermissionsBoundary": BOUNDARY}
SERVICE = {"iam:ServiceSpecificCredentialServiceName": CODECOMMIT}
TAGS = {"aws:RequestTag/team": "web", "aws:TagKeys": ["team"]}
CONSOLE, API = "/users/details/", "/api/v1/users/"


def on_alice(action: str, **context: object) -> object:
    return req(action, ALICE, {**ON_ALICE, **context})


def upload(tags: dict[str, str] | None = None) -> dict[str, object]:
    body: dict[str, object] = {"name": "new-cert",
                               "certificate_body": certificate_pem("new.example.com"),
                               "private_key": private_key_pem("server")}
    return {**body, "tags": tags} if tags else body


SCENARIOS = [
    # -- server certificates --------------------------------------------------------------
    Scenario("ListServerCertificates", (req("iam:ListServerCertificates", "*"),),
             api=Call("get", "/api/v1/server-certificates/")),
    Scenario("UploadServerCertificate", (req("iam:UploadServerCertificate", NEW_CERT),),
             api=Call("post", "/api/v1/server-certificates/", upload())),
    Scenario("UploadServerCertificate", label="tags",
             requires=(req("iam:UploadServerCertificate", NEW_CERT, TAGS),
                       req("iam:TagServerCertificate", NEW_CERT, TAGS)),
             api=Call("post", "/api/v1/server-certificates/", upload({"team": "web"}))),
    Scenario("GetServerCertificate", (req("iam:GetServerCertificate", WEB_CERT),),
             api=Call("get", "/api/v1/server-certificates/web-cert/")),
    Scenario("UpdateServerCertificate",
             (req("iam:UpdateServerCertificate", WEB_CERT),
              req("iam:UpdateServerCertificate", arn("server-certificate/edge/web-cert-2"))),
             api=Call("patch", "/api/v1/server-certificates/web-cert/",
                      {"name": "web-cert-2", "path": "/edge/"})),
    Scenario("DeleteServerCertificate", (req("iam:DeleteServerCertificate", WEB_CERT),),
             api=Call("delete", "/api/v1/server-certificates/web-cert/")),
    # -- signing certificates -------------------------------------------------------------
    Scenario("ListSigningCertificates", (on_alice("iam:ListSigningCertificates"),),
             console=Call("get", CONSOLE + "alice/", TAB),
             api=Call("get", API + "alice/signing-certificates/"),
             console_also=tab_reads("iam:ListSigningCertificates")),
    Scenario("UploadSigningCertificate", (req("iam:UploadSigningCertificate", BOB),),
             console=Call("post", CONSOLE + "bob/signing-certificates/upload/",
                          {"certificate_body": certificate_pem("bob", "bob")}),
             api=Call("post", API + "bob/signing-certificates/",
                      {"certificate_body": certificate_pem("bob", "bob")})),
    Scenario("UpdateSigningCertificate", (on_alice("iam:UpdateSigningCertificate"),),
             console=Call("post", f"{CONSOLE}alice/signing-certificates/{ALICE_CERT}/status/",
                          {"status": "Inactive"}),
             api=Call("patch", f"{API}alice/signing-certificates/{ALICE_CERT}/",
                      {"status": "Inactive"})),
    Scenario("DeleteSigningCertificate", (on_alice("iam:DeleteSigningCertificate"),),
             console=Call("post", f"{CONSOLE}alice/signing-certificates/{ALICE_CERT}/delete/"),
             api=Call("delete", f"{API}alice/signing-certificates/{ALICE_CERT}/")),
    # -- SSH public keys ------------------------------------------------------------------
    Scenario("ListSSHPublicKeys", (on_alice("iam:ListSSHPublicKeys"),),
             console=Call("get", CONSOLE + "alice/", TAB),
             api=Call("get", API + "alice/ssh-public-keys/"),
             console_also=tab_reads("iam:ListSSHPublicKeys")),
    Scenario("UploadSSHPublicKey", (req("iam:UploadSSHPublicKey", BOB),),
             console=Call("post", CONSOLE + "bob/ssh-public-keys/upload/",
                          {"ssh_public_key_body": ssh_public_key("bob")}),
             api=Call("post", API + "bob/ssh-public-keys/",
                      {"ssh_public_key_body": ssh_public_key("bob")})),
    Scenario("GetSSHPublicKey", (on_alice("iam:GetSSHPublicKey"),),
             api=Call("get", f"{API}alice/ssh-public-keys/{ALICE_SSH}/?encoding=PEM")),
    Scenario("UpdateSSHPublicKey", (on_alice("iam:UpdateSSHPublicKey"),),
             console=Call("post", f"{CONSOLE}alice/ssh-public-keys/{ALICE_SSH}/status/",
                          {"status": "Inactive"}),
             api=Call("patch", f"{API}alice/ssh-public-keys/{ALICE_SSH}/",
                      {"status": "Inactive"})),
    Scenario("DeleteSSHPublicKey", (on_alice("iam:DeleteSSHPublicKey"),),
             console=Call("post", f"{CONSOLE}alice/ssh-public-keys/{ALICE_SSH}/delete/"),
             api=Call("delete", f"{API}alice/ssh-public-keys/{ALICE_SSH}/")),
    # -- service-specific credentials -----------------------------------------------------
    Scenario("ListServiceSpecificCredentials",
             (on_alice("iam:ListServiceSpecificCredentials"),),
             console=Call("get", CONSOLE + "alice/", TAB),
             api=Call("get", API + "alice/service-specific-credentials/"),
             console_also=tab_reads("iam:ListServiceSpecificCredentials")),
    Scenario("CreateServiceSpecificCredential",
             (req("iam:CreateServiceSpecificCredential", BOB, SERVICE),),
             console=Call("post", CONSOLE + "bob/service-credentials/create/",
                          {"service_name": CODECOMMIT}),
             api=Call("post", API + "bob/service-specific-credentials/",
                      {"service_name": CODECOMMIT})),
    Scenario("UpdateServiceSpecificCredential",
             (on_alice("iam:UpdateServiceSpecificCredential", **SERVICE),),
             console=Call("post",
                          f"{CONSOLE}alice/service-credentials/{ALICE_CREDENTIAL}/status/",
                          {"status": "Inactive"}),
             api=Call("patch", f"{API}alice/service-specific-credentials/{ALICE_CREDENTIAL}/",
                      {"status": "Inactive"})),
    Scenario("ResetServiceSpecificCredential",
             (on_alice("iam:ResetServiceSpecificCredential", **SERVICE),),
             console=Call("post",
                          f"{CONSOLE}alice/service-credentials/{ALICE_CREDENTIAL}/reset/"),
             api=Call("post",
                      f"{API}alice/service-specific-credentials/{ALICE_CREDENTIAL}/reset/")),
    Scenario("DeleteServiceSpecificCredential",
             (on_alice("iam:DeleteServiceSpecificCredential", **SERVICE),),
             console=Call("post",
                          f"{CONSOLE}alice/service-credentials/{ALICE_CREDENTIAL}/delete/"),
             api=Call("delete",
                      f"{API}alice/service-specific-credentials/{ALICE_CREDENTIAL}/")),
]
