"""Guard rails: a change that breaks a rail set to block writes nothing but its denial
event; one set to warn commits and its event carries the warning."""

from __future__ import annotations

import pytest

from accounts.models import GroupMembership, Role
from iamconsole.exceptions import GuardRailViolation
from policies.models import GuardRail, InlinePolicy, PolicyAttachment

from .guard_rails_support import (
    ALLOW_ALL,
    NOTHING,
    arn,
    build,
    last_event_pk,
    latest_events,
    rail,
    run,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(account):
    return build(account)


def refused(account, operation: str, **inputs) -> list:
    """Run the change, expect GuardRailViolation; the events written meanwhile."""
    since = last_event_pk()
    with pytest.raises(GuardRailViolation) as caught:
        run(account, operation, **inputs)
    events = latest_events(since)
    assert [(e.event_name, e.error_code) for e in events] == [
        (operation.split(":")[1], "GuardRailViolation")]
    return caught.value


def test_a_rail_is_checked_when_saved(account, world):
    holds = rail(account, "alice-reads", "user/alice", "s3:GetObject", "allowed",
                 resource="arn:aws:s3:::reports/q1.csv")
    broken = rail(account, "alice-writes", "user/alice", "s3:PutObject", "allowed",
                  resource="arn:aws:s3:::reports/q1.csv")
    assert (holds.last_status, broken.last_status) == ("holds", "broken")
    assert broken.last_detail == "user/alice: implicitDeny"
    assert GuardRail.objects.get(pk=holds.pk).checked_at is not None


def test_block_refuses_an_attachment_and_writes_only_its_denial(account, world):
    rail(account, "no-create-user", "user/alice", "iam:CreateUser", "denied")
    error = refused(account, "iam:AttachUserPolicy", user_name="alice",
                    policy_arn=world["all"].arn)
    assert "no-create-user" in error.message
    assert error.details[0]["name"] == "no-create-user"
    assert not PolicyAttachment.objects.filter(user=world["alice"]).exists()
    assert GuardRail.objects.get().last_status == "holds"


def test_block_refuses_deleting_the_inline_policy_a_rail_needs(account, world):
    rail(account, "alice-reads", "user/alice", "s3:GetObject", "allowed",
         resource="arn:aws:s3:::reports/q1.csv")
    refused(account, "iam:DeleteUserPolicy", user_name="alice", policy_name="reports")
    assert InlinePolicy.objects.filter(user=world["alice"], name="reports").exists()


def test_block_refuses_an_inline_policy_put(account, world):
    rail(account, "devs-no-create-user", "group/Developers", "iam:CreateUser", "denied")
    refused(account, "iam:PutGroupPolicy", group_name="Developers", policy_name="all",
            policy_document=ALLOW_ALL)
    assert not InlinePolicy.objects.filter(group=world["devs"]).exists()


def test_block_refuses_a_group_membership(account, world):
    run(account, "iam:PutGroupPolicy", group_name="Developers", policy_name="all",
        policy_document=ALLOW_ALL)
    rail(account, "alice-no-create-user", "user/alice", "iam:CreateUser", "denied")
    refused(account, "iam:AddUserToGroup", group_name="Developers", user_name="alice")
    assert not GroupMembership.objects.filter(user=world["alice"]).exists()


def test_block_refuses_a_new_default_version(account, world):
    run(account, "iam:AttachUserPolicy", user_name="alice", policy_arn=world["all"].arn)
    rail(account, "alice-reads", "user/alice", "s3:GetObject", "allowed",
         resource="arn:aws:s3:::reports/q1.csv")
    run(account, "iam:DeleteUserPolicy", user_name="alice", policy_name="reports")
    refused(account, "iam:CreatePolicyVersion", policy_arn=world["all"].arn,
            policy_document=NOTHING, set_as_default=True)
    assert world["all"].versions.count() == 1


def test_block_refuses_a_boundary(account, world):
    rail(account, "alice-reads", "user/alice", "s3:GetObject", "allowed",
         resource="arn:aws:s3:::reports/q1.csv")
    boundary = run(account, "iam:CreatePolicy", policy_name="boundary",
                   policy_document=NOTHING)
    refused(account, "iam:PutUserPermissionsBoundary", user_name="alice",
            permissions_boundary=boundary.arn)
    world["alice"].refresh_from_db()
    assert world["alice"].permissions_boundary_id is None


def test_block_refuses_a_trust_policy_change(account, world):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action":
             "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}
    run(account, "iam:CreateRole", role_name="ops", assume_role_policy_document=trust)
    run(account, "iam:AttachUserPolicy", user_name="alice", policy_arn=world["all"].arn)
    rail(account, "alice-no-ops", "user/alice", "sts:AssumeRole", "denied",
         resource=arn(account, "role/ops"))
    opened = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action":
              "sts:AssumeRole", "Principal": {"AWS": arn(account, "user/alice")}}]}
    refused(account, "iam:UpdateAssumeRolePolicy", role_name="ops", policy_document=opened)
    assert "ec2.amazonaws.com" in Role.objects.get(name="ops").trust_policy


