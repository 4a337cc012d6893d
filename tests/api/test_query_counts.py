"""Every list endpoint runs the same bounded number of SQL queries for 5 rows and for 500."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import (
    AccessKey,
    GroupMembership,
    IamGroup,
    IamUser,
    InstanceProfile,
    MfaDevice,
    Role,
    ServerCertificate,
    ServiceSpecificCredential,
    SigningCertificate,
    SSHPublicKey,
)
from accounts.services import group_create, role_create, user_create
from policies.models import InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion
from policies.services import policy_create
from tests.api.helpers import DOCUMENT
from tests.documents import EC2_TRUST
from tests.factories import (
    AccessKeyFactory,
    IamGroupFactory,
    IamUserFactory,
    InlinePolicyFactory,
    InstanceProfileFactory,
    ManagedPolicyFactory,
    MfaDeviceFactory,
    RoleFactory,
)
from tests.helpers import TRAIL_QUERIES

pytestmark = pytest.mark.django_db


def _users(account, n, prefix="u"):
    return IamUser.objects.bulk_create(
        [IamUserFactory.build(account=account, name=f"{prefix}{i:04}") for i in range(n)]
    )


def _groups(account, n):
    return IamGroup.objects.bulk_create(
        [IamGroupFactory.build(account=account, name=f"g{i:04}") for i in range(n)]
    )


def _policies(account, n):
    policies = ManagedPolicy.objects.bulk_create(
        [ManagedPolicyFactory.build(account=account, name=f"p{i:04}") for i in range(n)]
    )
    PolicyVersion.objects.bulk_create([
        PolicyVersion(policy=p, number=1, document_text=json.dumps(DOCUMENT), document=DOCUMENT,
                      is_default=True) for p in policies
    ])
    return policies


def _attach(policies, **owner):
    entity = next(iter(owner.values()))
    PolicyAttachment.objects.bulk_create(
        [PolicyAttachment(account=entity.account, policy=p, **owner) for p in policies]
    )


def _inline(n, **owner):
    InlinePolicy.objects.bulk_create(
        [InlinePolicyFactory.build(name=f"i{i:04}", **{"user": None, **owner})
         for i in range(n)]
    )


def seed_users(ctx, n):
    _users(ctx.account, n)


def seed_groups(ctx, n):
    _groups(ctx.account, n)


def seed_roles(ctx, n):
    Role.objects.bulk_create(
        [RoleFactory.build(account=ctx.account, name=f"r{i:04}") for i in range(n)]
    )


def seed_profiles(ctx, n):
    InstanceProfile.objects.bulk_create([
        InstanceProfileFactory.build(account=ctx.account, name=f"ip{i:04}", role=ctx.role)
        for i in range(n)
    ])


def seed_devices(ctx, n):
    MfaDevice.objects.bulk_create([
        MfaDeviceFactory.build(account=ctx.account, name=f"d{i:04}", user=ctx.alice)
        for i in range(n)
    ])


def seed_policies(ctx, n):
    _policies(ctx.account, n)


def seed_user_groups(ctx, n):
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=g, user=ctx.alice) for g in _groups(ctx.account, n)]
    )


def seed_members(ctx, n):
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=ctx.group, user=u) for u in _users(ctx.account, n)]
    )


def seed_attached(field, attr):
    def seed(ctx, n):
        _attach(_policies(ctx.account, n), **{field: getattr(ctx, attr)})
    return seed


def seed_inline(field, attr):
    def seed(ctx, n):
        _inline(n, **{field: getattr(ctx, attr)})
    return seed


def seed_keys(ctx, n):
    AccessKey.objects.bulk_create(
        [AccessKeyFactory.build(user=ctx.alice, account=ctx.account) for _ in range(n)]
    )


def seed_versions(ctx, n):
    PolicyVersion.objects.bulk_create([
        PolicyVersion(policy=ctx.policy, number=i + 2, document_text="{}", document={})
        for i in range(n)
    ])


def seed_entities(ctx, n):
    PolicyAttachment.objects.bulk_create([
        PolicyAttachment(account=ctx.account, policy=ctx.policy, user=u)
        for u in _users(ctx.account, n, prefix="e")
    ])


def seed_report(ctx, n):
    users = _users(ctx.account, n, prefix="c")
    AccessKey.objects.bulk_create(
        [AccessKeyFactory.build(user=u, account=ctx.account) for u in users]
    )


def seed_user_keys(ctx, n):
    """Past the quotas on purpose: the page's queries do not depend on the row count."""
    alice, account = ctx.alice, ctx.account
    now = timezone.now()
    SSHPublicKey.objects.bulk_create([SSHPublicKey(
        account=account, user=alice, ssh_public_key_id=f"APKA{i:017}", fingerprint=f"{i}",
        ssh_public_key_body="ssh-rsa AAAA") for i in range(n)])
    SigningCertificate.objects.bulk_create([SigningCertificate(
        account=account, user=alice, certificate_id=f"CERT{i:024}", fingerprint=f"{i}",
        certificate_body="-----BEGIN CERTIFICATE-----", expiration=now) for i in range(n)])
    ServiceSpecificCredential.objects.bulk_create([ServiceSpecificCredential(
        account=account, user=alice, service_specific_credential_id=f"ACCA{i:017}",
        service_name="codecommit.amazonaws.com", service_user_name=f"alice+{i}-at-x",
        password_hash="x") for i in range(n)])
    ServerCertificate.objects.bulk_create([ServerCertificate(
        account=account, name=f"cert{i:04}", unique_id=f"ASCA{i:017}",
        arn=f"arn:aws:iam::{account.account_id}:server-certificate/cert{i:04}",
        certificate_body="-----BEGIN CERTIFICATE-----", private_key_encrypted="x",
        expiration=now) for i in range(n)])


