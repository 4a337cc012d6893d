"""Selectors added for the REST API: policies by unique ID."""

import pytest

from iamconsole.exceptions import NoSuchEntity
from policies.selectors import policy_get_by_id
from policies.services import policy_attach, policy_create
from tests.factories import IamUserFactory

pytestmark = pytest.mark.django_db
DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
                                               "Resource": "*"}]}


def test_policies_are_found_by_id_with_their_usage_in_the_account(account, aws_policy):
    policy = policy_create(account=account, name="p", policy_document=DOC)
    policy_attach(policy=policy, entity=IamUserFactory(account=account))
    found = policy_get_by_id(account=account, policy_id=policy.unique_id)
    assert found == policy
    assert (found.attachment_count, found.default_version_number) == (1, 1)
    read_only = aws_policy("ReadOnlyAccess")
    assert policy_get_by_id(account=account, policy_id=read_only.unique_id) == read_only


def test_another_accounts_policy_is_not_found(account, other_account):
    policy = policy_create(account=other_account, name="p", policy_document=DOC)
    with pytest.raises(NoSuchEntity):
        policy_get_by_id(account=account, policy_id=policy.unique_id)
