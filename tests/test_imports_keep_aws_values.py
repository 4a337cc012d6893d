"""Create services accept AWS's IDs, dates and version IDs, so imports can keep them."""

from datetime import UTC, datetime

import pytest

from accounts.services import group_create, instance_profile_create, role_create, user_create
from iamconsole.exceptions import EntityAlreadyExists, InvalidInput
from policies.selectors import policy_version_list
from policies.services import policy_create, policy_version_create
from tests.documents import ALLOW_ALL, EC2_TRUST

pytestmark = pytest.mark.django_db
WHEN = datetime(2019, 5, 1, 12, 0, tzinfo=UTC)


def test_entities_keep_imported_ids_and_dates(account):
    user = user_create(account=account, name="alice", unique_id="AIDAJQABLZS4A3QDU576Q",
                       created_at=WHEN)
    assert (user.unique_id, user.created_at) == ("AIDAJQABLZS4A3QDU576Q", WHEN)
    assert group_create(account=account, name="g", unique_id="AGPAIDENTIFIER12345",
                        created_at=WHEN).created_at == WHEN
    assert role_create(account=account, name="r", trust_policy=EC2_TRUST,
                       unique_id="AROAIDENTIFIER12345").unique_id == "AROAIDENTIFIER12345"
    assert instance_profile_create(account=account, name="p",
                                   unique_id="AIPAIDENTIFIER12345").unique_id.startswith("AIPA")
    with pytest.raises(EntityAlreadyExists):
        user_create(account=account, name="bob", unique_id="AIDAJQABLZS4A3QDU576Q")
    with pytest.raises(InvalidInput):
        user_create(account=account, name="carol", unique_id="short")


def test_policies_keep_imported_version_history(account):
    policy = policy_create(account=account, name="P", policy_document=ALLOW_ALL,
                           version_id="v2", created_at=WHEN)
    policy_version_create(policy=policy, policy_document=ALLOW_ALL, version_id="v5",
                          set_as_default=True)
    policy_version_create(policy=policy, policy_document=ALLOW_ALL, version_id="v3")
    assert [v.version_id for v in policy_version_list(policy)] == ["v5", "v3", "v2"]
    assert policy.versions.get(is_default=True).version_id == "v5"
    assert policy_version_create(policy=policy, policy_document=ALLOW_ALL).version_id == "v6"
    with pytest.raises(EntityAlreadyExists):
        policy_version_create(policy=policy, policy_document=ALLOW_ALL, version_id="v3")
    with pytest.raises(InvalidInput):
        policy_create(account=account, name="Q", policy_document=ALLOW_ALL, version_id="v0")
    policy.refresh_from_db()
    assert policy.created_at == WHEN
