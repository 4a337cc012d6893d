"""Model-level rules: ID and ARN formats, database constraints, cascades."""

import re

import pytest
from django.db import IntegrityError, transaction

from accounts.models import Account, IamUser, Role
from iamconsole.identifiers import new_access_key_id, new_secret_access_key, stable_unique_id
from policies.models import ManagedPolicy, PolicyVersion
from tests.factories import (
    AccessKeyFactory,
    IamUserFactory,
    InlinePolicyFactory,
    ManagedPolicyFactory,
    PolicyAttachmentFactory,
    PolicyVersionFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


def test_generated_ids_have_aws_shapes():
    assert re.fullmatch(r"AKIA[A-Z0-9]{16}", new_access_key_id())
    assert re.fullmatch(r"[A-Za-z0-9+/]{40}", new_secret_access_key())
    assert re.fullmatch(r"ANPA[A-Z0-9]{17}", stable_unique_id("ANPA", "arn:x"))
    assert stable_unique_id("ANPA", "arn:x") == stable_unique_id("ANPA", "arn:x")
    assert stable_unique_id("ANPA", "arn:x") != stable_unique_id("ANPA", "arn:y")


def test_user_names_are_unique_per_account_ignoring_case_in_the_database():
    user = IamUserFactory(name="Alice")
    with pytest.raises(IntegrityError), transaction.atomic():
        IamUserFactory(account=user.account, name="alice")
    IamUserFactory(name="alice")  # another account may use it


def test_one_default_version_per_policy_in_the_database():
    policy = ManagedPolicyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyVersionFactory(policy=policy, is_default=True)


def test_inline_policy_has_exactly_one_owner():
    user = IamUserFactory()
    role = RoleFactory(account=user.account)
    with pytest.raises(IntegrityError), transaction.atomic():
        InlinePolicyFactory(user=user, role=role)


def test_role_session_duration_range_is_a_check_constraint():
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(max_session_duration=60)


def test_deleting_an_account_removes_everything_in_it(account, aws_policy):
    user = IamUserFactory(account=account)
    policy = ManagedPolicyFactory(account=account)
    user.permissions_boundary = policy
    user.save()
    PolicyAttachmentFactory(user=user, policy=policy)
    PolicyAttachmentFactory(user=user, policy=aws_policy("ReadOnlyAccess"))
    AccessKeyFactory(user=user)
    RoleFactory(account=account, permissions_boundary=policy)
    account.delete()
    assert not Account.objects.filter(pk=account.pk).exists()
    assert not IamUser.objects.exists() and not Role.objects.exists()
    assert not ManagedPolicy.objects.filter(account__isnull=False).exists()
    assert PolicyVersion.objects.filter(policy__name="ReadOnlyAccess").exists()


def test_a_policy_in_use_cannot_be_deleted_behind_the_services_back():
    attachment = PolicyAttachmentFactory()
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 (RestrictedError)
        attachment.policy.delete()


def test_models_describe_themselves():
    key = AccessKeyFactory()
    assert str(key) == key.access_key_id and not key.is_root_key and key.is_active
    policy = ManagedPolicyFactory(name="Ops")
    assert str(policy) == "Ops" and policy.scope == "Local" and not policy.is_aws_managed
    assert policy.owner == policy.account.account_id
    assert str(policy.versions.get()).endswith("v1")
