"""Instance profiles: AIPA IDs, at most one role, delete conflicts."""

import re

import pytest

from accounts.models import InstanceProfile
from accounts.operations.instance_profiles import DeleteInstanceProfile
from accounts.services import (
    instance_profile_add_role,
    instance_profile_create,
    instance_profile_delete,
    instance_profile_remove_role,
)
from iamconsole.exceptions import (
    DeleteConflict,
    EntityAlreadyExists,
    InvalidInput,
    LimitExceeded,
    NoSuchEntity,
)
from iamconsole.operations import root_caller
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def test_create_gets_an_aipa_id_and_arn(account):
    profile = instance_profile_create(account=account, name="Web", path="/app/")
    assert re.fullmatch(r"AIPA[A-Z0-9]{17}", profile.unique_id)
    assert profile.arn == "arn:aws:iam::111111111111:instance-profile/app/Web"
    with pytest.raises(EntityAlreadyExists):
        instance_profile_create(account=account, name="WEB")


def test_an_instance_profile_holds_at_most_one_role(account):
    profile = instance_profile_create(account=account, name="Web")
    first, second = RoleFactory(account=account), RoleFactory(account=account)
    instance_profile_add_role(instance_profile=profile, role=first)
    with pytest.raises(LimitExceeded):
        instance_profile_add_role(instance_profile=profile, role=second)
    with pytest.raises(NoSuchEntity):
        instance_profile_remove_role(instance_profile=profile, role=second)
    instance_profile_remove_role(instance_profile=profile, role=first)
    assert instance_profile_add_role(instance_profile=profile, role=second).role == second


def test_roles_of_other_accounts_are_refused(account, other_account):
    profile = instance_profile_create(account=account, name="Web")
    with pytest.raises(InvalidInput):
        instance_profile_add_role(instance_profile=profile, role=RoleFactory(account=other_account))


def test_delete_refuses_while_a_role_is_in_it(account):
    role = RoleFactory(account=account, name="WebRole")
    profile = instance_profile_create(account=account, name="Web", role=role)
    with pytest.raises(DeleteConflict) as exc:
        instance_profile_delete(instance_profile=profile)
    assert exc.value.details == [{"type": "role", "name": "WebRole"}]
    root_caller(account).run(DeleteInstanceProfile, instance_profile_name=profile.name,
                             with_dependents=True)
    assert not InstanceProfile.objects.exists()
    role.refresh_from_db()


def test_delete_an_empty_profile(account):
    instance_profile_delete(instance_profile=instance_profile_create(account=account, name="x"))
    assert not InstanceProfile.objects.exists()
