"""Permissions boundaries on users and roles."""

import pytest

from iamconsole.exceptions import InvalidInput
from policies.selectors import policy_entities
from policies.services import permissions_boundary_delete, permissions_boundary_put
from tests.factories import IamGroupFactory, IamUserFactory, ManagedPolicyFactory, RoleFactory

pytestmark = pytest.mark.django_db


def test_put_and_delete_a_boundary(account, aws_policy):
    user, role = IamUserFactory(account=account), RoleFactory(account=account)
    policy = ManagedPolicyFactory(account=account)
    assert permissions_boundary_put(entity=user, policy=policy).permissions_boundary == policy
    permissions_boundary_put(entity=role, policy=aws_policy("PowerUserAccess"))
    usage = policy_entities(policy=policy, account=account)
    assert usage["boundary_users"] == [user] and usage["users"] == []
    assert permissions_boundary_delete(entity=user).permissions_boundary is None


def test_groups_have_no_boundary_and_foreign_policies_are_refused(account, other_account):
    with pytest.raises(InvalidInput):
        permissions_boundary_put(entity=IamGroupFactory(account=account),
                                 policy=ManagedPolicyFactory(account=account))
    with pytest.raises(InvalidInput):
        permissions_boundary_put(entity=IamUserFactory(account=account),
                                 policy=ManagedPolicyFactory(account=other_account))
