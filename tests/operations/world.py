"""One account holding one of everything the operations act on, named as the scenarios expect.

Every entity a scenario names exists here, with the dependents that make operations imply
others (alice has a console password, an access key, an MFA device, an inline and an
attached policy, a group and a permissions boundary), so that each operation's every
authorization is exercised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.demo.providers import saml_metadata
from accounts.models import (
    AccessKey,
    Account,
    IamUser,
    Role,
    ServiceSpecificCredential,
    SigningCertificate,
    SSHPublicKey,
)
from accounts.services import (
    access_key_create,
    group_add_user,
    group_create,
    instance_profile_create,
    login_profile_create,
    mfa_device_create_virtual,
    mfa_device_enable,
    oidc_provider_create,
    password_policy_update,
    role_create,
    role_delete,
    role_deletion_finish,
    role_deletion_start,
    saml_provider_create,
    server_certificate_upload,
    service_specific_credential_create,
    signing_certificate_upload,
    ssh_public_key_upload,
    tag_resource,
    user_create,
)
from policies.selectors import aws_managed_policy
from policies.services import (
    guard_rail_create,
    inline_policy_put,
    policy_attach,
    policy_create,
    policy_version_create,
    simulator_preset_save,
)
from tests.accounts.views_support import mfa_codes
from tests.certificates import certificate_pem, private_key_pem, ssh_public_key
from tests.helpers import USER_PASSWORD

ACCOUNT_ID = "111111111111"
PASSWORD = USER_PASSWORD


def arn(resource: str) -> str:
    """An ARN in the world's account: arn("user/alice")."""
    return f"arn:aws:iam::{ACCOUNT_ID}:{resource}"


DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}],
}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
}
ACCOUNT_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": arn("root")},
                   "Action": "sts:AssumeRole"}],
}
# What the scenarios name.
ALICE, BOB, DEVS, OPS, WEB, PROFILE = "alice", "bob", "devs", "ops", "web", "web-profile"
S3_LIST, BOUNDARY = arn("policy/s3-list"), arn("policy/boundary")
ALICE_MFA, SPARE_MFA = arn("mfa/alice-phone"), arn("mfa/spare")
ASSUMABLE, PRESET = "assumable", "bob-check"
# Access key IDs fixed, so that the scenarios can name them: alice's and the root user's.
ALICE_KEY, ROOT_KEY = "AKIAWORLDALICEKEY001", "AKIAWORLDROOTKEY0001"
# A role in the instance profile created with it (same name), and an empty profile.
BATCH, SPARE_PROFILE = "batch", "spare-profile"
UNUSED = arn("policy/unused")
# Identity providers: a SAML provider and an OpenID Connect provider, both tagged team=identity.
SAML, OIDC_HOST = "okta", "token.example.com"
# A service-linked role (with an inline policy its service removes when deleting it), and the
# deletion task of another one, deleted.
EB_SERVICE, SUPPORT_SERVICE = "elasticbeanstalk.amazonaws.com", "support.amazonaws.com"
LINKED, GONE = "AWSServiceRoleForElasticBeanstalk", "AWSServiceRoleForSupport"
LINKED_ARN = arn(f"role/aws-service-role/{EB_SERVICE}/{LINKED}")
GONE_ARN = arn(f"role/aws-service-role/{SUPPORT_SERVICE}/{GONE}")
# alice's signing certificate, SSH public key and CodeCommit credential; a server certificate.
ALICE_CERT, ALICE_SSH = "WORLDALICESIGNINGCERT0001", "APKAWORLDALICESSHKEY1"
ALICE_CREDENTIAL, WEB_CERT = "ACCAWORLDALICECRED001", "web-cert"
CODECOMMIT = "codecommit.amazonaws.com"


@dataclass
class World:
    """The built entities, for scenarios that need an ID only known once created."""

    account: Account
    admin: IamUser
    admin_key: Any
    alice_key_id: str
    preset_id: int = 0
    rail_id: int = 0  # a guard rail about bob
    s3_list_id: str = ""  # the REST API names a policy by its ID: {s3_list_id} in a path
    boundary_id: str = ""
    unused_id: str = ""  # a policy nothing uses
    deletion_task_id: str = ""  # the deletion task of a service-linked role, ended


