"""Retention: each account keeps its events a number of days (UpdateTrail sets it), and
older events are purged by `purge_trail` and, now and then, by event history itself."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Account, TrailEvent
from accounts.operations.trail import LookupEvents, UpdateTrail
from accounts.operations.users import CreateUser
from accounts.services import account_create
from accounts.services.trail import trail_purge
from iamconsole.exceptions import InvalidInput
from iamconsole.operations import root_caller
from tests.helpers import user_client

pytestmark = pytest.mark.django_db


def _events(account, *ages_in_days):
    """One event per age, written that many days ago."""
    caller = root_caller(account)
    for age in ages_in_days:
        caller.run(CreateUser, user_name=f"u{uuid.uuid4().hex[:12]}")
        TrailEvent.objects.filter(pk=TrailEvent.objects.latest("pk").pk).update(
            event_time=timezone.now() - timedelta(days=age))


@pytest.fixture
def other(db):
    return account_create(account_id="222222222222", root_email="root@other.example",
                          root_password="Other-Root-Password-2026!")


@pytest.mark.parametrize("days", [0, 3651, -1, "30", True, None])
def test_the_retention_is_a_number_of_days_from_1_to_3650(account, days):
    with pytest.raises(InvalidInput) as refused:
        root_caller(account).run(UpdateTrail, retention_days=days)
    assert refused.value.field == "retention_days"
    assert "1 to 3,650" in refused.value.message


def test_update_trail_sets_the_retention_and_is_on_the_trail(account):
    out = root_caller(account).run(UpdateTrail, retention_days=30)
    assert out["TrailARN"] == "arn:aws:cloudtrail:us-east-1:111111111111:trail/iamconsole"
    account.refresh_from_db()
    assert account.trail_retention_days == 30
    event = TrailEvent.objects.get(event_name="UpdateTrail")
    assert event.event_source == "cloudtrail.amazonaws.com"
    assert event.record["requestParameters"] == {"retentionDays": 30}


def test_purge_trail_deletes_by_each_accounts_retention(account, other):
    root_caller(account).run(UpdateTrail, retention_days=30)
    _events(account, 1, 31, 400)
    _events(other, 1, 31, 89, 91)
    orphan = TrailEvent.objects.create(
        event_id="00000000-0000-0000-0000-000000000001", event_source="sts.amazonaws.com",
        event_name="GetCallerIdentity", event_time=timezone.now() - timedelta(days=91),
        record={})
    out = io.StringIO()
    call_command("purge_trail", stdout=out)
    assert "Deleted 4 trail events." in out.getvalue()
    cutoff = timezone.now() - timedelta(days=30)
    mine = TrailEvent.objects.filter(account=account)
    assert not mine.filter(event_time__lt=cutoff).exists() and mine.exists()
    ages = sorted((timezone.now() - e.event_time).days
                  for e in TrailEvent.objects.filter(account=other))
    assert ages == [1, 31, 89]  # within its 90 days
    assert not TrailEvent.objects.filter(pk=orphan.pk).exists()
    assert trail_purge() == 0  # idempotent: a second (or concurrent) run finds nothing


def test_event_history_purges_now_and_then(account):
    caller = root_caller(account)
    _events(account, 100)
    cache.clear()
    caller.run(LookupEvents)
    assert not TrailEvent.objects.filter(event_time__lt=timezone.now() - timedelta(days=90),
                                         account=account).exists()
    _events(account, 100)
    with CaptureQueriesContext(connection) as queries:
        caller.run(LookupEvents)  # purged moments ago: not again
    assert not [q for q in queries.captured_queries if q["sql"].startswith("DELETE")]
    assert TrailEvent.objects.filter(event_time__lt=timezone.now() - timedelta(days=90),
                                     account=account).count() == 1


def test_the_console_sets_the_retention(account, root_client):
    page = root_client.get("/event-history/").content.decode()
    assert 'name="retention_days"' in page and 'value="90"' in page
    response = root_client.post("/event-history/retention/", {"retention_days": "7"})
    assert response.status_code == 302
    assert Account.objects.get(pk=account.pk).trail_retention_days == 7
    refused = root_client.post("/event-history/retention/", {"retention_days": "4000"})
    assert refused.status_code == 400
    assert "1 to 3,650" in refused.content.decode()
    assert Account.objects.get(pk=account.pk).trail_retention_days == 7


def test_a_caller_without_update_trail_sees_the_retention_and_is_refused(account, aws_policy):
    client: Client = user_client(account, "auditor", aws_policy("AWSCloudTrail_ReadOnlyAccess"))
    page = client.get("/event-history/").content.decode()
    assert 'name="retention_days"' not in page and "Events are kept 90 days" in page
    assert client.post("/event-history/retention/", {"retention_days": "7"}).status_code == 403
    assert Account.objects.get(pk=account.pk).trail_retention_days == 90
    assert TrailEvent.objects.filter(event_name="UpdateTrail", error_code="AccessDenied",
                                     user_name="auditor").exists()


def test_the_api_sets_the_retention(account, root_api):
    response = root_api.put("/api/v1/events/retention/", {"retention_days": 365})
    assert response.status_code == 200 and response.json()["RetentionDays"] == 365
    refused = root_api.put("/api/v1/events/retention/", {"retention_days": "soon"})
    assert refused.status_code == 400 and refused.json()["field"] == "retention_days"
