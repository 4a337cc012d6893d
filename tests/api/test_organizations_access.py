"""Every Organizations endpoint, in an organization holding one of everything: a caller allowed
Organizations' reads (Describe*, List*) reads each and changes nothing; the management
account's administrator reads each too."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from accounts.models import Handshake
from iamconsole.operations.caller import root_caller

from .helpers import fill_path, guarded
from .openapi import operations
from .organizations_support import DENY_CREATE_USER_TEXT, SCP, build_organization, run

pytestmark = pytest.mark.django_db
ORGANIZATIONS = [op for op in operations() if op.path.startswith("/api/v1/organizations/")]
# AWS computes no effective SCP or RCP; the management policy types it has are not hosted.
_READS = [op for op in ORGANIZATIONS if op.method == "GET"
          and not op.path.endswith("/effective-policy/")]
_WRITES = [op for op in ORGANIZATIONS if op.method != "GET"]


@pytest.fixture
def org_world(account, other_account):
    """An organization with an OU, a member account, an SCP attached to the OU and an
    invitation to another account, named as fill_path expects."""
    management = root_caller(account)
    ids = build_organization(management)
    policy = run(management, "CreatePolicy", name="DenyCreateUser", type=SCP,
                 content=DENY_CREATE_USER_TEXT)["Policy"]["PolicySummary"]["Id"]
    run(management, "AttachPolicy", policy_id=policy, target_id=ids["ou"])
    run(management, "InviteAccountToOrganization",
        target={"Id": other_account.account_id, "Type": "ACCOUNT"})
    handshake = Handshake.objects.get(target_account_id=other_account.account_id)
    return SimpleNamespace(organization={
        "root_id": ids["root_id"], "ou_id": ids["ou"], "parent_id": ids["ou"],
        "child_id": ids["member_id"], "account_id": ids["member_id"],
        "request_id": ids["request_id"], "handshake_id": handshake.handshake_id,
        "policy_id": policy, "target_id": ids["ou"], "resource_id": ids["ou"],
        "policy_type": SCP})


@pytest.fixture
def org_reader(account):
    """A caller allowed Organizations' reads only."""
    return guarded(account, {"Effect": "Allow", "Resource": "*",
                             "Action": ["organizations:Describe*", "organizations:List*"]})


def test_the_api_documents_every_organizations_operation():
    assert len(ORGANIZATIONS) == 37


@pytest.mark.parametrize("op", _READS, ids=str)
def test_an_organizations_reader_reads_everything(org_reader, org_world, op):
    response = org_reader.get(fill_path(op.path, org_world) + op.query)
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("op", _WRITES, ids=str)
def test_an_organizations_reader_changes_nothing(org_reader, org_world, op):
    response = org_reader.call(op.method, fill_path(op.path, org_world) + op.query,
                               op.request_example)
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["code"] == "AccessDenied"
    assert "perform: organizations:" in body["message"]
    assert "because no identity-based policy allows" in body["message"]


@pytest.mark.parametrize("op", _READS, ids=str)
def test_the_management_administrator_reads_everything(admin, org_world, op):
    response = admin.get(fill_path(op.path, org_world) + op.query)
    assert response.status_code == 200, response.content
