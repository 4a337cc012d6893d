"""Attaching managed policies: limits per entity, idempotence, visibility, attachability."""

import pytest

from iamconsole.exceptions import InvalidInput, LimitExceeded, NoSuchEntity, PolicyNotAttachable
from policies.models import PolicyAttachment
from policies.selectors import attached_policies
from policies.services import (
    policy_attach,
    policy_attach_to_group,
    policy_attach_to_role,
    policy_attach_to_user,
    policy_detach_from_group,
    policy_detach_from_role,
    policy_detach_from_user,
)
from tests.factories import (
    IamGroupFactory,
    IamUserFactory,
    ManagedPolicyFactory,
    MfaDeviceFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory, attach, setting",
    [
        (IamUserFactory, policy_attach_to_user, "IAM_MAX_ATTACHED_POLICIES_USER"),
        (IamGroupFactory, policy_attach_to_group, "IAM_MAX_ATTACHED_POLICIES_GROUP"),
        (RoleFactory, policy_attach_to_role, "IAM_MAX_ATTACHED_POLICIES_ROLE"),
    ],
)
def test_ten_policies_per_entity_by_default(account, factory, attach, setting, settings):
    entity = factory(account=account)
    kind = {IamUserFactory: "user", IamGroupFactory: "group", RoleFactory: "role"}[factory]
    policies = [ManagedPolicyFactory(account=account) for _ in range(11)]
    for policy in policies[:10]:
        attach(policy=policy, **{kind: entity})
    with pytest.raises(LimitExceeded) as exc:
        attach(policy=policies[10], **{kind: entity})
    assert ": 10" in exc.value.message
    setattr(settings, setting, 11)
    attach(policy=policies[10], **{kind: entity})


def test_attaching_twice_changes_nothing(account, aws_policy):
    user = IamUserFactory(account=account)
    first = policy_attach_to_user(policy=aws_policy("ReadOnlyAccess"), user=user)
    assert policy_attach_to_user(policy=aws_policy("ReadOnlyAccess"), user=user).pk == first.pk
    assert list(attached_policies(user)) == [aws_policy("ReadOnlyAccess")]


def test_policies_of_other_accounts_are_invisible(account, other_account):
    with pytest.raises(NoSuchEntity):
        policy_attach_to_user(policy=ManagedPolicyFactory(account=other_account),
                              user=IamUserFactory(account=account))


def test_service_role_policies_are_not_attachable(account, aws_policy):
    policy = aws_policy("AWSSupportServiceRolePolicy")
    assert policy.path == "/aws-service-role/" and not policy.is_attachable
    with pytest.raises(PolicyNotAttachable):
        policy_attach_to_role(policy=policy, role=RoleFactory(account=account))


def test_only_users_groups_and_roles(account, aws_policy):
    with pytest.raises(InvalidInput):
        policy_attach(policy=aws_policy("ReadOnlyAccess"),
                      entity=MfaDeviceFactory(account=account))


def test_detach(account, aws_policy):
    policy = aws_policy("ReadOnlyAccess")
    user, group, role = (IamUserFactory(account=account), IamGroupFactory(account=account),
                         RoleFactory(account=account))
    policy_attach_to_user(policy=policy, user=user)
    policy_attach_to_group(policy=policy, group=group)
    policy_attach_to_role(policy=policy, role=role)
    policy_detach_from_user(policy=policy, user=user)
    policy_detach_from_group(policy=policy, group=group)
    policy_detach_from_role(policy=policy, role=role)
    assert not PolicyAttachment.objects.exists()
    with pytest.raises(NoSuchEntity):
        policy_detach_from_user(policy=policy, user=user)
