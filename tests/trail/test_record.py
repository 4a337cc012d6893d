"""Every operation leaves one event in CloudTrail's format, in the transaction of its change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import IamUser, TrailEvent
from accounts.operations.access_keys import CreateAccessKey
from accounts.operations.users import CreateUser, GetUser
from iamconsole.exceptions import EntityAlreadyExists
from iamconsole.operations import Caller, root_caller
from iamconsole.trail.redaction import HIDDEN
from tests.trail_scan import RECORD_FIELDS, secrets_in_trail

pytestmark = pytest.mark.django_db


def test_a_write_writes_one_event_with_aws_field_names(account):
    root_caller(account).run(CreateUser, user_name="bob", path="/ops/")
    event = TrailEvent.objects.get()
    record = event.record
    assert RECORD_FIELDS <= set(record)
    assert record["eventSource"] == "iam.amazonaws.com"
    assert record["eventName"] == "CreateUser"
    assert record["readOnly"] is False and record["managementEvent"] is True
    assert record["eventType"] == "AwsApiCall"
    assert record["recipientAccountId"] == account.account_id
    assert record["userIdentity"]["type"] == "Root"
    assert record["userIdentity"]["arn"] == account.root_arn
    assert record["requestParameters"]["userName"] == "bob"
    assert record["requestParameters"]["path"] == "/ops/"
    user = IamUser.objects.get(name="bob")
    assert record["responseElements"]["user"]["userId"] == user.unique_id
    assert record["responseElements"]["user"]["arn"] == user.arn
    assert record["resources"][0]["type"] == "AWS::IAM::User"
    assert "errorCode" not in record


def test_a_read_is_recorded_read_only_without_response(account, alice):
    root_caller(account).run(GetUser, user_name=alice.name)
    record = TrailEvent.objects.get().record
    assert record["readOnly"] is True and record["responseElements"] is None


def test_a_failed_write_records_its_error_and_changes_nothing(account, alice):
    with pytest.raises(EntityAlreadyExists):
        root_caller(account).run(CreateUser, user_name=alice.name)
    event = TrailEvent.objects.get()
    assert event.error_code == "EntityAlreadyExists"
    assert event.record["errorCode"] == "EntityAlreadyExists"
    assert event.record["errorMessage"]
    assert IamUser.objects.count() == 1


def test_no_event_for_a_change_that_rolled_back(account, monkeypatch):
    """The change and its event commit together: when writing the event fails, the
    change is undone."""
    def broken(self):
        raise RuntimeError("disk full")
    monkeypatch.setattr(Caller, "write_events", broken)
    with pytest.raises(RuntimeError):
        root_caller(account).run(CreateUser, user_name="bob")
    monkeypatch.undo()
    assert not IamUser.objects.filter(name="bob").exists()
    assert not TrailEvent.objects.filter(error_code="").exists()


def test_a_denied_call_is_recorded(account, alice):
    from accounts.signin import user_principal
    caller = Caller(user_principal(alice))
    with pytest.raises(Exception) as raised:
        caller.run(CreateUser, user_name="mallory")
    assert getattr(raised.value, "code", "") == "AccessDenied"
    event = TrailEvent.objects.get()
    assert event.error_code == "AccessDenied"
    assert event.record["userIdentity"]["type"] == "IAMUser"
    assert event.record["userIdentity"]["userName"] == alice.name
    assert event.user_name == alice.name


def test_secrets_are_never_recorded(account, alice):
    created = root_caller(account).run(CreateAccessKey, user_name=alice.name)
    record = TrailEvent.objects.get().record
    assert record["responseElements"]["secretAccessKey"] == HIDDEN
    assert created.secret_access_key not in str(record)
    assert secrets_in_trail() == []


def test_the_trail_costs_a_write_one_query(account):
    caller = root_caller(account)
    caller.run(CreateUser, user_name="warm")
    with CaptureQueriesContext(connection) as queries:
        caller.run(CreateUser, user_name="bob")
    inserts = [q["sql"] for q in queries.captured_queries if "accounts_trailevent" in q["sql"]]
    assert len(inserts) == 1


def test_a_request_writes_its_reads_in_one_insert(account, alice, root_client):
    with CaptureQueriesContext(connection) as queries:
        response = root_client.get(f"/users/details/{alice.name}/")
    assert response.status_code == 200
    inserts = [q["sql"] for q in queries.captured_queries if "accounts_trailevent" in q["sql"]]
    assert len(inserts) == 1
    events = TrailEvent.objects.all()
    assert events and all(e.read_only for e in events.exclude(event_name="ConsoleLogin"))
    assert {e.record["sourceIPAddress"] for e in events} == {"127.0.0.1"}
