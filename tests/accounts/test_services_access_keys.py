"""Access keys: AKIA IDs, two per identity, secrets shown once and verified in constant time."""

import re
from datetime import timedelta

import pytest

from accounts.models import AccessKey
from accounts.services import (
    access_key_authenticate,
    access_key_create,
    access_key_delete,
    access_key_record_use,
    access_key_update_status,
)
from iamconsole.exceptions import InvalidInput, LimitExceeded
from tests.factories import IamUserFactory

pytestmark = pytest.mark.django_db


def test_create_returns_the_secret_once(account):
    user = IamUserFactory(account=account)
    created = access_key_create(user=user)
    key = created.access_key
    assert re.fullmatch(r"AKIA[A-Z0-9]{16}", key.access_key_id)
    assert re.fullmatch(r"[A-Za-z0-9+/]{40}", created.secret_access_key)
    assert created.as_dict() == {
        "AccessKeyId": key.access_key_id, "SecretAccessKey": created.secret_access_key,
    }
    assert created.secret_access_key not in repr(created)
    assert created.secret_access_key not in key.secret_encrypted
    assert key.status == "Active" and key.user == user and key.account == account


def test_at_most_two_keys_per_user(account, settings):
    user = IamUserFactory(account=account)
    access_key_create(user=user)
    access_key_create(user=user)
    with pytest.raises(LimitExceeded) as exc:
        access_key_create(user=user)
    assert "AccessKeysPerUser: 2" in exc.value.message
    settings.IAM_MAX_ACCESS_KEYS_PER_USER = 3
    access_key_create(user=user)


def test_root_keys_are_counted_separately(account):
    user = IamUserFactory(account=account)
    access_key_create(user=user)
    access_key_create(user=user)
    root_key = access_key_create(account=account).access_key
    assert root_key.is_root_key and root_key.account == account
    access_key_create(account=account)
    with pytest.raises(LimitExceeded):
        access_key_create(account=account)
    with pytest.raises(InvalidInput):
        access_key_create()


def test_authenticate_needs_the_right_secret_and_an_active_key(account):
    created = access_key_create(user=IamUserFactory(account=account))
    key_id, secret = created.access_key.access_key_id, created.secret_access_key
    assert access_key_authenticate(access_key_id=key_id, secret_access_key=secret) == \
        created.access_key
    wrong = secret[:-1] + ("x" if secret[-1] != "x" else "y")
    assert access_key_authenticate(access_key_id=key_id, secret_access_key=wrong) is None
    assert access_key_authenticate(access_key_id="AKIA" + "0" * 16, secret_access_key=secret) \
        is None
    access_key_update_status(access_key=created.access_key, status="Inactive")
    assert access_key_authenticate(access_key_id=key_id, secret_access_key=secret) is None
    access_key_update_status(access_key=created.access_key, status="Active")
    assert access_key_authenticate(access_key_id=key_id, secret_access_key=secret) is not None


def test_status_is_active_or_inactive(account):
    created = access_key_create(user=IamUserFactory(account=account))
    with pytest.raises(InvalidInput):
        access_key_update_status(access_key=created.access_key, status="Disabled")


def test_record_use_and_delete(account):
    key = access_key_create(user=IamUserFactory(account=account)).access_key
    access_key_record_use(access_key=key, service="iam", region="us-east-1")
    key.refresh_from_db()
    assert key.last_used_at and key.last_used_service == "iam"
    assert key.last_used_region == "us-east-1"
    access_key_delete(access_key=key)
    assert not AccessKey.objects.exists()


def test_a_key_used_again_within_a_minute_is_not_written_again(account,
                                                              django_assert_num_queries):
    key = access_key_create(user=IamUserFactory(account=account)).access_key
    access_key_record_use(access_key=key, service="iam", region="us-east-1")
    first = AccessKey.objects.get(pk=key.pk)
    with django_assert_num_queries(0):  # the same service and region, seconds later
        access_key_record_use(access_key=first, service="iam", region="us-east-1")
    access_key_record_use(access_key=first, service="s3", region="us-east-1")
    assert AccessKey.objects.get(pk=key.pk).last_used_service == "s3"  # another service
    two_minutes_ago = first.last_used_at - timedelta(minutes=2)
    AccessKey.objects.filter(pk=key.pk).update(last_used_at=two_minutes_ago)
    stale = AccessKey.objects.get(pk=key.pk)
    access_key_record_use(access_key=stale, service="s3", region="us-east-1")
    assert AccessKey.objects.get(pk=key.pk).last_used_at >= first.last_used_at  # written again
