"""Fixtures of the API tests: callers that authenticate with access keys as HTTP Basic."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from accounts.demo.providers import saml_metadata
from accounts.operations.access_advisor import GenerateServiceLastAccessedDetails
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
from iamconsole.operations.caller import root_caller
from policies.services import (
    guard_rail_create,
    inline_policy_put,
    policy_attach,
    policy_create,
    policy_version_create,
)
from tests.accounts.views_support import mfa_codes
from tests.api.helpers import DOCUMENT, LINKED_ROLE, Api, user_with_key
from tests.api.organizations_support import admin_caller, assumed_api, build_organization
from tests.certificates import certificate_pem, private_key_pem, ssh_public_key
from tests.documents import EC2_TRUST


@pytest.fixture
def admin(account):
    """An IAM user with AdministratorAccess calling with its access key."""
    _, created = user_with_key(account, "admin", "AdministratorAccess")
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def root_api(account):
    """The account's root user calling with a root access key."""
    created = access_key_create(account=account)
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def nobody(account):
    """An IAM user without any policy: every operation is denied to it."""
    _, created = user_with_key(account, "nobody")
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def reader(account):
    """An IAM user with IAMReadOnlyAccess: it may read everything and change nothing."""
    _, created = user_with_key(account, "reader", "IAMReadOnlyAccess")
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def other_root(other_account):
    """The root user of ANOTHER account (it sees none of `account`'s entities)."""
    created = access_key_create(account=other_account)
    return Api(created.access_key.access_key_id, created.secret_access_key)


@pytest.fixture
def anonymous():
    """A caller without credentials."""
    return Api()


@pytest.fixture
def owners(account):
    """The user alice, the group devs and the role web: owners of policies in `account`."""
    user_create(account=account, name="alice")
    group_create(account=account, name="devs")
    role_create(account=account, name="web", trust_policy=EC2_TRUST)


@pytest.fixture
def world(account):
    """One of every entity in `account`, named as the path parameters of `fill_path` expect."""
    alice = user_create(account=account, name="alice")
    tag_resource(resource=alice, tags={"team": "platform"})
    group = group_create(account=account, name="devs")
    group_add_user(group=group, user=alice)
    role = role_create(account=account, name="web", trust_policy=EC2_TRUST)
    profile = instance_profile_create(account=account, name="web-profile", role=role)
    policy = policy_create(account=account, name="s3-list", policy_document=DOCUMENT)
    policy_version_create(policy=policy, policy_document=DOCUMENT)
    for entity in (alice, group, role):
        inline_policy_put(entity=entity, name="inline1", policy_document=DOCUMENT)
        policy_attach(policy=policy, entity=entity)
    key = access_key_create(user=alice)
    device = mfa_device_create_virtual(account=account, name="phone")
    code_1, code_2 = mfa_codes(device.device)
    mfa_device_enable(device=device.device, user=alice, authentication_code_1=code_1,
                      authentication_code_2=code_2)
    login_profile_create(user=alice, password="Example-Passw0rd!")
    password_policy_update(account=account, minimum_password_length=10)
    saml_provider_create(account=account, name="okta", metadata_document=saml_metadata())
    oidc_provider_create(account=account, url="https://token.example.com",
                         client_ids=["web-app"])
    # A service-linked role, and the deletion task of another one.
    for name, service in ((LINKED_ROLE, "elasticbeanstalk.amazonaws.com"),
                          ("AWSServiceRoleForSupport", "support.amazonaws.com")):
        linked = role_create(account=account, name=name, trust_policy=EC2_TRUST,
                             path=f"/aws-service-role/{service}/", service_linked=True)
    task = role_deletion_start(role=linked)
    role_delete(role=linked)
    server_certificate_upload(account=account, name="web-cert",
                              certificate_body=certificate_pem("web.example.com"),
                              private_key=private_key_pem("server"))
    ssh = ssh_public_key_upload(user=alice, ssh_public_key_body=ssh_public_key("alice"))
    cert = signing_certificate_upload(user=alice, certificate_body=certificate_pem("alice"))
    credential = service_specific_credential_create(user=alice,
                                                    service_name="codecommit.amazonaws.com")
    # A last-accessed report's job on the group (its ID is its trail event's).
    job = root_caller(account).run(GenerateServiceLastAccessedDetails, arn=group.arn)
    rail = guard_rail_create(account=account, name="alice-no-users", subject=alice.arn,
                             action="iam:CreateUser", expected="denied")
    return SimpleNamespace(
        rail=rail, alice=alice, group=group, role=role, profile=profile, policy=policy,
        job_id=job["JobId"],
        key=key.access_key, device=device.device, ssh_key=ssh, certificate=cert,
        credential=credential.credential,
        deletion_task_id=role_deletion_finish(task=task).task_id,
    )


@pytest.fixture
def organization(admin, account):
    """`account` manages an organization (SCPs enabled) with an OU Workloads holding a
    created account; their IDs."""
    return build_organization(admin_caller(account))


@pytest.fixture
def member_admin(organization, account):
    """The management account's administrator in the member account, through
    OrganizationAccountAccessRole (temporary credentials)."""
    return assumed_api(admin_caller(account), organization["member_id"])
