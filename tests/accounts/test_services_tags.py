"""Tags: AWS's limits and characters, case-insensitive keys, no `aws:` prefix, not on groups."""

import pytest

from accounts.services import tag_resource, untag_resource, user_create
from iamconsole.exceptions import InvalidInput, UnmodifiableEntity
from tests.factories import (
    IamGroupFactory,
    InstanceProfileFactory,
    ManagedPolicyFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


def test_tag_and_untag_a_user(account):
    user = user_create(account=account, name="alice", tags={"Team": "dev"})
    user = tag_resource(resource=user, tags={"team": "ops", "cost-center": "42"})
    assert user.tags == {"Team": "ops", "cost-center": "42"}
    user = untag_resource(resource=user, keys=["TEAM", "absent"])
    assert user.tags == {"cost-center": "42"}


@pytest.mark.parametrize(
    "tags",
    [{"aws:owner": "x"}, {"": "x"}, {"k" * 129: "x"}, {"k": "v" * 257}, {"bad!": "x"},
     {"k": "semi;colon"}],
)
def test_bad_tags_fail_the_whole_request(account, tags):
    user = user_create(account=account, name="alice", tags={"keep": "me"})
    with pytest.raises(InvalidInput):
        tag_resource(resource=user, tags={"fine": "yes", **tags})
    user.refresh_from_db()
    assert user.tags == {"keep": "me"}


def test_unicode_letters_and_spaces_are_allowed(account):
    user = user_create(account=account, name="alice", tags={"Équipe produit": "Zürich 1/2 @ +=:"})
    assert "Équipe produit" in user.tags


def test_at_most_fifty_tags(account):
    user = user_create(account=account, name="alice", tags={f"k{n}": "" for n in range(50)})
    with pytest.raises(InvalidInput):
        tag_resource(resource=user, tags={"one-more": "x"})
    with pytest.raises(InvalidInput):
        user_create(account=account, name="bob", tags={f"k{n}": "" for n in range(51)})


def test_taggable_and_untaggable_resources(account, aws_policy):
    for resource in (RoleFactory(account=account), InstanceProfileFactory(account=account),
                     ManagedPolicyFactory(account=account)):
        assert tag_resource(resource=resource, tags={"a": "b"}).tags == {"a": "b"}
    with pytest.raises(InvalidInput):
        tag_resource(resource=IamGroupFactory(account=account), tags={"a": "b"})
    with pytest.raises(UnmodifiableEntity):
        tag_resource(resource=aws_policy("ReadOnlyAccess"), tags={"a": "b"})
    with pytest.raises(InvalidInput):
        tag_resource(resource=account, tags={"a": "b"})
