"""Creating a role as the wizard does: role, policies and instance profile in one transaction."""

import pytest

from accounts import trust_templates as trust
from accounts.models import InstanceProfile, Role
from accounts.services.role_setup import role_create_with_permissions
from iamconsole.exceptions import EntityAlreadyExists, LimitExceeded
from tests.factories import InstanceProfileFactory, ManagedPolicyFactory

EC2 = trust.to_text(trust.aws_service_trust(["ec2.amazonaws.com"]))


def test_the_role_gets_its_policies_boundary_and_instance_profile(account, aws_policy):
    ssm = aws_policy("AmazonSSMManagedInstanceCore")
    boundary = aws_policy("ReadOnlyAccess")
    created = role_create_with_permissions(
        account=account, name="AppServer", trust_policy=EC2, path="/app/",
        description="Web tier", max_session_duration=7200, tags={"team": "web"},
        policies=[ssm], permissions_boundary=boundary, create_instance_profile=True,
    )
    role = created.role
    assert role.arn == "arn:aws:iam::111111111111:role/app/AppServer"
    assert role.trust_policy == EC2
    assert list(role.policy_attachments.values_list("policy__name", flat=True)) == [
        "AmazonSSMManagedInstanceCore"]
    assert role.permissions_boundary == boundary
    assert (role.max_session_duration, role.tags) == (7200, {"team": "web"})
    profile = created.instance_profile
    assert profile.role == role
    assert profile.arn == "arn:aws:iam::111111111111:instance-profile/app/AppServer"


def test_without_the_option_no_instance_profile_is_created(account):
    created = role_create_with_permissions(account=account, name="Fn", trust_policy=EC2)
    assert created.instance_profile is None
    assert not InstanceProfile.objects.filter(account=account).exists()


def test_a_taken_instance_profile_name_leaves_nothing_behind(account):
    InstanceProfileFactory(account=account, name="AppServer")
    with pytest.raises(EntityAlreadyExists):
        role_create_with_permissions(account=account, name="AppServer", trust_policy=EC2,
                                     create_instance_profile=True)
    assert not Role.objects.filter(account=account).exists()


def test_too_many_policies_leave_nothing_behind(account, settings):
    settings.IAM_MAX_ATTACHED_POLICIES_ROLE = 2
    policies = [ManagedPolicyFactory(account=account) for _ in range(3)]
    with pytest.raises(LimitExceeded):
        role_create_with_permissions(account=account, name="Many", trust_policy=EC2,
                                     policies=policies)
    assert not Role.objects.filter(account=account).exists()
