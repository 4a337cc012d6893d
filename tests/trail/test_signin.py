"""Console sign-ins on the trail: ConsoleLogin, success or failure, never the password."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import TrailEvent
from iamconsole.trail.redaction import HIDDEN
from tests.helpers import ROOT_PASSWORD, USER_PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_a_sign_in_is_recorded(account, alice):
    sign_in(Client(), alice)
    event = TrailEvent.objects.get(event_name="ConsoleLogin")
    record = event.record
    assert record["eventSource"] == "signin.amazonaws.com"
    assert record["eventType"] == "AwsConsoleSignIn"
    assert record["responseElements"] == {"ConsoleLogin": "Success"}
    assert record["userIdentity"]["userName"] == alice.name
    assert record["additionalEventData"]["MFAUsed"] == "No"
    assert event.account_id == account.pk and event.user_name == alice.name


def test_a_failed_sign_in_is_recorded_without_the_password(account, alice):
    Client().post("/signin/", {"mode": "iam", "account": account.account_id,
                               "user_name": "nobody", "password": USER_PASSWORD})
    Client().post("/signin/", {"email": account.root_email, "password": "wrong-" + ROOT_PASSWORD})
    failures = TrailEvent.objects.filter(event_name="ConsoleLogin", account=account)
    assert failures.count() == 2
    for event in failures:
        assert event.record["responseElements"] == {"ConsoleLogin": "Failure"}
        assert event.record["errorMessage"] == "Failed authentication"
        assert "Pass" not in str(event.record) and "Horse" not in str(event.record)
    user_failure = failures.get(record__userIdentity__type="IAMUser")
    assert user_failure.record["userIdentity"]["userName"] == HIDDEN
