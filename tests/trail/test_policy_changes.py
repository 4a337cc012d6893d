"""A policy change keeps the document it replaced in its event (additionalEventData), and
event history shows before and after side by side (REST: the same, as a unified diff)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import TrailEvent
from accounts.operations.roles import UpdateAssumeRolePolicy
from iamconsole.exceptions import MalformedPolicyDocument
from iamconsole.operations import OPERATIONS, root_caller
from iamconsole.trail.changes import PREVIOUS, policy_change
from policies.operations.inline import DeleteRolePolicy, PutRolePolicy, PutUserPolicy
from policies.operations.managed import DeletePolicy
from policies.operations.versions import CreatePolicyVersion, SetDefaultPolicyVersion
from policies.services import policy_create
from tests.documents import allow, document
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db

READ = document(allow("s3:GetObject", "*"))
WRITE = document(allow("s3:PutObject", "*"))


def _event(name):
    return TrailEvent.objects.filter(event_name=name).latest("pk")


def _change(name):
    change = policy_change(_event(name).record)
    assert change is not None
    return change


def test_put_user_policy_new_then_replaced(account, alice):
    caller = root_caller(account)
    caller.run(PutUserPolicy, user_name=alice.name, policy_name="s3", policy_document=READ)
    first = _change("PutUserPolicy")
    assert first.before == "" and "s3:GetObject" in first.after
    caller.run(PutUserPolicy, user_name=alice.name, policy_name="S3", policy_document=WRITE)
    record = _event("PutUserPolicy").record
    assert json.loads(record["additionalEventData"][PREVIOUS]) == READ
    change = policy_change(record)
    assert "s3:GetObject" in change.before and "s3:PutObject" in change.after
    assert change.diff.removed == change.diff.added == 1


def test_delete_role_policy_keeps_the_old_document_against_nothing(account):
    role = RoleFactory(account=account, name="app")
    caller = root_caller(account)
    caller.run(PutRolePolicy, role_name="app", policy_name="s3", policy_document=READ)
    with CaptureQueriesContext(connection) as queries:
        caller.run(DeleteRolePolicy, role_name=role.name, policy_name="S3")
    deletes = [q for q in queries.captured_queries if "DELETE" in q["sql"]]
    assert len(deletes) == 1  # the document comes back from the DELETE itself
    change = _change("DeleteRolePolicy")
    assert "s3:GetObject" in change.before and change.after == ""
    assert not role.inline_policies.exists()


def test_policy_versions_against_the_previous_default(account):
    policy = policy_create(account=account, name="p", policy_document=READ)
    caller = root_caller(account)
    caller.run(CreatePolicyVersion, policy_arn=policy.arn, policy_document=WRITE)
    change = _change("CreatePolicyVersion")  # not the default: v1 (default) against v2
    assert "GetObject" in change.before and "PutObject" in change.after
    caller.run(SetDefaultPolicyVersion, policy_arn=policy.arn, version_id="v2")
    record = _event("SetDefaultPolicyVersion").record
    change = policy_change(record)
    assert "GetObject" in change.before and "PutObject" in change.after
    caller.run(CreatePolicyVersion, policy_arn=policy.arn, policy_document=READ,
               set_as_default=True)
    change = _change("CreatePolicyVersion")  # v2 was the default before v3 replaced it
    assert "PutObject" in change.before and "GetObject" in change.after
    caller.run(DeletePolicy, policy_arn=policy.arn, with_dependents=True)
    change = _change("DeletePolicy")  # the default (v3) against nothing
    assert "GetObject" in change.before and change.after == ""


def test_update_assume_role_policy_keeps_the_old_trust(account):
    role = RoleFactory(account=account, name="app")
    old = role.trust_policy
    new = document(allow("sts:AssumeRole", None, Principal={"Service": "lambda.amazonaws.com"}))
    root_caller(account).run(UpdateAssumeRolePolicy, role_name="app", policy_document=new)
    record = _event("UpdateAssumeRolePolicy").record
    assert record["additionalEventData"][PREVIOUS] == old
    change = policy_change(record)
    assert "ec2.amazonaws.com" in change.before and "lambda.amazonaws.com" in change.after


def test_organizations_update_policy_content(account):
    caller = root_caller(account)

    def run(operation, **inputs):
        return OPERATIONS[f"organizations:{operation}"](caller=caller, **inputs).run()

    run("CreateOrganization")
    deny = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]})
    created = run("CreatePolicy", name="NoUsers", content=deny,
                  type="SERVICE_CONTROL_POLICY")["Policy"]["PolicySummary"]
    run("UpdatePolicy", policy_id=created["Id"], content=deny.replace("CreateUser", "*"))
    change = _change("UpdatePolicy")
    assert '"iam:CreateUser"' in change.before and '"iam:*"' in change.after
    run("UpdatePolicy", policy_id=created["Id"], description="no document change")
    assert policy_change(_event("UpdatePolicy").record) is None
    run("DeletePolicy", policy_id=created["Id"])
    change = _change("DeletePolicy")
    assert '"iam:*"' in change.before and change.after == ""


def test_a_failed_change_and_other_events_show_no_change(account, alice):
    caller = root_caller(account)
    with pytest.raises(MalformedPolicyDocument):
        caller.run(PutUserPolicy, user_name=alice.name, policy_name="s3",
                   policy_document="{not json")
    assert policy_change(_event("PutUserPolicy").record) is None
    assert "additionalEventData" not in _event("PutUserPolicy").record


def test_the_event_pages_show_the_diff(account, alice, root_client, root_api):
    caller = root_caller(account)
    caller.run(PutUserPolicy, user_name=alice.name, policy_name="s3", policy_document=READ)
    caller.run(PutUserPolicy, user_name=alice.name, policy_name="s3", policy_document=WRITE)
    event = _event("PutUserPolicy")
    page = root_client.get(f"/event-history/{event.event_id}/").content.decode()
    assert "Policy document change" in page
    assert "Removed: </span>" in page and "Added: </span>" in page
    assert "1 line removed" in page
    body = root_api.get(f"/api/v1/events/{event.event_id}/").json()
    assert body["event"]["eventID"] == str(event.event_id)
    change = body["policy_change"]
    assert change["removed"] == change["added"] == 1
    assert any(line.startswith("-") and "GetObject" in line for line in change["diff"])
    assert any(line.startswith("+") and "PutObject" in line for line in change["diff"])
    other = TrailEvent.objects.exclude(event_name="PutUserPolicy").first()
    assert root_api.get(f"/api/v1/events/{other.event_id}/").json()["policy_change"] is None
    assert "Policy document change" not in root_client.get(
        f"/event-history/{other.event_id}/").content.decode()
    missing = root_api.get("/api/v1/events/00000000-0000-0000-0000-000000000000/")
    assert missing.status_code == 404
