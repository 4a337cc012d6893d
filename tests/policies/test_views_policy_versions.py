"""Policy version actions from the Versions tab: set the default, delete a version."""

import pytest

from policies.models import PolicyVersion
from policies.services import policy_create, policy_version_create
from tests.policies.policy_views_support import S3_READ, S3_WRITE, detail

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(account):
    policy = policy_create(account=account, name="Reports", policy_document=S3_READ)
    policy_version_create(policy=policy, policy_document=S3_WRITE)
    return policy


def default_number(policy):
    return PolicyVersion.objects.get(policy=policy, is_default=True).number


def test_set_as_default_makes_the_version_the_one_in_effect(root_client, policy):
    url = f"/policies/versions/set-default/{policy.arn}"
    response = root_client.post(url, {"version_id": "v2"}, follow=True)
    assert response.redirect_chain[-1][0] == detail(policy.arn, "versions")
    assert "Version v2 is now the default version of Reports." in response.content.decode()
    assert default_number(policy) == 2


def test_deleting_a_version_and_refusing_the_default(root_client, policy):
    url = f"/policies/versions/delete/{policy.arn}"
    refused = root_client.post(url, {"version_id": "v1"}, follow=True)
    assert "Cannot delete the default version" in refused.content.decode()
    response = root_client.post(url, {"version_id": "v2"}, follow=True)
    assert "Version v2 of Reports deleted." in response.content.decode()
    assert list(PolicyVersion.objects.filter(policy=policy).values_list("number", flat=True)) == [1]


@pytest.mark.parametrize("action", ["set-default", "delete"])
def test_unknown_versions_are_not_found(root_client, policy, action):
    response = root_client.post(f"/policies/versions/{action}/{policy.arn}",
                                {"version_id": "v9"})
    assert response.status_code == 404 and "NoSuchEntity" in response.content.decode()
    bad = root_client.post(f"/policies/versions/{action}/{policy.arn}", {"version_id": "x"})
    assert bad.status_code == 400 and "InvalidInput" in bad.content.decode()


@pytest.mark.parametrize("action", ["set-default", "delete"])
def test_versions_change_only_with_post(root_client, policy, action):
    assert root_client.get(f"/policies/versions/{action}/{policy.arn}").status_code == 405


@pytest.mark.parametrize("action", ["set-default", "delete"])
def test_aws_managed_versions_cannot_change(root_client, action):
    """AWS refuses changing the versions of its own policies even to the root user."""
    arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    response = root_client.post(f"/policies/versions/{action}/{arn}", {"version_id": "v1"})
    assert response.status_code == 403
    assert f"on resource: {arn}" in response.content.decode()


def test_another_accounts_versions_cannot_change(root_client, other_account):
    theirs = policy_create(account=other_account, name="Theirs", policy_document=S3_READ)
    policy_version_create(policy=theirs, policy_document=S3_WRITE)
    response = root_client.post(f"/policies/versions/set-default/{theirs.arn}",
                                {"version_id": "v2"})
    assert response.status_code in (403, 404)
    assert default_number(theirs) == 1


