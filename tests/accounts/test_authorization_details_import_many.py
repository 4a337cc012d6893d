"""Importing an export of many users (issue 18, finding 4: 3,000 users took 71 s in one
request): a bounded number of queries, every user as the file says, and each new user still
authorized as the operations that create it (the refusal of any one changes nothing)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from accounts.authorization_details import export_authorization_details, new_users
from accounts.authorization_details.importer import import_authorization_details
from accounts.models import AccessKey, GroupMembership, IamUser, LoginProfile
from accounts.services import user_create
from accounts.signin import user_principal
from bench.import_document import SOURCE_ACCOUNT, many_users_document
from iamconsole.exceptions import AccessDenied, InvalidInput, LimitExceeded
from iamconsole.operations import Caller
from policies.models import InlinePolicy, PolicyAttachment
from policies.services import policy_attach, policy_create
from tests.operations.harness import snapshot

pytestmark = pytest.mark.django_db

USERS = 300
# The refusal tests: fewer users, in batches of 50, so that some batches are written before
# the refused user's turn comes (and rolled back).
FEW = 130


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(new_users, "BATCH", 50)
ALLOW_ALL = {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def _caller(account, *denied: dict) -> Caller:
    """An administrator of `account`, denied the given statements."""
    document = {**ALLOW_ALL, "Statement": [*ALLOW_ALL["Statement"],
                                           *({"Effect": "Deny", **s} for s in denied)]}
    admin = user_create(account=account, name="importer")
    policy_attach(policy=policy_create(account=account, name="importer-admin",
                                       policy_document=document), entity=admin)
    return Caller(user_principal(admin), account)


def _import(caller, document):
    return import_authorization_details(
        account=caller.account, pages=[("export.json", json.dumps(document))], caller=caller)


def test_many_users_import_with_a_bounded_number_of_queries(account,
                                                            django_assert_max_num_queries):
    """300 users with groups, policies, tags, boundaries and credentials: a few queries per
    batch of users plus the groups' and policies' own, not dozens per user (18,000 before)."""
    caller = _caller(account)
    with django_assert_max_num_queries(550):
        result = _import(caller, many_users_document(USERS))
    assert result.created["users"] == USERS


def _queries(work) -> int:
    """How many queries `work()` runs (counted, not logged: Django logs at most 9,000)."""
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        work()
    return count


def test_twice_as_many_users_cost_almost_no_more_queries(account):
    """The queries do not grow with each user: 600 users need at most 40 more than 300."""
    caller = _caller(account)
    few = _queries(lambda: _import(caller, many_users_document(USERS)))
    IamUser.objects.filter(account=account).exclude(name="importer").delete()
    many = _queries(lambda: _import(caller, many_users_document(2 * USERS)))
    assert many - few <= 40, (few, many)


def test_every_imported_user_is_as_the_file_says(account):
    caller = _caller(account)
    document = many_users_document(USERS)
    result = _import(caller, document)
    assert result.created["users"] == USERS
    users = IamUser.objects.filter(account=account, path="/students/")
    assert users.count() == USERS
    assert GroupMembership.objects.filter(user__in=users).count() == USERS
    assert PolicyAttachment.objects.filter(user__in=users).count() == USERS
    assert InlinePolicy.objects.filter(user__in=users).count() == USERS // 10
    assert LoginProfile.objects.filter(user__in=users).count() == USERS
    assert AccessKey.objects.filter(user__in=users).count() == USERS // 2
    user = IamUser.objects.get(account=account, name="student00040")
    assert user.unique_id == "AIDAEXAMPLE000000040"  # AWS's ID kept
    assert user.created_at == datetime(2021, 3, 2, 21, 6, 13, tzinfo=UTC)
    assert user.arn == f"arn:aws:iam::{account.account_id}:user/students/student00040"
    assert user.tags == {"cohort": "2020", "number": "40"}
    assert user.permissions_boundary.name == "Team0Read"
    assert [m.group.name for m in user.memberships.all()] == ["Class0"]
    assert [a.policy.name for a in user.policy_attachments.all()] == ["Team0Read"]
    assert user.inline_policies.get().document["Statement"][0]["Resource"] == (
        "arn:aws:s3:::work/student00040/*")
    assert user.access_keys.get().access_key_id == "AKIAEXAMPLE000000040"
    assert user.login_profile.password_reset_required is True
    # The export lists each user as the file did (ARNs moved into this account).
    exported = {u["UserName"]: u for u in export_authorization_details(account)["UserDetailList"]}
    for given in document["UserDetailList"]:
        mine = exported[given["UserName"]]
        assert mine["UserId"] == given["UserId"]
        assert mine["Arn"] == given["Arn"].replace(SOURCE_ACCOUNT, account.account_id)
        assert mine["GroupList"] == given["GroupList"]
        assert [p["PolicyName"] for p in mine["AttachedManagedPolicies"]] == [
            p["PolicyName"] for p in given["AttachedManagedPolicies"]]
        assert sorted(mine["Tags"], key=str) == sorted(given["Tags"], key=str)
    # Importing the same file again changes nothing.
    before = snapshot()
    assert not _import(caller, document).changed_anything
    assert snapshot() == before


REFUSALS = {
    "iam:CreateUser": {"Action": "iam:CreateUser",
                       "Resource": "arn:aws:iam::*:user/students/student00123"},
    "iam:TagUser": {"Action": "iam:TagUser", "Resource": "*",
                    "Condition": {"StringEquals": {"aws:RequestTag/number": "77"}}},
    "iam:PutUserPermissionsBoundary": {"Action": "iam:PutUserPermissionsBoundary",
                                       "Resource": "arn:aws:iam::*:user/students/student00100"},
    "iam:AddUserToGroup": {"Action": "iam:AddUserToGroup",
                           "Resource": "arn:aws:iam::*:group/classes/Class7"},
    "iam:AttachUserPolicy": {"Action": "iam:AttachUserPolicy", "Resource": "*",
                             "Condition": {"ArnLike": {
                                 "iam:PolicyARN": "arn:aws:iam::*:policy/teams/Team3Read"}}},
    "iam:PutUserPolicy": {"Action": "iam:PutUserPolicy",
                          "Resource": "arn:aws:iam::*:user/students/student00120"},
    "iam:CreateLoginProfile": {"Action": "iam:CreateLoginProfile",
                               "Resource": "arn:aws:iam::*:user/students/student00127"},
    "iam:CreateAccessKey": {"Action": "iam:CreateAccessKey",
                            "Resource": "arn:aws:iam::*:user/students/student00126"},
}


@pytest.mark.parametrize("action", REFUSALS)
def test_each_new_user_is_authorized_as_the_operations_that_create_it(account, small_batches,
                                                                      action):
    """One refused operation for one user of many refuses the whole import: nothing
    written, the batches before it included."""
    caller = _caller(account, REFUSALS[action])
    before = snapshot()
    with pytest.raises(AccessDenied, match=f"not authorized to perform: {action}"):
        _import(caller, many_users_document(FEW))
    assert snapshot() == before


def _edited(edit) -> dict:
    document = many_users_document(FEW)
    edit(document["UserDetailList"][75])
    return document


@pytest.mark.parametrize(("edit", "error", "message"), [
    (lambda u: u.update(Path="students"), InvalidInput, r"UserDetailList\[75\]"),
    (lambda u: u.update(UserId="short"), InvalidInput, "unique ID"),
    (lambda u: u["UserPolicyList"].append(
        {"PolicyName": "big", "PolicyDocument": json.dumps(
            {**ALLOW_ALL, "Sid": "x" * 2100})}), Exception, "UserPolicyList"),
    (lambda u: u.update(GroupList=["Class1", "Class2", "Class3"]), LimitExceeded,
     "GroupsPerUser: 2"),
], ids=["path", "id", "inline size", "groups quota"])
def test_a_bad_user_among_many_changes_nothing(account, settings, small_batches, edit, error,
                                              message):
    settings.IAM_MAX_GROUPS_PER_USER = 2
    caller = _caller(account)
    before = snapshot()
    with pytest.raises(error, match=message):
        _import(caller, _edited(edit))
    assert snapshot() == before


def test_an_id_used_elsewhere_gets_a_new_one_with_a_warning(account, other_account):
    user_create(account=other_account, name="someone", unique_id="AIDAEXAMPLE000000007")
    result = _import(_caller(account), many_users_document(20))
    assert IamUser.objects.get(account=account, name="student00007").unique_id != (
        "AIDAEXAMPLE000000007")
    assert any("AIDAEXAMPLE000000007" in warning for warning in result.warnings)