def test_warn_commits_and_the_event_carries_the_warning(account, world):
    rail(account, "no-create-user", "user/alice", "iam:CreateUser", "denied", mode="warn")
    since = last_event_pk()
    run(account, "iam:AttachUserPolicy", user_name="alice", policy_arn=world["all"].arn)
    (event,) = latest_events(since)
    assert event.error_code == ""
    (warning,) = event.record["additionalEventData"]["guardRailWarnings"]
    assert warning["name"] == "no-create-user"
    assert warning["detail"] == "user/alice: allowed"
    assert PolicyAttachment.objects.filter(user=world["alice"]).exists()
    assert GuardRail.objects.get().last_status == "broken"


def test_a_rail_already_broken_does_not_block_other_changes(account, world):
    rail(account, "alice-writes", "user/alice", "s3:PutObject", "allowed")
    run(account, "iam:PutUserPolicy", user_name="alice", policy_name="other",
        policy_document=NOTHING)
    assert InlinePolicy.objects.filter(name="other").exists()


def test_a_change_that_mends_a_rail_records_it(account, world):
    broken = rail(account, "alice-creates", "user/alice", "iam:CreateUser", "allowed")
    assert broken.last_status == "broken"
    run(account, "iam:AttachUserPolicy", user_name="alice", policy_arn=world["all"].arn)
    assert GuardRail.objects.get().last_status == "holds"


def test_a_group_rail_holds_for_every_member(account, world):
    devs = rail(account, "devs", "group/Developers", "iam:CreateUser", "denied")
    assert devs.last_status == "holds"
    refused(account, "iam:AttachUserPolicy", user_name="bob", policy_arn=world["all"].arn)


def test_context_entries_take_part(account, world):
    tagged = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": "ssm:StartSession", "Resource": "*",
              "Condition": {"StringEquals": {"ssm:resourceTag/Env": "dev"}}}]}
    run(account, "iam:PutUserPolicy", user_name="bob", policy_name="ssm",
        policy_document=tagged)
    untagged = rail(account, "untagged", "user/bob", "ssm:StartSession", "denied",
                    resource="arn:aws:ec2:us-east-1:111111111111:instance/i-1")
    dev = rail(account, "dev", "user/bob", "ssm:StartSession", "allowed",
               resource="arn:aws:ec2:us-east-1:111111111111:instance/i-1",
               context={"ssm:resourceTag/Env": ["dev"]})
    assert (untagged.last_status, dev.last_status) == ("holds", "holds")


def test_other_accounts_rails_are_not_rechecked(account, other_account, world):
    other = build(other_account)
    rail(other_account, "no-create-user", "user/alice", "iam:CreateUser", "denied")
    run(account, "iam:AttachUserPolicy", user_name="alice", policy_arn=world["all"].arn)
    assert PolicyAttachment.objects.filter(user=world["alice"]).exists()
    assert other["alice"].pk != world["alice"].pk
