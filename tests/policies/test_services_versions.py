"""Policy versions: v-numbers never reused, five at most, one default that cannot be deleted."""

import pytest

from iamconsole.exceptions import DeleteConflict, InvalidInput, LimitExceeded, NoSuchEntity
from policies.models import PolicyVersion
from policies.selectors import policy_version_get, policy_version_list
from policies.services import (
    policy_create,
    policy_version_create,
    policy_version_delete,
    policy_version_set_default,
)
from tests.documents import ALLOW_ALL

pytestmark = pytest.mark.django_db

READ = {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


@pytest.fixture
def policy(account):
    return policy_create(account=account, name="P", policy_document=ALLOW_ALL)


def _ids(policy):
    return [v.version_id for v in policy_version_list(policy)]


def test_versions_are_numbered_and_at_most_five(policy):
    for _ in range(4):
        policy_version_create(policy=policy, policy_document=READ)
    assert _ids(policy) == ["v5", "v4", "v3", "v2", "v1"]
    with pytest.raises(LimitExceeded) as exc:
        policy_version_create(policy=policy, policy_document=READ)
    assert "up to 5 versions" in exc.value.message


def test_version_numbers_are_never_reused(policy):
    v2 = policy_version_create(policy=policy, policy_document=READ)
    policy_version_delete(policy=policy, version_id=v2.version_id)
    assert policy_version_create(policy=policy, policy_document=READ).version_id == "v3"
    assert _ids(policy) == ["v3", "v1"]


def test_set_default_and_create_as_default(policy):
    v2 = policy_version_create(policy=policy, policy_document=READ)
    assert not v2.is_default and policy.versions.get(is_default=True).version_id == "v1"
    policy_version_set_default(policy=policy, version_id="v2")
    assert policy.versions.get(is_default=True).version_id == "v2"
    v3 = policy_version_create(policy=policy, policy_document=ALLOW_ALL, set_as_default=True)
    assert v3.is_default
    assert PolicyVersion.objects.filter(policy=policy, is_default=True).count() == 1
    assert policy_version_set_default(policy=policy, version_id="v3").is_default


def test_the_default_version_cannot_be_deleted(policy):
    with pytest.raises(DeleteConflict) as exc:
        policy_version_delete(policy=policy, version_id="v1")
    assert exc.value.details == [{"type": "default version", "name": "v1"}]


def test_unknown_and_malformed_version_ids(policy):
    with pytest.raises(NoSuchEntity):
        policy_version_set_default(policy=policy, version_id="v9")
    with pytest.raises(InvalidInput):
        policy_version_delete(policy=policy, version_id="1")
    with pytest.raises(NoSuchEntity):
        policy_version_get(policy=policy, version_id="vx")


def test_version_limit_is_a_setting(policy, settings):
    settings.IAM_MAX_POLICY_VERSIONS = 2
    policy_version_create(policy=policy, policy_document=READ)
    with pytest.raises(LimitExceeded):
        policy_version_create(policy=policy, policy_document=READ)


def test_version_keeps_the_authors_text(policy):
    text = '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",' \
           '   "Resource": "*"}}'
    version = policy_version_create(policy=policy, policy_document=text)
    assert policy_version_get(policy=policy, version_id="v2").document_text == text
    assert version.document["Statement"]["Action"] == "s3:*"
