"""Deleting one customer-managed policy from its page: blockers, typed name, dependents."""

import pytest

from accounts.services import role_create, user_create
from policies.models import ManagedPolicy
from policies.services import (
    permissions_boundary_put,
    policy_attach,
    policy_create,
    policy_version_create,
)
from tests.documents import EC2_TRUST
from tests.policies.policy_views_support import S3_READ, S3_WRITE

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(account):
    return policy_create(account=account, name="Reports", policy_document=S3_READ)


def test_the_confirmation_lists_what_blocks_the_delete(root_client, account, policy):
    policy_attach(policy=policy, entity=user_create(account=account, name="alice"))
    permissions_boundary_put(entity=role_create(account=account, name="Runner",
                                                trust_policy=EC2_TRUST), policy=policy)
    policy_version_create(policy=policy, policy_document=S3_WRITE)
    html = root_client.get(f"/policies/delete/{policy.arn}").content.decode()
    assert "Delete policy Reports?" in html and 'data-confirm-name="Reports"' in html
    for blocker in ("user attachment: alice", "role boundary: Runner", "policy version: v2"):
        assert blocker in html


def test_a_wrong_name_deletes_nothing(root_client, policy):
    response = root_client.post(f"/policies/delete/{policy.arn}", {"confirm": "reports"})
    assert response.status_code == 400
    assert "Type Reports exactly to confirm." in response.content.decode()
    assert ManagedPolicy.objects.filter(pk=policy.pk).exists()


def test_deleting_with_dependents(root_client, account, policy):
    alice = user_create(account=account, name="alice")
    policy_attach(policy=policy, entity=alice)
    permissions_boundary_put(entity=alice, policy=policy)
    policy_version_create(policy=policy, policy_document=S3_WRITE)
    response = root_client.post(f"/policies/delete/{policy.arn}", {"confirm": "Reports"},
                                follow=True)
    assert response.redirect_chain[-1][0] == "/policies/"
    assert "Policy Reports deleted." in response.content.decode()
    assert not ManagedPolicy.objects.filter(pk=policy.pk).exists()


def test_aws_managed_policies_cannot_be_deleted(root_client):
    """AWS refuses deleting its own policies even to the root user (AccessDenied)."""
    arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    for response in (root_client.get(f"/policies/delete/{arn}"),
                     root_client.post(f"/policies/delete/{arn}", {"confirm": "ReadOnlyAccess"})):
        assert response.status_code == 403
        assert f"iam:DeletePolicy on resource: {arn}" in response.content.decode()
    assert ManagedPolicy.objects.filter(arn=arn).exists()


def test_another_accounts_policy_cannot_be_deleted(root_client, other_account):
    theirs = policy_create(account=other_account, name="Theirs", policy_document=S3_READ)
    response = root_client.post(f"/policies/delete/{theirs.arn}", {"confirm": "Theirs"})
    assert response.status_code in (403, 404)
    assert ManagedPolicy.objects.filter(pk=theirs.pk).exists()