ENDPOINTS = {
    "/api/v1/users/": seed_users,
    "/api/v1/groups/": seed_groups,
    "/api/v1/roles/": seed_roles,
    "/api/v1/instance-profiles/": seed_profiles,
    "/api/v1/mfa-devices/": seed_devices,
    "/api/v1/policies/?scope=Local": seed_policies,
    "/api/v1/users/alice/groups/": seed_user_groups,
    "/api/v1/users/alice/attached-policies/": seed_attached("user", "alice"),
    "/api/v1/groups/devs/attached-policies/": seed_attached("group", "group"),
    "/api/v1/roles/web/attached-policies/": seed_attached("role", "role"),
    "/api/v1/users/alice/inline-policies/": seed_inline("user", "alice"),
    "/api/v1/groups/devs/inline-policies/": seed_inline("group", "group"),
    "/api/v1/roles/web/inline-policies/": seed_inline("role", "role"),
    "/api/v1/users/alice/access-keys/": seed_keys,
    "/api/v1/users/alice/mfa-devices/": seed_devices,
    "/api/v1/groups/devs/members/": seed_members,
    "/api/v1/roles/web/instance-profiles/": seed_profiles,
    "/api/v1/policies/{policy}/versions/": seed_versions,
    "/api/v1/policies/{policy}/entities/": seed_entities,
    "/api/v1/account/authorization-details/": seed_report,
    "/api/v1/account/credential-report/": seed_report,
    "/api/v1/users/alice/ssh-public-keys/": seed_user_keys,
    "/api/v1/users/alice/signing-certificates/": seed_user_keys,
    "/api/v1/users/alice/service-specific-credentials/": seed_user_keys,
    "/api/v1/server-certificates/": seed_user_keys,
}


@pytest.fixture
def ctx(account):
    alice = user_create(account=account, name="alice")
    return SimpleNamespace(
        account=account, alice=alice, group=group_create(account=account, name="devs"),
        role=role_create(account=account, name="web", trust_policy=EC2_TRUST),
        policy=policy_create(account=account, name="pol", policy_document=DOCUMENT),
    )


# Per request, whatever the row count: the access key (and its last-use UPDATE), the caller's
# account, the entity of the URL, and the page; exports read each table once.
# Every budget counts the root caller's account generation (its organization's SCPs bind a
# member account's root user, so its policy set is read under that generation).
MAX_QUERIES = {
    "/api/v1/account/authorization-details/": 21,
    # Two more for the signing certificates (the root user's, and the users' prefetched).
    "/api/v1/account/credential-report/": 12,
    "/api/v1/policies/{policy}/entities/": 8,
}


@pytest.mark.parametrize("url", list(ENDPOINTS))
@pytest.mark.parametrize("rows", [5, 500])
def test_list_endpoints_run_a_bounded_number_of_queries(root_api, ctx, url, rows,
                                                        django_assert_max_num_queries):
    ENDPOINTS[url](ctx, rows)
    path = url.replace("{policy}", ctx.policy.unique_id)
    path += ("&" if "?" in path else "?") + "limit=1000"
    top_level = path.count("/") == 4  # /api/v1/<collection>/: no entity to look up
    maximum = MAX_QUERIES.get(url, 5 if top_level else 6) + TRAIL_QUERIES
    with django_assert_max_num_queries(maximum):
        response = root_api.get(path)
    assert response.status_code == 200
    if response["Content-Type"] == "application/json":
        body = response.json()
        found = body["results"] if "results" in body else (
            body.get("UserDetailList") or body.get("users"))
    else:
        found = response.content.decode().splitlines()[2:]  # header, root
    assert len(found) >= rows