def build_world(account: Account) -> World:
    """Fill `account` (ID 111111111111) with the scenarios' entities and an administrator."""
    assert account.account_id == ACCOUNT_ID
    s3_list = policy_create(account=account, name="s3-list", policy_document=DOCUMENT,
                            tags={"team": "platform"})
    policy_version_create(policy=s3_list, policy_document=DOCUMENT)
    boundary = policy_create(account=account, name="boundary", policy_document=DOCUMENT)

    alice = user_create(account=account, name=ALICE, tags={"team": "platform"},
                        permissions_boundary=boundary)
    login_profile_create(user=alice, password=PASSWORD)
    key = access_key_create(user=alice).access_key
    AccessKey.objects.filter(pk=key.pk).update(access_key_id=ALICE_KEY)
    root_key = access_key_create(account=account).access_key
    AccessKey.objects.filter(pk=root_key.pk).update(access_key_id=ROOT_KEY)
    device = mfa_device_create_virtual(account=account, name="alice-phone").device
    mfa_device_enable(device=device, user=alice, **dict(zip(
        ("authentication_code_1", "authentication_code_2"), mfa_codes(device), strict=True)))
    mfa_device_create_virtual(account=account, name="spare")
    inline_policy_put(entity=alice, name="alice-inline", policy_document=DOCUMENT)
    cert = signing_certificate_upload(user=alice, certificate_body=certificate_pem("alice"))
    SigningCertificate.objects.filter(pk=cert.pk).update(certificate_id=ALICE_CERT)
    ssh = ssh_public_key_upload(user=alice, ssh_public_key_body=ssh_public_key("alice"))
    SSHPublicKey.objects.filter(pk=ssh.pk).update(ssh_public_key_id=ALICE_SSH)
    credential = service_specific_credential_create(user=alice, service_name=CODECOMMIT)
    ServiceSpecificCredential.objects.filter(pk=credential.credential.pk).update(
        service_specific_credential_id=ALICE_CREDENTIAL)
    server_certificate_upload(account=account, name=WEB_CERT, tags={"team": "web"},
                              certificate_body=certificate_pem("web.example.com"),
                              private_key=private_key_pem("server"))
    policy_attach(policy=s3_list, entity=alice)
    user_create(account=account, name=BOB)

    devs = group_create(account=account, name=DEVS)
    group_add_user(group=devs, user=alice)
    inline_policy_put(entity=devs, name="devs-inline", policy_document=DOCUMENT)
    policy_attach(policy=s3_list, entity=devs)
    group_create(account=account, name=OPS)

    web = role_create(account=account, name=WEB, trust_policy=TRUST, tags={"team": "web"},
                      permissions_boundary=boundary)
    inline_policy_put(entity=web, name="web-inline", policy_document=DOCUMENT)
    policy_attach(policy=s3_list, entity=web)
    profile = instance_profile_create(account=account, name=PROFILE, role=web)
    tag_resource(resource=profile, tags={"team": "web"})
    batch = role_create(account=account, name=BATCH, trust_policy=TRUST)
    instance_profile_create(account=account, name=BATCH, role=batch)
    instance_profile_create(account=account, name=SPARE_PROFILE)
    password_policy_update(account=account, minimum_password_length=10)

    admin = user_create(account=account, name="admin")
    login_profile_create(user=admin, password=PASSWORD)
    policy_attach(policy=aws_managed_policy("AdministratorAccess"), entity=admin)
    admin_key = access_key_create(user=admin)
    # A role the account's users may switch to, and a simulator preset simulating bob.
    role_create(account=account, name=ASSUMABLE, trust_policy=ACCOUNT_TRUST)
    preset = simulator_preset_save(account=account, name=PRESET, description="", simulation={
        "mode": "principal", "policy_source_arn": arn("user/bob"),
        "action_names": ["s3:GetObject"]})
    rail = guard_rail_create(account=account, name="bob-no-users", subject=arn("user/bob"),
                             action="iam:CreateUser", expected="denied", mode="warn")
    unused = policy_create(account=account, name="unused", policy_document=DOCUMENT)
    saml_provider_create(account=account, name=SAML, metadata_document=saml_metadata(),
                         tags={"team": "identity"})
    oidc_provider_create(account=account, url=f"https://{OIDC_HOST}", client_ids=["web-app"],
                         thumbprints=["a" * 40], tags={"team": "identity"})
    return World(account, admin, admin_key, ALICE_KEY, preset_id=preset.pk, rail_id=rail.pk,
                 s3_list_id=s3_list.unique_id, boundary_id=boundary.unique_id,
                 unused_id=unused.unique_id, deletion_task_id=_service_linked_roles(account))


def _service_linked_roles(account: Account) -> str:
    """The service-linked role LINKED, and GONE's deletion task (its ID)."""
    for name, service in ((LINKED, EB_SERVICE), (GONE, SUPPORT_SERVICE)):
        role = role_create(account=account, name=name, service_linked=True,
                           path=f"/aws-service-role/{service}/",
                           trust_policy={**TRUST, "Statement": [{
                               **TRUST["Statement"][0], "Principal": {"Service": service}}]})
    inline_policy_put(entity=Role.objects.get(account=account, name=LINKED),
                      name="linked-inline", policy_document=DOCUMENT)
    task = role_deletion_start(role=role)
    role_delete(role=role)
    return role_deletion_finish(task=task).task_id
