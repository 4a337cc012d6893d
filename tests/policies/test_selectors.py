"""Policy reads: lists with usage counts in bounded queries, and effective policy sets."""

import pytest

from accounts.services import group_add_user, group_create, user_create
from policies.selectors import (
    group_effective_policies,
    policy_entities,
    policy_get,
    policy_list,
    role_effective_policies,
    user_effective_policies,
)
from policies.services import (
    inline_policy_put,
    permissions_boundary_put,
    policy_attach_to_group,
    policy_attach_to_role,
    policy_attach_to_user,
    policy_create,
)
from tests.documents import ALLOW_ALL
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db

S3 = {"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}


def test_policy_list_scopes_and_counts(account, other_account, aws_policy):
    mine = policy_create(account=account, name="Mine", policy_document=S3)
    policy_create(account=other_account, name="Theirs", policy_document=S3)
    user = user_create(account=account, name="alice")
    policy_attach_to_user(policy=mine, user=user)
    policy_attach_to_user(policy=aws_policy("ReadOnlyAccess"), user=user)
    permissions_boundary_put(entity=user, policy=aws_policy("ReadOnlyAccess"))
    local = list(policy_list(account=account, scope="Local"))
    assert [p.name for p in local] == ["Mine"]
    assert local[0].attachment_count == 1 and local[0].default_version_number == 1
    attached = {p.name: p for p in policy_list(account=account, only_attached=True)}
    assert set(attached) == {"Mine", "ReadOnlyAccess"}
    assert attached["ReadOnlyAccess"].boundary_usage_count == 1
    # Usage is counted within the account only.
    other = policy_list(account=other_account, scope="AWS").get(name="ReadOnlyAccess")
    assert other.attachment_count == 0
    assert policy_list(account=account, name_contains="ssmmanaged").filter(
        name="AmazonSSMManagedInstanceCore").exists()
    assert policy_list(account=account, path_prefix="/job-function/").count() >= 10
    assert not policy_list(account=account, attachable_only=True).filter(
        path="/aws-service-role/").exists()


def test_policy_list_runs_one_query(account, django_assert_num_queries):
    for n in range(5):
        policy_create(account=account, name=f"P{n}", policy_document=S3)
    with django_assert_num_queries(1):
        rows = list(policy_list(account=account))
    assert len(rows) > 1500


def test_policy_get_by_arn(account, other_account):
    theirs = policy_create(account=other_account, name="Theirs", policy_document=S3)
    assert policy_get(account=account, arn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    with pytest.raises(Exception, match="does not exist"):
        policy_get(account=account, arn=theirs.arn)


def test_user_effective_policies_in_constant_queries(account, aws_policy,
                                                     django_assert_num_queries):
    user = user_create(account=account, name="alice")
    devs = group_create(account=account, name="devs")
    group_add_user(group=devs, user=user)
    mine = policy_create(account=account, name="Mine", policy_document=S3)
    policy_attach_to_user(policy=mine, user=user)
    inline_policy_put(entity=user, name="own", policy_document=S3)
    policy_attach_to_group(policy=aws_policy("ReadOnlyAccess"), group=devs)
    inline_policy_put(entity=devs, name="team", policy_document=ALLOW_ALL)
    permissions_boundary_put(entity=user, policy=aws_policy("PowerUserAccess"))
    user.refresh_from_db()
    with django_assert_num_queries(4):
        effective = user_effective_policies(user)
    assert effective.principal_arn == user.arn
    assert [(s.source_type, s.name, s.via_group) for s in effective.identity] == [
        ("user", "own", None),
        ("user-managed", "Mine", None),
        ("group", "team", "devs"),
        ("aws-managed", "ReadOnlyAccess", "devs"),
    ]
    assert effective.identity[1].source_id == mine.arn and effective.identity[1].version_id == "v1"
    assert effective.boundary.name == "PowerUserAccess"
    assert effective.boundary.document["Statement"]


def test_role_and_group_effective_policies(account, aws_policy):
    role = RoleFactory(account=account)
    policy_attach_to_role(policy=aws_policy("AmazonSSMManagedInstanceCore"), role=role)
    inline_policy_put(entity=role, name="extra", policy_document=S3)
    effective = role_effective_policies(role)
    assert [s.source_type for s in effective.identity] == ["role", "aws-managed"]
    assert effective.boundary is None
    group = group_create(account=account, name="g")
    inline_policy_put(entity=group, name="team", policy_document=S3)
    assert [s.name for s in group_effective_policies(group).identity] == ["team"]


def test_policy_entities(account, aws_policy):
    readonly = aws_policy("ReadOnlyAccess")
    user = user_create(account=account, name="alice")
    group = group_create(account=account, name="g")
    role = RoleFactory(account=account)
    for attach, kw in ((policy_attach_to_user, {"user": user}),
                       (policy_attach_to_group, {"group": group}),
                       (policy_attach_to_role, {"role": role})):
        attach(policy=readonly, **kw)
    usage = policy_entities(policy=readonly, account=account)
    assert (usage["users"], usage["groups"], usage["roles"]) == ([user], [group], [role])
