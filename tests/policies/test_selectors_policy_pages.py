"""Selectors added for the policy pages."""

import pytest

from accounts.services import group_create, role_create, user_create
from policies.selectors import policy_attachable_entities
from policies.services import policy_attach, policy_create
from tests.documents import EC2_TRUST
from tests.factories import IamUserFactory
from tests.policies.policy_views_support import S3_READ

pytestmark = pytest.mark.django_db


def test_attachable_entities_leave_out_those_attached_and_other_accounts(account,
                                                                         other_account):
    policy = policy_create(account=account, name="P", policy_document=S3_READ)
    alice = user_create(account=account, name="alice")
    user_create(account=account, name="bob")
    group_create(account=account, name="Admins")
    role_create(account=account, name="Runner", trust_policy=EC2_TRUST)
    user_create(account=other_account, name="carol")
    policy_attach(policy=policy, entity=alice)
    found = [(kind, e.name) for kind, e in policy_attachable_entities(policy=policy,
                                                                      account=account)]
    assert found == [("user", "bob"), ("group", "Admins"), ("role", "Runner")]
    named = policy_attachable_entities(policy=policy, account=account, name_contains="RUN")
    assert [(kind, e.name) for kind, e in named] == [("role", "Runner")]


def test_attachable_entities_are_limited_per_kind_in_three_queries(
    account, django_assert_num_queries
):
    policy = policy_create(account=account, name="P", policy_document=S3_READ)
    IamUserFactory.create_batch(60, account=account)
    with django_assert_num_queries(3):
        found = policy_attachable_entities(policy=policy, account=account, limit=50)
    assert len(found) == 50 and {kind for kind, _ in found} == {"user"}
